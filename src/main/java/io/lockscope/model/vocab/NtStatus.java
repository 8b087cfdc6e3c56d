package io.lockscope.model.vocab;

import java.util.HashMap;
import java.util.Map;

/**
 * NTSTATUS codes and procmon's Result column spelling (procmon-formats.md §1.16). Unknown codes are
 * spelled {@code 0x} + upper-case hex without padding, as procmon does.
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
    public static final int TRANSACTIONAL_CONFLICT = 0xC0190001;
    public static final int NAME_NOT_FOUND = 0xC0000034;

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
    }

    private NtStatus() {
    }

    private static void put(int code, String name) {
        NAMES.put(code, name);
        CODES.put(name, code);
    }

    /** procmon's Result text for {@code code}. */
    public static String name(int code) {
        if (code == PENDING) {
            return "";
        }
        String n = NAMES.get(code);
        return n != null ? n : "0x" + Integer.toHexString(code).toUpperCase();
    }

    /** The code procmon's Result text stands for, or null when the text is not a known result. */
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
                return (int) Long.parseLong(text.substring(2), 16);
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
