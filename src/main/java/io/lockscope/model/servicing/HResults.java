package io.lockscope.model.servicing;

import java.util.Map;

/**
 * HRESULTs that servicing logs print, with the names CBS prints after them ({@code [HRESULT =
 * 0x800703f1 - ERROR_BADDB]}). Table from servicing.md §3 (winerror.h names; CBS_E_* as CBS spells
 * them).
 */
public final class HResults {
    public static final int S_OK = 0;
    public static final int ERROR_BADDB = 0x800703F1;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(S_OK, "S_OK"),
            Map.entry(ERROR_BADDB, "ERROR_BADDB"),
            Map.entry(0x800703F8, "ERROR_REGISTRY_IO_FAILED"),
            Map.entry(0x80070020, "ERROR_SHARING_VIOLATION"),
            Map.entry(0x80070005, "E_ACCESSDENIED"),
            Map.entry(0x80070021, "ERROR_LOCK_VIOLATION"),
            Map.entry(0x80071A90, "ERROR_TRANSACTIONAL_CONFLICT"),
            Map.entry(0x80070002, "ERROR_FILE_NOT_FOUND"),
            Map.entry(0x80070003, "ERROR_PATH_NOT_FOUND"),
            Map.entry(0x8007000D, "ERROR_INVALID_DATA"),
            Map.entry(0x80070057, "E_INVALIDARG"),
            Map.entry(0x80070490, "ERROR_NOT_FOUND"),
            Map.entry(0x800F0922, "CBS_E_INSTALLERS_FAILED"),
            Map.entry(0x800F081F, "CBS_E_SOURCE_MISSING"),
            Map.entry(0x800F0831, "CBS_E_STORE_CORRUPTION"),
            Map.entry(0x80073712, "ERROR_SXS_COMPONENT_STORE_CORRUPT"),
            Map.entry(0x80070BC2, "ERROR_SUCCESS_REBOOT_REQUIRED"),
            Map.entry(0x80070BC9, "ERROR_FAIL_REBOOT_REQUIRED"));

    /**
     * The Win32 code a failing NTSTATUS becomes (RtlNtStatusToDosError), as the servicing stack then logs
     * it wrapped in an HRESULT: servicing.md §3's table. A sharing violation surfaces as 0x80070020, a
     * denial (or a pending delete, or an undeletable file) as 0x80070005, a corrupt registry as
     * 0x800703f1 ERROR_BADDB.
     */
    private static final Map<Integer, Integer> WIN32_OF_NTSTATUS = Map.ofEntries(
            Map.entry(0xC000014C, 1009), // REGISTRY CORRUPT → ERROR_BADDB
            Map.entry(0xC000014D, 1016), // IO FAILED → ERROR_REGISTRY_IO_FAILED
            Map.entry(0xC0000043, 32),   // SHARING VIOLATION → ERROR_SHARING_VIOLATION
            Map.entry(0xC0000022, 5),    // ACCESS DENIED → ERROR_ACCESS_DENIED
            Map.entry(0xC0000056, 5),    // DELETE PENDING
            Map.entry(0xC0000121, 5),    // CANNOT DELETE
            Map.entry(0xC0000054, 33),   // FILE LOCK CONFLICT → ERROR_LOCK_VIOLATION
            Map.entry(0xC0000055, 33),   // NOT GRANTED
            Map.entry(0xC0190001, 6800), // TRANSACTIONAL CONFLICT
            Map.entry(0xC0000034, 2),    // NAME NOT FOUND → ERROR_FILE_NOT_FOUND
            Map.entry(0xC000003A, 3));   // PATH NOT FOUND

    private HResults() {
    }

    /** The HRESULT the servicing logs show for an operation that failed with {@code ntstatus}; null when not known. */
    public static Integer ofNtStatus(int ntstatus) {
        Integer win32 = WIN32_OF_NTSTATUS.get(ntstatus);
        return win32 == null ? null : fromWin32(win32);
    }

    /** HRESULT_FROM_WIN32: 0 stays 0, anything else becomes 0x8007xxxx. */
    public static int fromWin32(int win32) {
        return win32 <= 0 ? win32 : (win32 & 0xFFFF) | 0x80070000;
    }

    /** The Win32 code inside a FACILITY_WIN32 HRESULT (0x8007xxxx), 0 for S_OK, else null. */
    public static Integer toWin32(int hresult) {
        if (hresult == S_OK) {
            return 0;
        }
        return (hresult & 0xFFFF0000) == 0x80070000 ? hresult & 0xFFFF : null;
    }

    /** The name CBS prints for {@code hresult}, or null when this table does not know it. */
    public static String name(int hresult) {
        return NAMES.get(hresult);
    }

    /** {@code 0x800703f1}: lower-case, 8 digits, as CBS and the JSON report spell it. */
    public static String format(int hresult) {
        return String.format("0x%08x", hresult);
    }

    public static boolean isFailure(int hresult) {
        return hresult < 0;
    }
}
