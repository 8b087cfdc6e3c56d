package io.lockscope.ingest.etw.export;

import io.lockscope.ingest.etw.kernel.KernelGroups;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.lockscope.ingest.etw.kernel.KernelGroups.*;

/**
 * Kernel event classes as exports name them — the MOF class name tracerpt prints ("FileIo", "ObTrace")
 * and the task GUID of {@code <EventGuid>} (etw-formats.md §2, §3.1, §3.2) — and, for tracerpt's
 * positional CSV payload, the MOF field order of each event type (§2.1–§2.4).
 */
final class KernelClasses {
    static final int NOT_KERNEL = -1;

    private static final Map<String, Integer> BY_NAME = Map.ofEntries(
            Map.entry("eventtrace", HEADER), Map.entry("diskio", DISK_IO), Map.entry("pagefault", MEMORY),
            Map.entry("process", PROCESS), Map.entry("fileio", FILE_IO), Map.entry("thread", THREAD),
            Map.entry("tcpip", TCP_IP), Map.entry("udpip", UDP_IP), Map.entry("registry", REGISTRY),
            Map.entry("systemconfig", SYSTEM_CONFIG), Map.entry("perfinfo", PERF_INFO),
            Map.entry("obtrace", OBJECT), Map.entry("object", OBJECT), Map.entry("image", IMAGE),
            Map.entry("imageload", IMAGE), Map.entry("stackwalk", STACK_WALK));

    private static final Map<String, Integer> BY_GUID = Map.ofEntries(
            Map.entry("68fdd900-4a3e-11d1-84f4-0000f80464e3", HEADER),
            Map.entry("3d6fa8d4-fe05-11d0-9dda-00c04fd7ba7c", DISK_IO),
            Map.entry("3d6fa8d3-fe05-11d0-9dda-00c04fd7ba7c", MEMORY),
            Map.entry("3d6fa8d0-fe05-11d0-9dda-00c04fd7ba7c", PROCESS),
            Map.entry("90cbdc39-4a3e-11d1-84f4-0000f80464e3", FILE_IO),
            Map.entry("3d6fa8d1-fe05-11d0-9dda-00c04fd7ba7c", THREAD),
            Map.entry("ae53722e-c863-11d2-8659-00c04fa321a1", REGISTRY),
            Map.entry("89497f50-effe-4440-8cf2-ce6b1cdcaca7", OBJECT),
            Map.entry("2cb15d1d-5fc1-11d2-abe1-00a0c911f518", IMAGE),
            Map.entry("def2fe46-7bd6-4b80-bd94-f57fe20d0ce3", STACK_WALK),
            Map.entry("ce1dbfb4-137e-4da6-87b0-3f59aa102cbc", PERF_INFO));

    private static final List<String> PROCESS_V3 = List.of("UniqueProcessKey", "ProcessId", "ParentId", "SessionId",
            "ExitStatus", "DirectoryTableBase", "UserSID", "ImageFileName", "CommandLine", "PackageFullName",
            "ApplicationId");
    private static final List<String> PROCESS_V4 = List.of("UniqueProcessKey", "ProcessId", "ParentId", "SessionId",
            "ExitStatus", "DirectoryTableBase", "Flags", "UserSID", "ImageFileName", "CommandLine",
            "PackageFullName", "ApplicationId");
    private static final List<String> THREAD_FIELDS = List.of("ProcessId", "TThreadId", "StackBase", "StackLimit",
            "UserStackBase", "UserStackLimit", "Affinity", "Win32StartAddr", "TebBase", "SubProcessTag",
            "BasePriority", "PagePriority", "IoPriority", "ThreadFlags");
    private static final List<String> IMAGE_LOAD = List.of("ImageBase", "ImageSize", "ProcessId", "ImageChecksum",
            "TimeDateStamp", "SignatureLevel", "SignatureType", "Reserved0", "DefaultBase", "Reserved1", "Reserved2",
            "Reserved3", "Reserved4", "FileName");
    private static final List<String> REGISTRY_FIELDS = List.of("InitialTime", "Status", "Index", "KeyHandle", "KeyName");

    /**
     * SysConfig VolumeMapping (provider 9b79ee91-b5fd-41c0-a243-4248e266e9d0, event type 35): NT device
     * path → drive, as the ETL reader takes it (etw-formats.md §2.4). How tracerpt names that class is
     * UNVERIFIED; lockscope accepts the TraceEvent name "SysConfig" or the provider GUID.
     */
    static final String SYS_CONFIG = "SysConfig";
    static final String SYS_CONFIG_GUID = "9b79ee91-b5fd-41c0-a243-4248e266e9d0";
    static final int VOLUME_MAPPING = 35;
    static final List<String> VOLUME_MAPPING_FIELDS = List.of("NtPath", "DosPath");

    private KernelClasses() {
    }

    /** The kernel group of a MOF class name, {@link #NOT_KERNEL} for any other provider. */
    static int byName(String className) {
        return BY_NAME.getOrDefault(className.toLowerCase(Locale.ROOT), NOT_KERNEL);
    }

    /** The kernel group of a task GUID (with or without braces), {@link #NOT_KERNEL} when not a kernel one. */
    static int byGuid(String guid) {
        String g = guid.trim().toLowerCase(Locale.ROOT);
        if (g.startsWith("{") && g.endsWith("}")) {
            g = g.substring(1, g.length() - 1);
        }
        return BY_GUID.getOrDefault(g, NOT_KERNEL);
    }

    /**
     * The payload field names of {@code group}/{@code opcode} in MOF order for event {@code version};
     * null when lockscope has no layout for it (the event stays "other", its payload unread). FileIo
     * v2 puts TTID, as a pointer, right after IrpPtr; v3 moves it after the pointers (§2.1).
     */
    static List<String> layout(int group, int opcode, int version) {
        boolean v2 = version <= 2;
        return switch (group) {
            case KernelGroups.PROCESS -> opcode == PROCESS_LOAD_IMAGE ? IMAGE_LOAD
                    : opcode <= 4 || opcode == 39 ? (version >= 4 ? PROCESS_V4 : PROCESS_V3) : null;
            case KernelGroups.THREAD -> opcode >= 1 && opcode <= 4 ? THREAD_FIELDS : null;
            case KernelGroups.IMAGE -> opcode >= 2 && opcode <= 4 || opcode == PROCESS_LOAD_IMAGE ? IMAGE_LOAD : null;
            case KernelGroups.REGISTRY -> opcode >= 10 && opcode <= 27 ? REGISTRY_FIELDS : null;
            case KernelGroups.OBJECT -> switch (opcode) {
                case 32, 33 -> List.of("Object", "Handle", "ObjectType", "ObjectName");
                case 34 -> List.of("Object", "SourceHandle", "TargetHandle", "TargetProcessId", "ObjectType",
                        "SourceProcessId");
                case 36, 37 -> List.of("ObjectType", "Reserved", "TypeName");
                case 38, 39 -> List.of("Object", "ProcessId", "Handle", "ObjectType", "ObjectName");
                default -> null;
            };
            case KernelGroups.FILE_IO -> fileIo(opcode, v2);
            default -> null;
        };
    }

    private static List<String> fileIo(int opcode, boolean v2) {
        return switch (opcode) {
            case FILE_NAME, FILE_CREATE_NAME, FILE_DELETE_NAME, FILE_RUNDOWN ->
                    List.of("FileObject", "FileName");
            case FILE_CREATE ->
                    v2 ? List.of("IrpPtr", "TTID", "FileObject", "CreateOptions", "FileAttributes", "ShareAccess", "OpenPath")
                            : List.of("IrpPtr", "FileObject", "TTID", "CreateOptions", "FileAttributes", "ShareAccess", "OpenPath");
            case FILE_CLEANUP, FILE_CLOSE, FILE_FLUSH ->
                    v2 ? List.of("IrpPtr", "TTID", "FileObject", "FileKey")
                            : List.of("IrpPtr", "FileObject", "FileKey", "TTID");
            case FILE_READ, FILE_WRITE ->
                    v2 ? List.of("Offset", "IrpPtr", "TTID", "FileObject", "FileKey", "IoSize", "IoFlags")
                            : List.of("Offset", "IrpPtr", "FileObject", "FileKey", "TTID", "IoSize", "IoFlags");
            case FILE_SET_INFO, FILE_DELETE, FILE_RENAME, FILE_QUERY_INFO, FILE_FS_CONTROL ->
                    v2 ? List.of("IrpPtr", "TTID", "FileObject", "FileKey", "ExtraInfo", "InfoClass")
                            : List.of("IrpPtr", "FileObject", "FileKey", "ExtraInfo", "TTID", "InfoClass");
            case FILE_DIR_ENUM, FILE_DIR_NOTIFY ->
                    v2 ? List.of("IrpPtr", "TTID", "FileObject", "FileKey", "Length", "InfoClass", "FileIndex", "FileName")
                            : List.of("IrpPtr", "FileObject", "FileKey", "TTID", "Length", "InfoClass", "FileIndex", "FileName");
            case FILE_DELETE_PATH, FILE_RENAME_PATH, FILE_SET_LINK_PATH ->
                    List.of("IrpPtr", "FileObject", "FileKey", "ExtraInfo", "TTID", "InfoClass", "FileName");
            case FILE_OP_END ->
                    List.of("IrpPtr", "ExtraInfo", "NtStatus");
            case 96, 97 ->
                    List.of("RoutineAddr", "FileObject", "FileContext", "IrpPtr", "CallbackDataPtr", "MajorFunction");
            case 98, 99 ->
                    List.of("InitialTime", "RoutineAddr", "FileObject", "FileContext", "IrpPtr", "CallbackDataPtr",
                            "MajorFunction");
            case 100, 101 ->
                    List.of("RoutineAddr", "FileObject", "FileContext", "IrpPtr", "CallbackDataPtr", "MajorFunction",
                            "Status");
            default -> null;
        };
    }
}
