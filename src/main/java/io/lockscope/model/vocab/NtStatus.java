package io.lockscope.model.vocab;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * NTSTATUS codes and procmon's Result column spelling (procmon-formats.md §1.16; the full table is
 * procmon-parser procmon_parser/consts.py {@code _ErrorCodeMessages}, whose spellings — including the
 * few with underscores — are procmon's own). Unknown codes are spelled {@code 0x} + upper-case hex
 * without padding, as procmon does (seen in the corpus: {@code 0x368}, {@code 0xC000046F}).
 */
public final class NtStatus {
    public static final int SUCCESS = 0;
    /** Shown as an empty Result: the operation had not completed when the capture ended. */
    public static final int PENDING = 0x103;
    public static final int ACCESS_DENIED = 0xC0000022;
    public static final int SHARING_VIOLATION = 0xC0000043;
    public static final int FILE_LOCK_CONFLICT = 0xC0000054;
    public static final int NOT_GRANTED = 0xC0000055;
    public static final int DELETE_PENDING = 0xC0000056;
    public static final int CANNOT_DELETE = 0xC0000121;
    public static final int OPLOCK_NOT_GRANTED = 0xC00000E2;
    public static final int USER_MAPPED_FILE = 0xC0000243;
    public static final int REGISTRY_CORRUPT = 0xC000014C;
    public static final int REGISTRY_IO_FAILED = 0xC000014D;
    public static final int HIVE_UNLOADED = 0xC0000425;
    public static final int TRANSACTIONAL_CONFLICT = 0xC0190001;
    public static final int NAME_NOT_FOUND = 0xC0000034;
    public static final int REPARSE = 0x104;
    public static final int OPLOCK_BREAK_IN_PROGRESS = 0x108;
    /** Informational: CreateFileMapping of an image section that only readers have open. */
    public static final int FILE_LOCKED_WITH_ONLY_READERS = 0x12A;
    public static final int FILE_LOCKED_WITH_WRITERS = 0x12B;
    public static final int OPLOCK_HANDLE_CLOSED = 0x216;
    public static final int BUFFER_OVERFLOW = 0x80000005;
    public static final int NAME_COLLISION = 0xC0000035;
    public static final int PATH_NOT_FOUND = 0xC000003A;
    public static final int FILE_DELETED = 0xC0000123;
    public static final int CANCELLED = 0xC0000120;
    /** Not a failure: the fast I/O path was refused and the IRP path follows. */
    public static final int FAST_IO_DISALLOWED = 0xC01C0004;

    private static final Map<Integer, String> NAMES = new HashMap<>();
    private static final Map<String, Integer> CODES = new HashMap<>();

    static {
        put(SUCCESS, "SUCCESS");
        put(ACCESS_DENIED, "ACCESS DENIED");
        put(SHARING_VIOLATION, "SHARING VIOLATION");
        put(FILE_LOCK_CONFLICT, "FILE LOCK CONFLICT");
        put(NOT_GRANTED, "NOT GRANTED");
        put(DELETE_PENDING, "DELETE PENDING");
        put(CANNOT_DELETE, "CANNOT DELETE");
        put(OPLOCK_NOT_GRANTED, "OPLOCK NOT GRANTED");
        put(USER_MAPPED_FILE, "USER MAPPED FILE");
        put(REGISTRY_CORRUPT, "REGISTRY CORRUPT");
        put(REGISTRY_IO_FAILED, "IO FAILED");
        put(TRANSACTIONAL_CONFLICT, "TRANSACTIONAL CONFLICT");
        put(NAME_NOT_FOUND, "NAME NOT FOUND");
        // The rest of procmon's table, in procmon-parser's order. A few names are shared by two codes
        // (BAD NETWORK PATH, BAD NETWORK NAME, OFFLOAD READ FILE NOT SUPPORTED): the first code wins
        // when parsing, and both render to the same text, so a Result column still round-trips.
        put(REPARSE, "REPARSE");
        put(0x105, "MORE ENTRIES");
        put(OPLOCK_BREAK_IN_PROGRESS, "OPLOCK BREAK IN PROGRESS");
        put(0x10B, "NOTIFY CLEANUP");
        put(0x10C, "NOTIFY ENUM DIR");
        put(FILE_LOCKED_WITH_ONLY_READERS, "FILE LOCKED WITH ONLY READERS");
        put(FILE_LOCKED_WITH_WRITERS, "FILE LOCKED WITH WRITERS");
        put(0x215, "OPLOCK SWITCHED TO NEW HANDLE");
        put(OPLOCK_HANDLE_CLOSED, "OPLOCK HANDLE CLOSED");
        put(0x367, "WAIT FOR OPLOCK");
        put(0x40000016, "PREDEFINED HANDLE");
        put(0xC0000001, "UNSUCCESSFUL");
        put(0x80000015, "INVALID EA FLAG");
        put(0x80000002, "DATATYPE MISALIGNMENT");
        put(BUFFER_OVERFLOW, "BUFFER OVERFLOW");
        put(0x80000006, "NO MORE FILES");
        put(0x8000001A, "NO MORE ENTRIES");
        put(0xC0000101, "NOT EMPTY");
        put(0xC0000002, "NOT IMPLEMENTED");
        put(0xC0000003, "INVALID INFO CLASS");
        put(0xC0000004, "INFO LENGTH MISMATCH");
        put(0xC0000005, "ACCESS VIOLATION");
        put(0xC0000006, "IN PAGE ERROR");
        put(0xC0000008, "INVALID HANDLE");
        put(0xC000000D, "INVALID PARAMETER");
        put(0xC000000E, "NO SUCH DEVICE");
        put(0xC000000F, "NO SUCH FILE");
        put(0xC0000010, "INVALID DEVICE REQUEST");
        put(0xC0000011, "END OF FILE");
        put(0xC0000012, "WRONG VOLUME");
        put(0xC0000013, "NO MEDIA");
        put(0xC0000015, "NONEXISTENT SECTOR");
        put(0xC0000017, "NO MEMORY");
        put(0xC0000021, "ALREADY COMMITED");
        put(0xC0000023, "BUFFER TOO SMALL");
        put(0xC0000024, "OBJECT TYPE MISMATCH");
        put(0xC0000032, "DISK CORRUPT");
        put(0xC0000033, "NAME INVALID");
        put(NAME_COLLISION, "NAME COLLISION");
        put(0xC0000039, "OBJECT PATH INVALID");
        put(PATH_NOT_FOUND, "PATH NOT FOUND");
        put(0xC000003B, "PATH SYNTAX BAD");
        put(0xC000003C, "DATA OVERRUN");
        put(0xC000003F, "CRC ERROR");
        put(0xC0000044, "QUOTA EXCEEDED");
        put(0xC000004F, "EAS NOT SUPPORTED");
        put(0xC0000050, "EA TOO LARGE");
        put(0xC0000051, "NONEXISTENT EA ENTRY");
        put(0xC0000052, "NO EAS ON FILE");
        put(0xC0000053, "EA CORRUPTED ERROR");
        put(0xC0000061, "PRIVILEGE NOT HELD");
        put(0xC000006D, "LOGON FAILURE");
        put(0xC000007E, "RANGE NOT LOCKED");
        put(0xC000007F, "DISK FULL");
        put(0xC0000098, "FILE INVALID");
        put(0xC000009A, "INSUFFICIENT RESOURCES");
        put(0xC000009C, "DEVICE DATA ERROR");
        put(0xC000009D, "DEVICE NOT CONNECTED");
        put(0xC00000A2, "MEDIA WRITE PROTECTED");
        put(0xC00000A5, "BAD IMPERSONATION");
        put(0xC00000AB, "INSTANCE NOT AVAILABLE");
        put(0xC00000AC, "PIPE NOT AVAILABLE");
        put(0xC00000AD, "INVALID PIPE STATE");
        put(0xC00000AE, "PIPE BUSY");
        put(0xC00000B0, "PIPE DISCONNECTED");
        put(0xC00000B1, "PIPE CLOSING");
        put(0xC00000B2, "PIPE CONNECTED");
        put(0xC00000B3, "PIPE LISTENING");
        put(0xC00000B4, "INVALID READ MODE");
        put(0xC00000B5, "IO TIMEOUT");
        put(0xC00000BA, "IS DIRECTORY");
        put(0xC00000BB, "NOT SUPPORTED");
        put(0xC00000BD, "DUPLICATE NAME");
        put(0xC00000BE, "BAD NETWORK PATH");
        put(0xC00000C1, "BAD NETWORK PATH");
        put(0xC00000C3, "INVALID NETWORK RESPONSE");
        put(0xC00000C4, "NETWORK ERROR");
        put(0xC00000CC, "BAD NETWORK NAME");
        put(0xC00000D4, "BAD NETWORK NAME");
        put(0xC00000D8, "CANT WAIT");
        put(0xC00000D9, "PIPE EMPTY");
        put(0xC00000DB, "CSC OBJECT PATH NOT FOUND");
        put(0xC00000EF, "INVALID PARAMETER 1");
        put(0xC00000F0, "INVALID PARAMETER 2");
        put(0xC00000F1, "INVALID PARAMETER 3");
        put(0xC00000F2, "INVALID PARAMETER 4");
        put(0xC00000FB, "REDIRECTOR NOT STARTED");
        put(0xC0000102, "FILE CORRUPT");
        put(0xC0000103, "NOT A DIRECTORY");
        put(0xC0000107, "FILES OPEN");
        put(0xC000010D, "CANNOT IMPERSONATE");
        put(CANCELLED, "CANCELLED");
        put(FILE_DELETED, "FILE DELETED");
        put(0xC0000128, "FILE CLOSED");
        put(0xC000012A, "THREAD NOT IN PROCESS");
        put(0xC0000148, "INVALID LEVEL");
        put(0xC000014B, "PIPE BROKEN");
        put(0xC000017C, "KEY DELETED");
        put(0xC0000181, "CHILD MUST BE VOLATILE");
        put(0xC0000184, "INVALID DEVICE STATE");
        put(0xC0000185, "IO DEVICE ERROR");
        put(0xC0000188, "LOG FILE FULL");
        put(0xC000019C, "FS DRIVER REQUIRED");
        put(0xC0000205, "INSUFFICIENT SERVER RESOURCES");
        put(0xC0000207, "INVALID ADDRESS COMPONENT");
        put(0xC000020C, "DISCONNECTED");
        put(0xC0000225, "NOT FOUND");
        put(0xC0000248, "LOGIN WKSTA RESTRICTION");
        put(0xC0000257, "PATH NOT COVERED");
        put(0xC000026D, "DFS UNAVAILABLE");
        put(0xC0000273, "NO MORE MATCHES");
        put(0xC0000275, "NOT REPARSE POINT");
        put(0xC00002EA, "CANNOT MAKE");
        put(0xC00002F0, "OBJECTID NOT FOUND");
        put(0xC0000388, "DOWNGRADE DETECTED");
        put(0xC0000425, "HIVE UNLOADED");
        put(0xC0000427, "FILE SYSTEM LIMITATION");
        put(0xC0000463, "DEVICE FEATURE NOT SUPPORTED");
        put(0xC000046D, "OBJECT NOT EXTERNALLY BACKED");
        put(0xC0000909, "CANNOT BREAK OPLOCK");
        put(0xC000A2A1, "STATUS_OFFLOAD_READ_FLT_NOT_SUPPORTED");
        put(0xC000A2A2, "STATUS_OFFLOAD_WRITE_FLT_NOT_SUPPORTED");
        put(0xC000A2A3, "OFFLOAD READ FILE NOT SUPPORTED");
        put(0xC000A2A4, "OFFLOAD READ FILE NOT SUPPORTED");
        put(0xC0190002, "INVALID TRANSACTION");
        put(0xC0190003, "TRANSACTION_NOT_ACTIVE");
        put(0xC019003E, "EFS NOT ALLOWED IN TRANSACTION");
        put(0xC019003F, "TRANSACTIONAL OPEN NOT ALLOWED");
        put(0xC0190040, "TRANSACTED MAPPING UNSUPPORTED REMOTE");
        put(0xC0190044, "CANNOT EXECUTE FILE IN TRANSACTION");
        put(0xC0190049, "SPARSE NOT ALLOWED IN TRANSACTION");
        put(FAST_IO_DISALLOWED, "FAST IO DISALLOWED");
    }

    private NtStatus() {
    }

    private static void put(int code, String name) {
        NAMES.put(code, name);
        CODES.putIfAbsent(name, code);
    }

    /** procmon's Result text for {@code code}. */
    public static String name(int code) {
        if (code == PENDING) {
            return "";
        }
        String n = NAMES.get(code);
        return n != null ? n : "0x" + Integer.toHexString(code).toUpperCase(Locale.ROOT);
    }

    /**
     * The code procmon's Result text stands for, or null when the text is not a result procmon
     * writes ({@code name(parse(t)).equals(t)} for every text this accepts).
     */
    public static Integer parse(String text) {
        if (text.isEmpty()) {
            return PENDING;
        }
        Integer code = CODES.get(text);
        if (code != null) {
            return code;
        }
        if (text.startsWith("0x") && text.length() > 2 && text.length() <= 10) {
            try {
                int unnamed = Integer.parseUnsignedInt(text.substring(2), 16);
                return name(unnamed).equals(text) ? unnamed : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    public static boolean isError(int code) {
        return (code >>> 30) == 3;
    }
}
