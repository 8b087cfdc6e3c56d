package io.lockscope.ingest.etw.kernel;

import io.lockscope.ingest.etw.etl.TraceRecord;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Names of ETW events as TraceEvent (microsoft/perfview {@code KernelTraceEventParser.cs},
 * {@code KernelTraceControl} parsers) spells them: provider, task and opcode, so that lockscope's
 * {@code Task/Opcode} operation names and counts compare directly with a TraceEvent dump. An opcode
 * TraceEvent does not name is {@code Opcode(n)}; an opcode-0 ("Info") event is named by its task alone.
 */
public final class EventNames {
    public static final String KERNEL_PROVIDER = "Windows Kernel";
    public static final String KERNEL_TRACE_CONTROL = "KernelTraceControl";

    /** SysConfig events that xperf/relogger merges add (classic FULL_HEADER records). */
    public static final UUID SYS_CONFIG = UUID.fromString("9b79ee91-b5fd-41c0-a243-4248e266e9d0");
    private static final UUID IMAGE_ID = UUID.fromString("b3e675d7-2554-4f18-830b-2762732560de");
    private static final UUID META_DATA = UUID.fromString("bbccf6c1-6cd1-48c4-80ff-839482e37671");

    /**
     * A resolved name.
     *
     * @param taskOpcode "Process/DCStop", or "EventTrace" for an opcode-0 event
     */
    public record Name(String provider, String task, String opcode, String taskOpcode) {
        static Name of(String provider, String task, String opcode) {
            return new Name(provider, task, opcode, opcode.isEmpty() ? task : task + "/" + opcode);
        }

        /** "Windows Kernel/Process/DCStop", TraceEvent's {@code ProviderName/EventName}. */
        public String full() {
            return provider + "/" + taskOpcode;
        }
    }

    /** Kernel names by HookId, made once: every record of a trace asks. */
    private static final Name[] KERNEL_NAMES = new Name[1 << 16];

    private static final Map<Integer, String> TASKS = new HashMap<>();
    private static final Map<Integer, String> OPCODES = new HashMap<>();

    private static void group(int group, String task, Object... opcodeNames) {
        TASKS.put(group, task);
        for (int i = 0; i < opcodeNames.length; i += 2) {
            OPCODES.put(group << 8 | (Integer) opcodeNames[i], (String) opcodeNames[i + 1]);
        }
    }

    static {
        group(KernelGroups.HEADER, "EventTrace", 0, "", 5, "Extension", 8, "RundownComplete", 32, "EndExtension");
        group(KernelGroups.DISK_IO, "DiskIO", 10, "Read", 11, "Write", 12, "ReadInit", 13, "WriteInit",
                14, "FlushBuffers", 15, "FlushInit");
        group(KernelGroups.MEMORY, "Memory", 10, "TransitionFault", 11, "DemandZeroFault", 12, "CopyOnWrite",
                13, "GuardPageFault", 14, "HardPageFault", 15, "AccessViolation", 32, "HardFault");
        group(KernelGroups.PROCESS, "Process", 1, "Start", 2, "Stop", 3, "DCStart", 4, "DCStop", 11, "Terminate",
                32, "PerfCtr", 33, "PerfCtrRundown", 39, "Defunct");
        group(KernelGroups.FILE_IO, "FileIO", 0, "Name", 32, "FileCreate", 35, "FileDelete", 36, "FileRundown",
                37, "MapFile", 38, "UnmapFile", 39, "MapFileDCStart", 40, "MapFileDCStop",
                64, "Create", 65, "Cleanup", 66, "Close", 67, "Read", 68, "Write", 69, "SetInfo", 70, "Delete",
                71, "Rename", 72, "DirEnum", 73, "Flush", 74, "QueryInfo", 75, "FSControl", 76, "OperationEnd",
                77, "DirNotify", 79, "DeletePath", 80, "RenamePath", 81, "SetLinkPath",
                // minifilter opcodes: TraceEvent has no parser; names of the kernel manifest (etw-formats.md §2.1)
                96, "PreOpInit", 97, "PostOpInit", 98, "PreOpCompletion", 99, "PostOpCompletion",
                100, "PreOpFailure", 101, "PostOpFailure");
        group(KernelGroups.THREAD, "Thread", 1, "Start", 2, "Stop", 3, "DCStart", 4, "DCStop", 36, "CSwitch",
                50, "ReadyThread", 72, "SetName");
        group(KernelGroups.TCP_IP, "TcpIp", 10, "Send", 11, "Recv", 12, "Connect", 13, "Disconnect",
                14, "Retransmit", 15, "Accept", 16, "Reconnect", 17, "Fail", 18, "TCPCopy", 26, "SendIPV6",
                27, "RecvIPV6", 28, "ConnectIPV6", 29, "DisconnectIPV6", 30, "RetransmitIPV6", 31, "AcceptIPV6",
                32, "ReconnectIPV6", 34, "TCPCopyIPV6");
        group(KernelGroups.UDP_IP, "UdpIp", 10, "Send", 11, "Recv", 17, "Fail", 26, "SendIPV6", 27, "RecvIPV6");
        group(KernelGroups.REGISTRY, "Registry", 10, "Create", 11, "Open", 12, "Delete", 13, "Query",
                14, "SetValue", 15, "DeleteValue", 16, "QueryValue", 17, "EnumerateKey", 18, "EnumerateValueKey",
                19, "QueryMultipleValue", 20, "SetInformation", 21, "Flush", 22, "KCBCreate", 23, "KCBDelete",
                24, "KCBRundownBegin", 25, "KCBRundownEnd", 26, "Virtualize", 27, "Close");
        group(KernelGroups.SYSTEM_CONFIG, "SystemConfig", 10, "CPU", 11, "PhyDisk", 12, "LogDisk", 13, "NIC",
                14, "Video", 15, "Services", 16, "Power", 17, "Network", 21, "IRQ", 22, "PnP", 23, "IDEChannel",
                25, "Platform");
        group(KernelGroups.PERF_INFO, "PerfInfo", 46, "Sample", 73, "CollectionStart", 74, "CollectionEnd");
        group(KernelGroups.OBJECT, "Object", 32, "CreateHandle", 33, "CloseHandle", 34, "DuplicateHandle",
                36, "TypeDCStart", 37, "TypeDCStop", 38, "HandleDCStart", 39, "HandleDCStop",
                48, "CreateObject", 49, "DeleteObject", 50, "ReferenceObject", 51, "DereferenceObject");
        group(KernelGroups.IMAGE, "Image", 2, "Unload", 3, "DCStart", 4, "DCStop", 10, "Load");
        group(KernelGroups.STACK_WALK, "StackWalk", 32, "Stack");
    }

    private EventNames() {
    }

    /** The name of a kernel (SYSTEM/COMPACT/PERFINFO) record or of a classic record this class knows. */
    public static Name of(TraceRecord r) {
        if (r.kind() == TraceRecord.Kind.KERNEL) {
            return kernel(r.group(), r.type());
        }
        if (r.kind() == TraceRecord.Kind.CLASSIC) {
            if (r.guidEquals(SYS_CONFIG)) {
                return Name.of(KERNEL_PROVIDER, "SysConfig", switch (r.type()) {
                    case 32 -> "BuildInfo";
                    case 33 -> "SystemPaths";
                    case 34 -> "UnknownVolume";
                    case 35 -> "VolumeMapping";
                    default -> "Opcode(" + r.type() + ")";
                });
            }
            if (r.guidEquals(IMAGE_ID)) {
                return Name.of(KERNEL_TRACE_CONTROL, "ImageID", switch (r.type()) {
                    case 0 -> "";
                    case 32 -> "None";
                    case 36 -> "DbgID_RSDS";
                    case 37 -> "DbgID_ILRSDS";
                    case 64 -> "FileVersion";
                    default -> "Opcode(" + r.type() + ")";
                });
            }
            if (r.guidEquals(META_DATA)) {
                return Name.of(KERNEL_TRACE_CONTROL, "MetaData", r.type() == 32 ? "EventInfo"
                        : r.type() == 33 ? "EventMapInfo" : "Opcode(" + r.type() + ")");
            }
        }
        return null;
    }

    /** Kernel group/type; a live image load arrives as Process type 10 and is Image/Load (§2.4). */
    public static Name kernel(int group, int type) {
        int hook = (group & 0xFF) << 8 | (type & 0xFF);
        Name name = KERNEL_NAMES[hook];
        if (name == null) {
            name = group == KernelGroups.PROCESS && type == KernelGroups.PROCESS_LOAD_IMAGE
                    ? Name.of(KERNEL_PROVIDER, "Image", "Load")
                    : Name.of(KERNEL_PROVIDER, TASKS.getOrDefault(group, "Group(" + group + ")"),
                            OPCODES.getOrDefault(hook, "Opcode(" + type + ")"));
            KERNEL_NAMES[hook] = name; // benign race: equal values
        }
        return name;
    }
}
