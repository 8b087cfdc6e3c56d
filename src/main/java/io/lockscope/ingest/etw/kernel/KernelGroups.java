package io.lockscope.ingest.etw.kernel;

/**
 * Kernel event groups (high byte of a HookId; ntwmi.h {@code EVENT_TRACE_GROUP_*}, fox-it/dissect.etl
 * {@code c_etl.py}) and the types lockscope decodes.
 */
public final class KernelGroups {
    public static final int HEADER = 0x00;
    public static final int DISK_IO = 0x01;
    public static final int MEMORY = 0x02;
    public static final int PROCESS = 0x03;
    public static final int FILE_IO = 0x04;
    public static final int THREAD = 0x05;
    public static final int TCP_IP = 0x06;
    public static final int UDP_IP = 0x08;
    public static final int REGISTRY = 0x09;
    public static final int SYSTEM_CONFIG = 0x0B;
    public static final int PERF_INFO = 0x0F;
    public static final int OBJECT = 0x11;
    public static final int IMAGE = 0x14;
    public static final int STACK_WALK = 0x18;

    /** ntwmi {@code WMI_LOG_TYPE_PROCESS_LOAD_IMAGE}: a live image load, logged in the Process group. */
    public static final int PROCESS_LOAD_IMAGE = 10;

    public static final int FILE_NAME = 0;
    public static final int FILE_CREATE_NAME = 32;
    public static final int FILE_DELETE_NAME = 35;
    public static final int FILE_RUNDOWN = 36;
    /** A view of the file mapped into a process (a data or image section's view); 38 its unmap, 39/40 rundowns. */
    public static final int FILE_MAP = 37;
    public static final int FILE_UNMAP = 38;
    public static final int FILE_MAP_DC_START = 39;
    public static final int FILE_MAP_DC_END = 40;
    public static final int FILE_CREATE = 64;
    public static final int FILE_CLEANUP = 65;
    public static final int FILE_CLOSE = 66;
    public static final int FILE_READ = 67;
    public static final int FILE_WRITE = 68;
    public static final int FILE_SET_INFO = 69;
    public static final int FILE_DELETE = 70;
    public static final int FILE_RENAME = 71;
    public static final int FILE_DIR_ENUM = 72;
    public static final int FILE_FLUSH = 73;
    public static final int FILE_QUERY_INFO = 74;
    public static final int FILE_FS_CONTROL = 75;
    public static final int FILE_OP_END = 76;
    public static final int FILE_DIR_NOTIFY = 77;
    public static final int FILE_DELETE_PATH = 79;
    public static final int FILE_RENAME_PATH = 80;
    public static final int FILE_SET_LINK_PATH = 81;
    public static final int FLT_PRE_OP_INIT = 96;
    public static final int FLT_POST_OP_FAILURE = 101;

    private KernelGroups() {
    }
}
