package io.lockscope.model.vocab;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IoControlCodesTest {

    @Test
    void namedCodesUseProcmonsNames() {
        assertEquals("FSCTL_REQUEST_OPLOCK", IoControlCodes.render(0x90240));
        assertEquals("FSCTL_READ_FILE_USN_DATA", IoControlCodes.render(0x900eb));
        assertEquals("IOCTL_MOUNTDEV_QUERY_DEVICE_NAME", IoControlCodes.render(0x4d0008));
        assertEquals("FSCTL_LMR_QUERY_DEBUG_INFO", IoControlCodes.render(0x1401ec));
    }

    @Test
    void unnamedCodesShowTheirCtlCodeFields() {
        assertEquals("0x902eb (Device:0x9 Function:186 Method: 3)", IoControlCodes.render(0x902eb));
        assertEquals("0x1403a4 (Device:0x14 Function:233 Method: 0)", IoControlCodes.render(0x1403a4));
    }

    @Test
    void fileSystemControlCategories() {
        assertEquals("Read", IoControlCodes.fileSystemControlCategory("FSCTL_GET_REPARSE_POINT"));
        assertEquals("Read Metadata", IoControlCodes.fileSystemControlCategory("FSCTL_QUERY_USN_JOURNAL"));
        assertEquals("Write Metadata", IoControlCodes.fileSystemControlCategory("FSCTL_WRITE_USN_CLOSE_RECORD"));
        assertEquals("Write", IoControlCodes.fileSystemControlCategory("FSCTL_MOVE_FILE"));
        assertEquals("", IoControlCodes.fileSystemControlCategory("FSCTL_FILE_PREFETCH"));
        assertEquals("", IoControlCodes.fileSystemControlCategory("no such control"));
    }

    @Test
    void wellKnownSidsBothWays() {
        assertEquals("NT AUTHORITY\\SYSTEM", WellKnownSids.account("S-1-5-18"));
        assertEquals("NT AUTHORITY\\NETWORK SERVICE", WellKnownSids.account("S-1-5-20"));
        assertEquals("S-1-5-21-1-2-3-1001", WellKnownSids.account("S-1-5-21-1-2-3-1001"));
        assertEquals("S-1-5-18", WellKnownSids.sid("NT AUTHORITY\\SYSTEM"));
        assertEquals("HOST\\user", WellKnownSids.sid("HOST\\user"));
    }
}
