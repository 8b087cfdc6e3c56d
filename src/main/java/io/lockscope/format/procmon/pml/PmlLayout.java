package io.lockscope.format.procmon.pml;

/**
 * Byte offsets and sizes of the PML format, shared by the reader ({@code io.lockscope.ingest.procmon.pml})
 * and the writer ({@code io.lockscope.export.pml}). The layout tables with their sources sit next to the
 * code that reads each structure: the reader's {@code PmlHeader}, {@code PmlTables}, {@code PmlEventDecoder}
 * and detail decoders.
 */
public final class PmlLayout {
    public static final int HEADER_SIZE = 0x3A8;
    /** "PML_" read as a little-endian u32. */
    public static final int MAGIC = 0x5F4C4D50;
    public static final int VERSION = 9;

    public static final int H_VERSION = 0x004;
    public static final int H_IS64 = 0x008;
    public static final int H_COMPUTER = 0x00C;
    public static final int H_COMPUTER_CHARS = 16;
    public static final int H_SYSTEM_ROOT = 0x02C;
    public static final int H_SYSTEM_ROOT_CHARS = 260;
    public static final int H_EVENT_COUNT = 0x234;
    public static final int H_FIRST_EVENT = 0x240;
    public static final int H_EVENT_OFFSETS = 0x248;
    public static final int H_PROCESSES = 0x250;
    public static final int H_STRINGS = 0x258;
    public static final int H_ICONS = 0x260;
    public static final int H_MAX_APP_ADDRESS = 0x268;
    public static final int H_OS_VERSION_INFO = 0x270;
    public static final int OS_VERSION_INFO_SIZE = 284;
    public static final int H_OS_MAJOR = 0x274;
    public static final int H_OS_MINOR = 0x278;
    public static final int H_OS_BUILD = 0x27C;
    public static final int H_OS_PLATFORM = 0x280;
    public static final int H_PROCESSORS = 0x38C;
    public static final int H_MEMORY = 0x390;
    public static final int H_HEADER_SIZE = 0x398;
    public static final int H_HOSTS_PORTS = 0x3A0;

    /** Event-offsets array entry: u32 offset + u8 flags. */
    public static final int EVENT_OFFSET_ENTRY = 5;

    public static final int E_PROCESS_INDEX = 0x00;
    public static final int E_TID = 0x04;
    public static final int E_CLASS = 0x08;
    public static final int E_OPERATION = 0x0C;
    public static final int E_SEQUENCE = 0x10;
    public static final int E_DURATION = 0x14;
    public static final int E_TIME = 0x1C;
    public static final int E_RESULT = 0x24;
    public static final int E_STACK_DEPTH = 0x28;
    public static final int E_DETAIL_SIZE = 0x2C;
    public static final int E_EXTRA_OFFSET = 0x30;
    public static final int EVENT_HEADER_SIZE = 0x34;

    public static final int P_INDEX = 0x00;
    public static final int P_PID = 0x04;
    public static final int P_PARENT_PID = 0x08;
    public static final int P_PARENT_INDEX = 0x0C;
    public static final int P_AUTHENTICATION_ID = 0x10;
    public static final int P_SESSION = 0x18;
    public static final int P_START = 0x20;
    public static final int P_END = 0x28;
    public static final int P_VIRTUALIZED = 0x30;
    public static final int P_IS64 = 0x34;
    /** u32 string indexes: integrity, user, name, image path, command line, company, version, description. */
    public static final int P_STRINGS = 0x38;
    public static final int P_ICONS = 0x58;
    /** Pointer whose low byte is 1 when the module list follows inline; then u32 module count. */
    public static final int P_MODULES_POINTER = 0x60;
    public static final int MODULE_TAIL = 24;

    /** File-system blob: FLT_PARAMETERS start. */
    public static final int FS_PARAMETERS = 0x10;
    public static final int FS_IRP_FLAGS = 0x08;

    /** Longest inline detail string: the char count is 15 bits of its u16 string info. */
    public static final int MAX_STRING_CHARS = 0x7FFF;

    /** Registry value types (winnt.h REG_*) the detail decoder renders. */
    public static final int REG_NONE = 0;
    public static final int REG_SZ = 1;
    public static final int REG_EXPAND_SZ = 2;
    public static final int REG_BINARY = 3;
    public static final int REG_DWORD = 4;
    public static final int REG_MULTI_SZ = 7;
    public static final int REG_QWORD = 11;
    /** KEY_VALUE_INFORMATION_CLASS values of RegQueryValue / RegEnumValue post data. */
    public static final int KEY_VALUE_FULL_INFORMATION = 1;
    public static final int KEY_VALUE_PARTIAL_INFORMATION = 2;

    /** FILE_NAMES_INFORMATION, the one directory record whose FileNameLength is not at 0x3C. */
    public static final int FILE_NAMES_INFORMATION = 12;

    private PmlLayout() {
    }

    /**
     * Offset of FileName in the FILE_*_DIR_INFORMATION record of {@code infoClass} (ntifs.h); 0 for a
     * class whose names procmon does not list.
     */
    public static int directoryNameOffset(int infoClass) {
        switch (infoClass) {
            case 1: // FILE_DIRECTORY_INFORMATION
                return 0x40;
            case 2: // FILE_FULL_DIR_INFORMATION
                return 0x44;
            case 3: // FILE_BOTH_DIR_INFORMATION
                return 0x5E;
            case FILE_NAMES_INFORMATION:
                return 0x0C;
            case 37: // FILE_ID_BOTH_DIR_INFORMATION
                return 0x68;
            case 38: // FILE_ID_FULL_DIR_INFORMATION
                return 0x50;
            default:
                return 0;
        }
    }

    /** Offset of the u32 FileNameLength in the directory record of {@code infoClass}. */
    public static int directoryNameLengthOffset(int infoClass) {
        return infoClass == FILE_NAMES_INFORMATION ? 8 : 0x3C;
    }

    public static int moduleSize(int pointerSize) {
        return 2 * pointerSize + 4 + 4 * 4 + 4 + MODULE_TAIL;
    }

    /** Offset of the path string info in a file-system blob. */
    public static int fsPathInfo(int pointerSize) {
        return FS_PARAMETERS + 5 * pointerSize + 8;
    }
}
