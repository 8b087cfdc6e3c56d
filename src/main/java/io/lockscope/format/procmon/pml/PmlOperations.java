package io.lockscope.format.procmon.pml;

import io.lockscope.model.EventClass;
import io.lockscope.model.Operation;

import java.util.HashMap;
import java.util.Map;

/**
 * PML event class, operation and sub-operation numbers and the names procmon shows for them
 * (procmon-formats.md §1.14; eronnen/procmon-parser consts.py). A file-system operation whose
 * sub-operation byte is set is shown by the sub-operation's name, {@code <Unknown>} when procmon has
 * none for it. Names the {@link Operation} enum lacks are kept as text ({@link Operation#OTHER}).
 */
public final class PmlOperations {
    public static final int CLASS_PROCESS = 1;
    public static final int CLASS_REGISTRY = 2;
    public static final int CLASS_FILE_SYSTEM = 3;
    public static final int CLASS_PROFILING = 4;
    public static final int CLASS_NETWORK = 5;

    public static final String UNKNOWN = "<Unknown>";

    static final String[] PROCESS = {"Process Defined", "Process Create", "Process Exit", "Thread Create",
            "Thread Exit", "Load Image", "Thread Profile", "Process Start", "Process Statistics", "System Statistics"};

    static final String[] REGISTRY = {"RegOpenKey", "RegCreateKey", "RegCloseKey", "RegQueryKey", "RegSetValue",
            "RegQueryValue", "RegEnumValue", "RegEnumKey", "RegSetInfoKey", "RegDeleteKey", "RegDeleteValue",
            "RegFlushKey", "RegLoadKey", "RegUnloadKey", "RegRenameKey", "RegQueryMultipleValueKey",
            "RegSetKeySecurity", "RegQueryKeySecurity", "RegSaveKey", "RegLoadKey2", "RegRestoreKey"};

    static final String[] PROFILING = {"Thread Profiling", "Process Profiling", "Debug Output Profiling"};

    /** Network operation names; procmon prefixes "TCP " or "UDP " (§1.13). */
    static final String[] NETWORK = {"Unknown", "Other", "Send", "Receive", "Accept", "Connect", "Disconnect",
            "Reconnect", "Retransmit", "TCPCopy"};

    /** File-system operation = IRP major function + 20; below 20 FastIO / FsFilter callbacks. */
    static final String[] FILE_SYSTEM = {"VolumeDismount", "VolumeMount", "FASTIO_MDL_WRITE_COMPLETE", "WriteFile",
            "FASTIO_MDL_READ_COMPLETE", "ReadFile", "QueryOpen", "FASTIO_CHECK_IF_POSSIBLE", "IRP_MJ_12", "IRP_MJ_11",
            "IRP_MJ_10", "IRP_MJ_9", "IRP_MJ_8", "FASTIO_NOTIFY_STREAM_FO_CREATION", "FASTIO_RELEASE_FOR_CC_FLUSH",
            "FASTIO_ACQUIRE_FOR_CC_FLUSH", "FASTIO_RELEASE_FOR_MOD_WRITE", "FASTIO_ACQUIRE_FOR_MOD_WRITE",
            "FASTIO_RELEASE_FOR_SECTION_SYNCHRONIZATION", "CreateFileMapping", "CreateFile", "CreatePipe",
            "IRP_MJ_CLOSE", "ReadFile", "WriteFile", "QueryInformationFile", "SetInformationFile", "QueryEAFile",
            "SetEAFile", "FlushBuffersFile", "QueryVolumeInformation", "SetVolumeInformation", "DirectoryControl",
            "FileSystemControl", "DeviceIoControl", "InternalDeviceIoControl", "Shutdown", "LockUnlockFile",
            "CloseFile", "CreateMailSlot", "QuerySecurityFile", "SetSecurityFile", "Power", "SystemControl",
            "DeviceChange", "QueryFileQuota", "SetFileQuota", "PlugAndPlay"};

    public static final int FS_FASTIO_MDL_READ_COMPLETE = 4;
    public static final int FS_QUERY_OPEN = 6;
    public static final int FS_FASTIO_ACQUIRE_FOR_MOD_WRITE = 17;
    public static final int FS_CREATE_FILE_MAPPING = 19;
    public static final int FS_CREATE = 20;
    public static final int FS_READ = 23;
    public static final int FS_WRITE = 24;
    public static final int FS_QUERY_INFORMATION = 25;
    public static final int FS_SET_INFORMATION = 26;
    public static final int FS_QUERY_EA = 27;
    public static final int FS_SET_EA = 28;
    public static final int FS_QUERY_VOLUME_INFORMATION = 30;
    public static final int FS_SET_VOLUME_INFORMATION = 31;
    public static final int FS_DIRECTORY_CONTROL = 32;
    public static final int FS_FILE_SYSTEM_CONTROL = 33;
    public static final int FS_DEVICE_IO_CONTROL = 34;
    public static final int FS_LOCK_CONTROL = 37;
    public static final int FS_QUERY_SECURITY = 40;
    public static final int FS_SET_SECURITY = 41;
    public static final int FS_PNP = 47;

    public static final int SUB_QUERY_DIRECTORY = 1;
    public static final int SUB_NOTIFY_CHANGE_DIRECTORY = 2;
    public static final int SUB_LOCK = 1;
    public static final int SUB_UNLOCK_SINGLE = 2;

    public static final int INFO_BASIC = 0x04;
    public static final int INFO_STANDARD = 0x05;
    public static final int INFO_NETWORK_OPEN = 0x22;
    public static final int INFO_INTERNAL = 0x06;
    public static final int INFO_NAME = 0x09;
    public static final int INFO_ALL = 0x12;

    public static final int VOLUME_INFORMATION = 1;
    public static final int VOLUME_SIZE_INFORMATION = 3;
    public static final int VOLUME_ATTRIBUTE_INFORMATION = 5;
    public static final int VOLUME_FULL_SIZE_INFORMATION = 7;
    public static final int VOLUME_OBJECT_ID_INFORMATION = 8;
    public static final int INFO_ATTRIBUTE_TAG = 0x23;
    public static final int INFO_RENAME = 0x0A;
    public static final int INFO_LINK = 0x0B;
    public static final int INFO_DISPOSITION = 0x0D;
    public static final int INFO_ALLOCATION = 0x13;
    public static final int INFO_END_OF_FILE = 0x14;
    public static final int INFO_DISPOSITION_EX = 0x40;
    public static final int INFO_RENAME_EX = 0x41;
    public static final int INFO_RENAME_EX_BYPASS = 0x42;

    public static final int REG_OPEN_KEY = 0;
    public static final int REG_CREATE_KEY = 1;
    public static final int REG_QUERY_KEY = 3;
    public static final int REG_SET_VALUE = 4;
    public static final int REG_QUERY_VALUE = 5;
    public static final int REG_ENUM_VALUE = 6;
    public static final int REG_ENUM_KEY = 7;
    public static final int REG_SET_INFO_KEY = 8;
    public static final int REG_LOAD_KEY = 12;
    public static final int REG_RENAME_KEY = 14;

    public static final int PROC_DEFINED = 0;
    public static final int PROC_CREATE = 1;
    public static final int PROC_EXIT = 2;
    public static final int THREAD_CREATE = 3;
    public static final int THREAD_EXIT = 4;
    public static final int LOAD_IMAGE = 5;
    public static final int PROC_START = 7;
    public static final int PROC_STATISTICS = 8;

    private static final String[] QUERY_INFORMATION = sparse(0x46,
            0x04, "QueryBasicInformationFile", 0x05, "QueryStandardInformationFile",
            0x06, "QueryFileInternalInformationFile", 0x07, "QueryEaInformationFile",
            0x09, "QueryNameInformationFile", 0x0E, "QueryPositionInformationFile",
            0x12, "QueryAllInformationFile", 0x14, "QueryEndOfFile", 0x16, "QueryStreamInformationFile",
            0x1C, "QueryCompressionInformationFile", 0x1D, "QueryId", 0x1F, "QueryMoveClusterInformationFile",
            0x22, "QueryNetworkOpenInformationFile", 0x23, "QueryAttributeTagFile", 0x25, "QueryIdBothDirectory",
            0x27, "QueryValidDataLength", 0x28, "QueryShortNameInformationFile", 0x2B, "QueryIoPiorityHint",
            0x2E, "QueryLinks", 0x30, "QueryNormalizedNameInformationFile",
            0x31, "QueryNetworkPhysicalNameInformationFile", 0x32, "QueryIdGlobalTxDirectoryInformation",
            0x33, "QueryIsRemoteDeviceInformation", 0x34, "QueryAttributeCacheInformation",
            0x35, "QueryNumaNodeInformation", 0x36, "QueryStandardLinkInformation",
            0x37, "QueryRemoteProtocolInformation", 0x38, "QueryRenameInformationBypassAccessCheck",
            0x39, "QueryLinkInformationBypassAccessCheck", 0x3A, "QueryVolumeNameInformation",
            0x3B, "QueryIdInformation", 0x3C, "QueryIdExtdDirectoryInformation",
            0x3E, "QueryHardLinkFullIdInformation", 0x3F, "QueryIdExtdBothDirectoryInformation",
            0x43, "QueryDesiredStorageClassInformation", 0x44, "QueryStatInformation",
            0x45, "QueryMemoryPartitionInformation");

    private static final String[] SET_INFORMATION = sparse(0x4B,
            0x04, "SetBasicInformationFile", 0x0A, "SetRenameInformationFile", 0x0B, "SetLinkInformationFile",
            0x0D, "SetDispositionInformationFile", 0x0E, "SetPositionInformationFile",
            0x13, "SetAllocationInformationFile", 0x14, "SetEndOfFileInformationFile",
            0x16, "SetFileStreamInformation", 0x17, "SetPipeInformation",
            0x27, "SetValidDataLengthInformationFile", 0x28, "SetShortNameInformation",
            0x3D, "SetReplaceCompletionInformation", 0x40, "SetDispositionInformationEx",
            0x41, "SetRenameInformationEx", 0x42, "SetRenameInformationExBypassAccessCheck",
            0x4A, "SetStorageReservedIdInformation");

    private static final String[] QUERY_VOLUME = sparse(9, 1, "QueryInformationVolume",
            2, "QueryLabelInformationVolume", 3, "QuerySizeInformationVolume", 4, "QueryDeviceInformationVolume",
            5, "QueryAttributeInformationVolume", 6, "QueryControlInformationVolume",
            7, "QueryFullSizeInformationVolume", 8, "QueryObjectIdInformationVolume");

    private static final String[] SET_VOLUME = sparse(9, 1, "SetControlInformationVolume",
            2, "SetLabelInformationVolume", 8, "SetObjectIdInformationVolume");

    private static final String[] DIRECTORY_CONTROL = sparse(3, 1, "QueryDirectory", 2, "NotifyChangeDirectory");

    private static final String[] LOCK_CONTROL = sparse(5, 1, "LockFile", 2, "UnlockFileSingle", 3, "UnlockFileAll",
            4, "UnlockFileByKey");

    private static final String[] PNP = sparse(0x19, 0x00, "StartDevice", 0x01, "QueryRemoveDevice",
            0x02, "RemoveDevice", 0x03, "CancelRemoveDevice", 0x04, "StopDevice", 0x05, "QueryStopDevice",
            0x06, "CancelStopDevice", 0x07, "QueryDeviceRelations", 0x08, "QueryInterface",
            0x09, "QueryCapabilities", 0x0A, "QueryResources", 0x0B, "QueryResourceRequirements",
            0x0C, "QueryDeviceText", 0x0D, "FilterResourceRequirements", 0x0F, "ReadConfig", 0x10, "WriteConfig",
            0x11, "Eject", 0x12, "SetLock", 0x13, "QueryId2", 0x14, "QueryPnpDeviceState",
            0x15, "QueryBusInformation", 0x16, "DeviceUsageNotification", 0x17, "SurpriseRemoval",
            0x18, "QueryLegacyBusInformation");

    /**
     * The PML numbers of an operation: event class, operation, file-system sub-operation, and for the
     * network class whether it is TCP (a flag of the detail blob, not of the operation number).
     */
    public record Code(int eventClass, int operation, int subOperation, boolean tcp) {
    }

    /** Information class procmon 3.53 … 4.x has no name for; shown as {@code <Unknown>}. */
    static final int UNNAMED_QUERY_INFORMATION_CLASS = 0x46;

    private static final Map<String, Code> CODES = codes();

    /** The PML numbers of the operation procmon spells {@code name}, or null when procmon has none. */
    public static Code code(String name) {
        return CODES.get(name);
    }

    private static Map<String, Code> codes() {
        Map<String, Code> m = new HashMap<>();
        put(m, CLASS_PROCESS, PROCESS);
        put(m, CLASS_REGISTRY, REGISTRY);
        put(m, CLASS_PROFILING, PROFILING);
        // later entries win: ReadFile/WriteFile are IRP_MJ_READ/WRITE (23/24), not the FastIO 5/3
        put(m, CLASS_FILE_SYSTEM, FILE_SYSTEM);
        int[] withSubs = {FS_QUERY_INFORMATION, FS_SET_INFORMATION, FS_QUERY_VOLUME_INFORMATION,
            FS_SET_VOLUME_INFORMATION, FS_DIRECTORY_CONTROL, FS_LOCK_CONTROL, FS_PNP};
        String[][] subs = {QUERY_INFORMATION, SET_INFORMATION, QUERY_VOLUME, SET_VOLUME, DIRECTORY_CONTROL,
            LOCK_CONTROL, PNP};
        for (int k = 0; k < withSubs.length; k++) {
            for (int sub = 1; sub < subs[k].length; sub++) {
                if (subs[k][sub] != null) {
                    m.putIfAbsent(subs[k][sub], new Code(CLASS_FILE_SYSTEM, withSubs[k], sub, false));
                }
            }
        }
        m.put(UNKNOWN, new Code(CLASS_FILE_SYSTEM, FS_QUERY_INFORMATION, UNNAMED_QUERY_INFORMATION_CLASS, false));
        for (int op = 0; op < NETWORK.length; op++) {
            m.put("UDP " + NETWORK[op], new Code(CLASS_NETWORK, op, 0, false));
            m.put("TCP " + NETWORK[op], new Code(CLASS_NETWORK, op, 0, true));
        }
        return m;
    }

    private static void put(Map<String, Code> m, int eventClass, String[] names) {
        for (int op = 0; op < names.length; op++) {
            m.put(names[op], new Code(eventClass, op, 0, false));
        }
    }

    /** An operation as this build models it plus, for {@link Operation#OTHER}, procmon's spelling. */
    public record Name(Operation operation, String text, EventClass eventClass) {
        static Name of(String text, EventClass eventClass) {
            Operation op = Operation.fromProcmonName(text);
            return new Name(op, text, eventClass);
        }
    }

    private final Name[][] byClass = new Name[6][];
    private final Name[][] fsSub = new Name[FILE_SYSTEM.length][];
    private final Name[][] network = new Name[2][NETWORK.length];
    /** Per file-system operation: the name of its sub-operations procmon has no name for. */
    private final Name[] unknownSub = new Name[FILE_SYSTEM.length];

    public PmlOperations() {
        byClass[CLASS_PROCESS] = names(PROCESS, EventClass.PROCESS);
        byClass[CLASS_REGISTRY] = names(REGISTRY, EventClass.REGISTRY);
        byClass[CLASS_FILE_SYSTEM] = names(FILE_SYSTEM, EventClass.FILE_SYSTEM);
        byClass[CLASS_PROFILING] = names(PROFILING, EventClass.PROFILING);
        fsSub[FS_QUERY_INFORMATION] = names(QUERY_INFORMATION, EventClass.FILE_SYSTEM);
        fsSub[FS_SET_INFORMATION] = names(SET_INFORMATION, EventClass.FILE_SYSTEM);
        fsSub[FS_QUERY_VOLUME_INFORMATION] = names(QUERY_VOLUME, EventClass.FILE_SYSTEM);
        fsSub[FS_SET_VOLUME_INFORMATION] = names(SET_VOLUME, EventClass.FILE_SYSTEM);
        fsSub[FS_DIRECTORY_CONTROL] = names(DIRECTORY_CONTROL, EventClass.FILE_SYSTEM);
        fsSub[FS_LOCK_CONTROL] = names(LOCK_CONTROL, EventClass.FILE_SYSTEM);
        fsSub[FS_PNP] = names(PNP, EventClass.FILE_SYSTEM);
        for (int op = 0; op < FILE_SYSTEM.length; op++) {
            if (fsSub[op] != null) {
                unknownSub[op] = unknownSubOperation(op);
            }
        }
        for (int op = 0; op < NETWORK.length; op++) {
            network[0][op] = Name.of("UDP " + NETWORK[op], EventClass.NETWORK);
            network[1][op] = Name.of("TCP " + NETWORK[op], EventClass.NETWORK);
        }
    }

    /** The name of a non-network operation, or null when the class or operation number is unknown. */
    public Name name(int eventClass, int operation, int subOperation) {
        if (eventClass <= 0 || eventClass >= byClass.length || byClass[eventClass] == null) {
            return null;
        }
        Name[] ops = byClass[eventClass];
        if (operation >= ops.length) {
            return null;
        }
        if (eventClass == CLASS_FILE_SYSTEM && subOperation != 0 && fsSub[operation] != null) {
            Name[] subs = fsSub[operation];
            Name n = subOperation < subs.length ? subs[subOperation] : null;
            return n != null ? n : unknownSub[operation];
        }
        return ops[operation];
    }

    /**
     * A sub-operation procmon has no name for is shown as {@code <Unknown>}, but procmon still knows
     * its IRP major function (its Category follows it: an unnamed SetInformationFile class is "Write
     * Metadata"), so the event is typed as the major function's operation when the model has one.
     */
    private static Name unknownSubOperation(int operation) {
        Operation major = Operation.fromProcmonName(FILE_SYSTEM[operation]);
        return new Name(major, UNKNOWN, EventClass.FILE_SYSTEM);
    }

    /**
     * The PML numbers of an event typed {@code operation} and spelled {@code operationName}: as
     * {@link #code(String)}, except that an {@code <Unknown>} typed as a file-system major function
     * gets that function with a sub-operation procmon has no name for (the first past its table).
     */
    public static Code code(Operation operation, String operationName) {
        if (operation == Operation.OTHER || !UNKNOWN.equals(operationName)) {
            return code(operation == Operation.OTHER ? operationName : operation.procmonName());
        }
        Code major = code(operation.procmonName());
        if (major == null || major.eventClass() != CLASS_FILE_SYSTEM || !hasSubOperations(major.operation())
                || major.subOperation() != 0) {
            return major;
        }
        return new Code(CLASS_FILE_SYSTEM, major.operation(), unnamedSubOperation(major.operation()), false);
    }

    private static int unnamedSubOperation(int operation) {
        switch (operation) {
            case FS_QUERY_INFORMATION:
                return QUERY_INFORMATION.length;
            case FS_SET_INFORMATION:
                return SET_INFORMATION.length;
            case FS_QUERY_VOLUME_INFORMATION:
                return QUERY_VOLUME.length;
            case FS_SET_VOLUME_INFORMATION:
                return SET_VOLUME.length;
            case FS_DIRECTORY_CONTROL:
                return DIRECTORY_CONTROL.length;
            case FS_LOCK_CONTROL:
                return LOCK_CONTROL.length;
            default:
                return PNP.length;
        }
    }

    public Name network(int operation, boolean tcp) {
        return operation < NETWORK.length ? network[tcp ? 1 : 0][operation] : null;
    }

    /** Whether procmon names {@code operation} of the file-system class by its sub-operation. */
    public static boolean hasSubOperations(int operation) {
        return operation == FS_QUERY_INFORMATION || operation == FS_SET_INFORMATION
                || operation == FS_QUERY_VOLUME_INFORMATION || operation == FS_SET_VOLUME_INFORMATION
                || operation == FS_DIRECTORY_CONTROL || operation == FS_LOCK_CONTROL || operation == FS_PNP;
    }

    private static Name[] names(String[] texts, EventClass eventClass) {
        Name[] out = new Name[texts.length];
        for (int i = 0; i < texts.length; i++) {
            if (texts[i] != null) {
                out[i] = Name.of(texts[i], eventClass);
            }
        }
        return out;
    }

    private static String[] sparse(int length, Object... pairs) {
        String[] out = new String[length];
        for (int i = 0; i < pairs.length; i += 2) {
            out[(Integer) pairs[i]] = (String) pairs[i + 1];
        }
        return out;
    }
}
