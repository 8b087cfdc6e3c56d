package io.lockscope.ingest.procmon.pml;

import io.lockscope.model.EventClass;
import io.lockscope.model.Operation;

/**
 * PML event class, operation and sub-operation numbers and the names procmon shows for them
 * (procmon-formats.md §1.14; eronnen/procmon-parser consts.py). A file-system operation whose
 * sub-operation byte is set is shown by the sub-operation's name, {@code <Unknown>} when procmon has
 * none for it. Names the {@link Operation} enum lacks are kept as text ({@link Operation#OTHER}).
 */
final class PmlOperations {
    static final int CLASS_PROCESS = 1;
    static final int CLASS_REGISTRY = 2;
    static final int CLASS_FILE_SYSTEM = 3;
    static final int CLASS_PROFILING = 4;
    static final int CLASS_NETWORK = 5;

    static final String UNKNOWN = "<Unknown>";

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

    static final int FS_CREATE_FILE_MAPPING = 19;
    static final int FS_CREATE = 20;
    static final int FS_READ = 23;
    static final int FS_WRITE = 24;
    static final int FS_QUERY_INFORMATION = 25;
    static final int FS_SET_INFORMATION = 26;
    static final int FS_QUERY_VOLUME_INFORMATION = 30;
    static final int FS_SET_VOLUME_INFORMATION = 31;
    static final int FS_DIRECTORY_CONTROL = 32;
    static final int FS_FILE_SYSTEM_CONTROL = 33;
    static final int FS_DEVICE_IO_CONTROL = 34;
    static final int FS_LOCK_CONTROL = 37;
    static final int FS_PNP = 47;

    static final int SUB_QUERY_DIRECTORY = 1;
    static final int SUB_LOCK = 1;
    static final int SUB_UNLOCK_SINGLE = 2;

    static final int INFO_RENAME = 0x0A;
    static final int INFO_LINK = 0x0B;
    static final int INFO_DISPOSITION = 0x0D;
    static final int INFO_ALLOCATION = 0x13;
    static final int INFO_END_OF_FILE = 0x14;
    static final int INFO_DISPOSITION_EX = 0x40;
    static final int INFO_RENAME_EX = 0x41;
    static final int INFO_RENAME_EX_BYPASS = 0x42;

    static final int REG_OPEN_KEY = 0;
    static final int REG_CREATE_KEY = 1;
    static final int REG_QUERY_KEY = 3;
    static final int REG_SET_VALUE = 4;
    static final int REG_QUERY_VALUE = 5;
    static final int REG_ENUM_VALUE = 6;
    static final int REG_ENUM_KEY = 7;
    static final int REG_SET_INFO_KEY = 8;
    static final int REG_LOAD_KEY = 12;
    static final int REG_RENAME_KEY = 14;

    static final int PROC_DEFINED = 0;
    static final int PROC_CREATE = 1;
    static final int PROC_EXIT = 2;
    static final int THREAD_CREATE = 3;
    static final int THREAD_EXIT = 4;
    static final int LOAD_IMAGE = 5;
    static final int PROC_START = 7;
    static final int PROC_STATISTICS = 8;

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

    /** An operation as this build models it plus, for {@link Operation#OTHER}, procmon's spelling. */
    record Name(Operation operation, String text, EventClass eventClass) {
        static Name of(String text, EventClass eventClass) {
            Operation op = Operation.fromProcmonName(text);
            return new Name(op, text, eventClass);
        }
    }

    private final Name[][] byClass = new Name[6][];
    private final Name[][] fsSub = new Name[FILE_SYSTEM.length][];
    private final Name[][] network = new Name[2][NETWORK.length];
    private final Name unknownFs = Name.of(UNKNOWN, EventClass.FILE_SYSTEM);

    PmlOperations() {
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
        for (int op = 0; op < NETWORK.length; op++) {
            network[0][op] = Name.of("UDP " + NETWORK[op], EventClass.NETWORK);
            network[1][op] = Name.of("TCP " + NETWORK[op], EventClass.NETWORK);
        }
    }

    /** The name of a non-network operation, or null when the class or operation number is unknown. */
    Name name(int eventClass, int operation, int subOperation) {
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
            return n != null ? n : unknownFs;
        }
        return ops[operation];
    }

    Name network(int operation, boolean tcp) {
        return operation < NETWORK.length ? network[tcp ? 1 : 0][operation] : null;
    }

    /** Whether procmon names {@code operation} of the file-system class by its sub-operation. */
    static boolean hasSubOperations(int operation) {
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
