package io.lockscope.model;

import java.util.HashMap;
import java.util.Map;

/**
 * Operations as procmon spells them in its Operation column, sub-operations included (a
 * SetInformationFile with class FileDispositionInformation is shown as
 * "SetDispositionInformationFile"). Source: procmon-formats.md §1.14 (procmon-parser consts.py).
 *
 * <p>An operation this enum does not know is stored as {@link #OTHER} with its spelling kept as text
 * by the {@link Trace}, so nothing a reader saw is lost.
 */
public enum Operation {
    OTHER(null, EventClass.UNKNOWN),

    // Process class
    PROCESS_DEFINED("Process Defined", EventClass.PROCESS),
    PROCESS_CREATE("Process Create", EventClass.PROCESS),
    PROCESS_EXIT("Process Exit", EventClass.PROCESS),
    THREAD_CREATE("Thread Create", EventClass.PROCESS),
    THREAD_EXIT("Thread Exit", EventClass.PROCESS),
    LOAD_IMAGE("Load Image", EventClass.PROCESS),
    THREAD_PROFILE("Thread Profile", EventClass.PROCESS),
    PROCESS_START("Process Start", EventClass.PROCESS),
    PROCESS_STATISTICS("Process Statistics", EventClass.PROCESS),
    SYSTEM_STATISTICS("System Statistics", EventClass.PROCESS),

    // Registry class
    REG_OPEN_KEY("RegOpenKey", EventClass.REGISTRY),
    REG_CREATE_KEY("RegCreateKey", EventClass.REGISTRY),
    REG_CLOSE_KEY("RegCloseKey", EventClass.REGISTRY),
    REG_QUERY_KEY("RegQueryKey", EventClass.REGISTRY),
    REG_SET_VALUE("RegSetValue", EventClass.REGISTRY),
    REG_QUERY_VALUE("RegQueryValue", EventClass.REGISTRY),
    REG_ENUM_VALUE("RegEnumValue", EventClass.REGISTRY),
    REG_ENUM_KEY("RegEnumKey", EventClass.REGISTRY),
    REG_SET_INFO_KEY("RegSetInfoKey", EventClass.REGISTRY),
    REG_DELETE_KEY("RegDeleteKey", EventClass.REGISTRY),
    REG_DELETE_VALUE("RegDeleteValue", EventClass.REGISTRY),
    REG_FLUSH_KEY("RegFlushKey", EventClass.REGISTRY),
    REG_LOAD_KEY("RegLoadKey", EventClass.REGISTRY),
    REG_UNLOAD_KEY("RegUnloadKey", EventClass.REGISTRY),
    REG_RENAME_KEY("RegRenameKey", EventClass.REGISTRY),
    REG_QUERY_MULTIPLE_VALUE_KEY("RegQueryMultipleValueKey", EventClass.REGISTRY),
    REG_SET_KEY_SECURITY("RegSetKeySecurity", EventClass.REGISTRY),
    REG_QUERY_KEY_SECURITY("RegQueryKeySecurity", EventClass.REGISTRY),
    REG_SAVE_KEY("RegSaveKey", EventClass.REGISTRY),
    REG_LOAD_KEY2("RegLoadKey2", EventClass.REGISTRY),
    REG_RESTORE_KEY("RegRestoreKey", EventClass.REGISTRY),

    // File system class: IRP majors, FastIO/FsFilter callbacks, and the sub-operations procmon shows
    VOLUME_DISMOUNT("VolumeDismount", EventClass.FILE_SYSTEM),
    VOLUME_MOUNT("VolumeMount", EventClass.FILE_SYSTEM),
    FASTIO_MDL_WRITE_COMPLETE("FASTIO_MDL_WRITE_COMPLETE", EventClass.FILE_SYSTEM),
    FASTIO_MDL_READ_COMPLETE("FASTIO_MDL_READ_COMPLETE", EventClass.FILE_SYSTEM),
    QUERY_OPEN("QueryOpen", EventClass.FILE_SYSTEM),
    FASTIO_CHECK_IF_POSSIBLE("FASTIO_CHECK_IF_POSSIBLE", EventClass.FILE_SYSTEM),
    IRP_MJ_12("IRP_MJ_12", EventClass.FILE_SYSTEM),
    IRP_MJ_11("IRP_MJ_11", EventClass.FILE_SYSTEM),
    IRP_MJ_10("IRP_MJ_10", EventClass.FILE_SYSTEM),
    IRP_MJ_9("IRP_MJ_9", EventClass.FILE_SYSTEM),
    IRP_MJ_8("IRP_MJ_8", EventClass.FILE_SYSTEM),
    FASTIO_NOTIFY_STREAM_FO_CREATION("FASTIO_NOTIFY_STREAM_FO_CREATION", EventClass.FILE_SYSTEM),
    FASTIO_RELEASE_FOR_CC_FLUSH("FASTIO_RELEASE_FOR_CC_FLUSH", EventClass.FILE_SYSTEM),
    FASTIO_ACQUIRE_FOR_CC_FLUSH("FASTIO_ACQUIRE_FOR_CC_FLUSH", EventClass.FILE_SYSTEM),
    FASTIO_RELEASE_FOR_MOD_WRITE("FASTIO_RELEASE_FOR_MOD_WRITE", EventClass.FILE_SYSTEM),
    FASTIO_ACQUIRE_FOR_MOD_WRITE("FASTIO_ACQUIRE_FOR_MOD_WRITE", EventClass.FILE_SYSTEM),
    FASTIO_RELEASE_FOR_SECTION_SYNCHRONIZATION("FASTIO_RELEASE_FOR_SECTION_SYNCHRONIZATION", EventClass.FILE_SYSTEM),
    CREATE_FILE_MAPPING("CreateFileMapping", EventClass.FILE_SYSTEM),
    CREATE_FILE("CreateFile", EventClass.FILE_SYSTEM),
    CREATE_PIPE("CreatePipe", EventClass.FILE_SYSTEM),
    IRP_MJ_CLOSE("IRP_MJ_CLOSE", EventClass.FILE_SYSTEM),
    READ_FILE("ReadFile", EventClass.FILE_SYSTEM),
    WRITE_FILE("WriteFile", EventClass.FILE_SYSTEM),
    QUERY_INFORMATION_FILE("QueryInformationFile", EventClass.FILE_SYSTEM),
    SET_INFORMATION_FILE("SetInformationFile", EventClass.FILE_SYSTEM),
    QUERY_EA_FILE("QueryEAFile", EventClass.FILE_SYSTEM),
    SET_EA_FILE("SetEAFile", EventClass.FILE_SYSTEM),
    FLUSH_BUFFERS_FILE("FlushBuffersFile", EventClass.FILE_SYSTEM),
    QUERY_VOLUME_INFORMATION("QueryVolumeInformation", EventClass.FILE_SYSTEM),
    SET_VOLUME_INFORMATION("SetVolumeInformation", EventClass.FILE_SYSTEM),
    DIRECTORY_CONTROL("DirectoryControl", EventClass.FILE_SYSTEM),
    QUERY_DIRECTORY("QueryDirectory", EventClass.FILE_SYSTEM),
    NOTIFY_CHANGE_DIRECTORY("NotifyChangeDirectory", EventClass.FILE_SYSTEM),
    FILE_SYSTEM_CONTROL("FileSystemControl", EventClass.FILE_SYSTEM),
    DEVICE_IO_CONTROL("DeviceIoControl", EventClass.FILE_SYSTEM),
    INTERNAL_DEVICE_IO_CONTROL("InternalDeviceIoControl", EventClass.FILE_SYSTEM),
    SHUTDOWN("Shutdown", EventClass.FILE_SYSTEM),
    LOCK_UNLOCK_FILE("LockUnlockFile", EventClass.FILE_SYSTEM),
    LOCK_FILE("LockFile", EventClass.FILE_SYSTEM),
    UNLOCK_FILE_SINGLE("UnlockFileSingle", EventClass.FILE_SYSTEM),
    UNLOCK_FILE_ALL("UnlockFileAll", EventClass.FILE_SYSTEM),
    UNLOCK_FILE_BY_KEY("UnlockFileByKey", EventClass.FILE_SYSTEM),
    /** IRP_MJ_CLEANUP: the last handle to a FILE_OBJECT was closed. */
    CLOSE_FILE("CloseFile", EventClass.FILE_SYSTEM),
    CREATE_MAIL_SLOT("CreateMailSlot", EventClass.FILE_SYSTEM),
    QUERY_SECURITY_FILE("QuerySecurityFile", EventClass.FILE_SYSTEM),
    SET_SECURITY_FILE("SetSecurityFile", EventClass.FILE_SYSTEM),
    POWER("Power", EventClass.FILE_SYSTEM),
    SYSTEM_CONTROL("SystemControl", EventClass.FILE_SYSTEM),
    DEVICE_CHANGE("DeviceChange", EventClass.FILE_SYSTEM),
    QUERY_FILE_QUOTA("QueryFileQuota", EventClass.FILE_SYSTEM),
    SET_FILE_QUOTA("SetFileQuota", EventClass.FILE_SYSTEM),
    PLUG_AND_PLAY("PlugAndPlay", EventClass.FILE_SYSTEM),
    // SetInformationFile sub-operations
    SET_BASIC_INFORMATION_FILE("SetBasicInformationFile", EventClass.FILE_SYSTEM),
    SET_RENAME_INFORMATION_FILE("SetRenameInformationFile", EventClass.FILE_SYSTEM),
    SET_LINK_INFORMATION_FILE("SetLinkInformationFile", EventClass.FILE_SYSTEM),
    SET_DISPOSITION_INFORMATION_FILE("SetDispositionInformationFile", EventClass.FILE_SYSTEM),
    SET_POSITION_INFORMATION_FILE("SetPositionInformationFile", EventClass.FILE_SYSTEM),
    SET_ALLOCATION_INFORMATION_FILE("SetAllocationInformationFile", EventClass.FILE_SYSTEM),
    SET_END_OF_FILE_INFORMATION_FILE("SetEndOfFileInformationFile", EventClass.FILE_SYSTEM),
    SET_FILE_STREAM_INFORMATION("SetFileStreamInformation", EventClass.FILE_SYSTEM),
    SET_PIPE_INFORMATION("SetPipeInformation", EventClass.FILE_SYSTEM),
    SET_VALID_DATA_LENGTH_INFORMATION_FILE("SetValidDataLengthInformationFile", EventClass.FILE_SYSTEM),
    SET_SHORT_NAME_INFORMATION("SetShortNameInformation", EventClass.FILE_SYSTEM),
    SET_REPLACE_COMPLETION_INFORMATION("SetReplaceCompletionInformation", EventClass.FILE_SYSTEM),
    SET_DISPOSITION_INFORMATION_EX("SetDispositionInformationEx", EventClass.FILE_SYSTEM),
    SET_RENAME_INFORMATION_EX("SetRenameInformationEx", EventClass.FILE_SYSTEM),
    SET_RENAME_INFORMATION_EX_BYPASS_ACCESS_CHECK("SetRenameInformationExBypassAccessCheck", EventClass.FILE_SYSTEM),
    SET_STORAGE_RESERVED_ID_INFORMATION("SetStorageReservedIdInformation", EventClass.FILE_SYSTEM),
    // QueryInformationFile sub-operations (FILE_INFORMATION_CLASS values procmon names)
    QUERY_BASIC_INFORMATION_FILE("QueryBasicInformationFile", EventClass.FILE_SYSTEM),
    QUERY_STANDARD_INFORMATION_FILE("QueryStandardInformationFile", EventClass.FILE_SYSTEM),
    QUERY_FILE_INTERNAL_INFORMATION_FILE("QueryFileInternalInformationFile", EventClass.FILE_SYSTEM),
    QUERY_EA_INFORMATION_FILE("QueryEaInformationFile", EventClass.FILE_SYSTEM),
    QUERY_NAME_INFORMATION_FILE("QueryNameInformationFile", EventClass.FILE_SYSTEM),
    QUERY_POSITION_INFORMATION_FILE("QueryPositionInformationFile", EventClass.FILE_SYSTEM),
    QUERY_ALL_INFORMATION_FILE("QueryAllInformationFile", EventClass.FILE_SYSTEM),
    QUERY_END_OF_FILE("QueryEndOfFile", EventClass.FILE_SYSTEM),
    QUERY_STREAM_INFORMATION_FILE("QueryStreamInformationFile", EventClass.FILE_SYSTEM),
    QUERY_COMPRESSION_INFORMATION_FILE("QueryCompressionInformationFile", EventClass.FILE_SYSTEM),
    QUERY_ID("QueryId", EventClass.FILE_SYSTEM),
    QUERY_NETWORK_OPEN_INFORMATION_FILE("QueryNetworkOpenInformationFile", EventClass.FILE_SYSTEM),
    QUERY_ATTRIBUTE_TAG_FILE("QueryAttributeTagFile", EventClass.FILE_SYSTEM),
    QUERY_ID_BOTH_DIRECTORY("QueryIdBothDirectory", EventClass.FILE_SYSTEM),
    QUERY_VALID_DATA_LENGTH("QueryValidDataLength", EventClass.FILE_SYSTEM),
    QUERY_SHORT_NAME_INFORMATION_FILE("QueryShortNameInformationFile", EventClass.FILE_SYSTEM),
    QUERY_IO_PRIORITY_HINT("QueryIoPiorityHint", EventClass.FILE_SYSTEM),
    QUERY_LINKS("QueryLinks", EventClass.FILE_SYSTEM),
    QUERY_NORMALIZED_NAME_INFORMATION_FILE("QueryNormalizedNameInformationFile", EventClass.FILE_SYSTEM),
    QUERY_NETWORK_PHYSICAL_NAME_INFORMATION_FILE("QueryNetworkPhysicalNameInformationFile", EventClass.FILE_SYSTEM),
    QUERY_REMOTE_PROTOCOL_INFORMATION("QueryRemoteProtocolInformation", EventClass.FILE_SYSTEM),
    QUERY_ID_INFORMATION("QueryIdInformation", EventClass.FILE_SYSTEM),
    QUERY_STAT_INFORMATION("QueryStatInformation", EventClass.FILE_SYSTEM),
    // the rest of the QueryInformationFile classes procmon names (0x46-0x4B since procmon 3.60; 0x49 is
    // spelled "Infomraiton" in procmon-parser's table, kept as given there)
    QUERY_MOVE_CLUSTER_INFORMATION_FILE("QueryMoveClusterInformationFile", EventClass.FILE_SYSTEM),
    QUERY_ID_GLOBAL_TX_DIRECTORY_INFORMATION("QueryIdGlobalTxDirectoryInformation", EventClass.FILE_SYSTEM),
    QUERY_IS_REMOTE_DEVICE_INFORMATION("QueryIsRemoteDeviceInformation", EventClass.FILE_SYSTEM),
    QUERY_ATTRIBUTE_CACHE_INFORMATION("QueryAttributeCacheInformation", EventClass.FILE_SYSTEM),
    QUERY_NUMA_NODE_INFORMATION("QueryNumaNodeInformation", EventClass.FILE_SYSTEM),
    QUERY_STANDARD_LINK_INFORMATION("QueryStandardLinkInformation", EventClass.FILE_SYSTEM),
    QUERY_RENAME_INFORMATION_BYPASS_ACCESS_CHECK("QueryRenameInformationBypassAccessCheck", EventClass.FILE_SYSTEM),
    QUERY_LINK_INFORMATION_BYPASS_ACCESS_CHECK("QueryLinkInformationBypassAccessCheck", EventClass.FILE_SYSTEM),
    QUERY_VOLUME_NAME_INFORMATION("QueryVolumeNameInformation", EventClass.FILE_SYSTEM),
    QUERY_ID_EXTD_DIRECTORY_INFORMATION("QueryIdExtdDirectoryInformation", EventClass.FILE_SYSTEM),
    QUERY_HARD_LINK_FULL_ID_INFORMATION("QueryHardLinkFullIdInformation", EventClass.FILE_SYSTEM),
    QUERY_ID_EXTD_BOTH_DIRECTORY_INFORMATION("QueryIdExtdBothDirectoryInformation", EventClass.FILE_SYSTEM),
    QUERY_DESIRED_STORAGE_CLASS_INFORMATION("QueryDesiredStorageClassInformation", EventClass.FILE_SYSTEM),
    QUERY_MEMORY_PARTITION_INFORMATION("QueryMemoryPartitionInformation", EventClass.FILE_SYSTEM),
    QUERY_SAT_LX_INFORMATION("QuerySatLxInformation", EventClass.FILE_SYSTEM),
    QUERY_CASE_SENSITIVE_INFORMATION("QueryCaseSensitiveInformation", EventClass.FILE_SYSTEM),
    QUERY_LINK_INFORMATION_EX("QueryLinkInformationEx", EventClass.FILE_SYSTEM),
    QUERY_LINK_INFORMATION_EX_BYPASS_ACCESS_CHECK("QueryLinkInfomraitonBypassAccessCheck", EventClass.FILE_SYSTEM),
    QUERY_STORAGE_RESERVED_ID_INFORMATION("QueryStorageReservedIdInformation", EventClass.FILE_SYSTEM),
    QUERY_CASE_SENSITIVE_INFORMATION_FORCE_ACCESS_CHECK("QueryCaseSensitiveInformationForceAccessCheck", EventClass.FILE_SYSTEM),
    // QueryVolumeInformation sub-operations
    QUERY_INFORMATION_VOLUME("QueryInformationVolume", EventClass.FILE_SYSTEM),
    QUERY_LABEL_INFORMATION_VOLUME("QueryLabelInformationVolume", EventClass.FILE_SYSTEM),
    QUERY_SIZE_INFORMATION_VOLUME("QuerySizeInformationVolume", EventClass.FILE_SYSTEM),
    QUERY_DEVICE_INFORMATION_VOLUME("QueryDeviceInformationVolume", EventClass.FILE_SYSTEM),
    QUERY_ATTRIBUTE_INFORMATION_VOLUME("QueryAttributeInformationVolume", EventClass.FILE_SYSTEM),
    QUERY_CONTROL_INFORMATION_VOLUME("QueryControlInformationVolume", EventClass.FILE_SYSTEM),
    QUERY_FULL_SIZE_INFORMATION_VOLUME("QueryFullSizeInformationVolume", EventClass.FILE_SYSTEM),
    QUERY_OBJECT_ID_INFORMATION_VOLUME("QueryObjectIdInformationVolume", EventClass.FILE_SYSTEM),
    // SetVolumeInformation sub-operations
    SET_CONTROL_INFORMATION_VOLUME("SetControlInformationVolume", EventClass.FILE_SYSTEM),
    SET_LABEL_INFORMATION_VOLUME("SetLabelInformationVolume", EventClass.FILE_SYSTEM),
    SET_OBJECT_ID_INFORMATION_VOLUME("SetObjectIdInformationVolume", EventClass.FILE_SYSTEM),
    // PlugAndPlay sub-operations (IRP_MN_* 0x00-0x18); procmon-parser spells IRP_MN_QUERY_ID "QueryId2",
    // which also keeps it apart from the QueryInformationFile class "QueryId"
    START_DEVICE("StartDevice", EventClass.FILE_SYSTEM),
    QUERY_REMOVE_DEVICE("QueryRemoveDevice", EventClass.FILE_SYSTEM),
    REMOVE_DEVICE("RemoveDevice", EventClass.FILE_SYSTEM),
    CANCEL_REMOVE_DEVICE("CancelRemoveDevice", EventClass.FILE_SYSTEM),
    STOP_DEVICE("StopDevice", EventClass.FILE_SYSTEM),
    QUERY_STOP_DEVICE("QueryStopDevice", EventClass.FILE_SYSTEM),
    CANCEL_STOP_DEVICE("CancelStopDevice", EventClass.FILE_SYSTEM),
    QUERY_DEVICE_RELATIONS("QueryDeviceRelations", EventClass.FILE_SYSTEM),
    QUERY_INTERFACE("QueryInterface", EventClass.FILE_SYSTEM),
    QUERY_CAPABILITIES("QueryCapabilities", EventClass.FILE_SYSTEM),
    QUERY_RESOURCES("QueryResources", EventClass.FILE_SYSTEM),
    QUERY_RESOURCE_REQUIREMENTS("QueryResourceRequirements", EventClass.FILE_SYSTEM),
    QUERY_DEVICE_TEXT("QueryDeviceText", EventClass.FILE_SYSTEM),
    FILTER_RESOURCE_REQUIREMENTS("FilterResourceRequirements", EventClass.FILE_SYSTEM),
    READ_CONFIG("ReadConfig", EventClass.FILE_SYSTEM),
    WRITE_CONFIG("WriteConfig", EventClass.FILE_SYSTEM),
    EJECT("Eject", EventClass.FILE_SYSTEM),
    SET_LOCK("SetLock", EventClass.FILE_SYSTEM),
    PNP_QUERY_ID("QueryId2", EventClass.FILE_SYSTEM),
    QUERY_PNP_DEVICE_STATE("QueryPnpDeviceState", EventClass.FILE_SYSTEM),
    QUERY_BUS_INFORMATION("QueryBusInformation", EventClass.FILE_SYSTEM),
    DEVICE_USAGE_NOTIFICATION("DeviceUsageNotification", EventClass.FILE_SYSTEM),
    SURPRISE_REMOVAL("SurpriseRemoval", EventClass.FILE_SYSTEM),
    QUERY_LEGACY_BUS_INFORMATION("QueryLegacyBusInformation", EventClass.FILE_SYSTEM),

    // Profiling class
    THREAD_PROFILING("Thread Profiling", EventClass.PROFILING),
    PROCESS_PROFILING("Process Profiling", EventClass.PROFILING),
    DEBUG_OUTPUT_PROFILING("Debug Output Profiling", EventClass.PROFILING),

    // Network class (procmon renders protocol + direction)
    TCP_CONNECT("TCP Connect", EventClass.NETWORK),
    TCP_DISCONNECT("TCP Disconnect", EventClass.NETWORK),
    TCP_SEND("TCP Send", EventClass.NETWORK),
    TCP_RECEIVE("TCP Receive", EventClass.NETWORK),
    TCP_ACCEPT("TCP Accept", EventClass.NETWORK),
    TCP_RECONNECT("TCP Reconnect", EventClass.NETWORK),
    TCP_RETRANSMIT("TCP Retransmit", EventClass.NETWORK),
    TCP_TCPCOPY("TCP TCPCopy", EventClass.NETWORK),
    UDP_SEND("UDP Send", EventClass.NETWORK),
    UDP_RECEIVE("UDP Receive", EventClass.NETWORK),
    // the remaining protocol + operation pairs (procmon-parser consts.py NetworkOperation)
    TCP_UNKNOWN("TCP Unknown", EventClass.NETWORK),
    TCP_OTHER("TCP Other", EventClass.NETWORK),
    UDP_UNKNOWN("UDP Unknown", EventClass.NETWORK),
    UDP_OTHER("UDP Other", EventClass.NETWORK),
    UDP_ACCEPT("UDP Accept", EventClass.NETWORK),
    UDP_CONNECT("UDP Connect", EventClass.NETWORK),
    UDP_DISCONNECT("UDP Disconnect", EventClass.NETWORK),
    UDP_RECONNECT("UDP Reconnect", EventClass.NETWORK),
    UDP_RETRANSMIT("UDP Retransmit", EventClass.NETWORK),
    UDP_TCPCOPY("UDP TCPCopy", EventClass.NETWORK);

    private static final Map<String, Operation> BY_NAME = new HashMap<>();

    static {
        for (Operation op : values()) {
            if (op.procmonName != null) {
                BY_NAME.put(op.procmonName, op);
            }
        }
    }

    private final String procmonName;
    private final EventClass eventClass;

    Operation(String procmonName, EventClass eventClass) {
        this.procmonName = procmonName;
        this.eventClass = eventClass;
    }

    /** The exact spelling of procmon's Operation column; null for {@link #OTHER}. */
    public String procmonName() {
        return procmonName;
    }

    public EventClass eventClass() {
        return eventClass;
    }

    /** The operation spelled {@code name} by procmon, or {@link #OTHER}. */
    public static Operation fromProcmonName(String name) {
        return BY_NAME.getOrDefault(name, OTHER);
    }

    public boolean isFileSystem() {
        return eventClass == EventClass.FILE_SYSTEM;
    }

    public boolean isRegistry() {
        return eventClass == EventClass.REGISTRY;
    }
}
