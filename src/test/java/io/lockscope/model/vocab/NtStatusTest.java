package io.lockscope.model.vocab;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NtStatusTest {

    @Test
    void namesTheCodesProcmonNames() {
        assertEquals("SHARING VIOLATION", NtStatus.name(0xC0000043));
        assertEquals("FILE LOCKED WITH ONLY READERS", NtStatus.name(0x12A));
        assertEquals("BUFFER OVERFLOW", NtStatus.name(0x80000005));
        assertEquals("FAST IO DISALLOWED", NtStatus.name(0xC01C0004));
        assertEquals("TRANSACTION_NOT_ACTIVE", NtStatus.name(0xC0190003));
        assertEquals("IO FAILED", NtStatus.name(NtStatus.REGISTRY_IO_FAILED));
    }

    @Test
    void pendingIsAnEmptyResult() {
        assertEquals("", NtStatus.name(NtStatus.PENDING));
        assertEquals(NtStatus.PENDING, NtStatus.parse(""));
    }

    @Test
    void unknownCodesAreUpperCaseHexWithoutPadding() {
        assertEquals("0x368", NtStatus.name(0x368));
        assertEquals("0xC000046F", NtStatus.name(0xC000046F));
        assertEquals(0x368, NtStatus.parse("0x368"));
        assertEquals(0xC000046F, NtStatus.parse("0xC000046F"));
    }

    @Test
    void parseAcceptsOnlyWhatProcmonWrites() {
        assertEquals(0xC0000043, NtStatus.parse("SHARING VIOLATION"));
        assertNull(NtStatus.parse("sharing violation"));
        assertNull(NtStatus.parse("0x0368"), "padded hex is not procmon's spelling");
        assertNull(NtStatus.parse("0xc000046f"), "lower-case hex is not procmon's spelling");
        assertNull(NtStatus.parse("0xC0000043"), "a named code is always written by name");
        assertNull(NtStatus.parse("0x"));
        assertNull(NtStatus.parse("0x1FFFFFFFF"));
    }

    @Test
    void sharedNamesParseToTheFirstCodeAndStillRoundTrip() {
        assertEquals(0xC00000BE, NtStatus.parse("BAD NETWORK PATH"));
        assertEquals("BAD NETWORK PATH", NtStatus.name(0xC00000C1));
    }

    @Test
    void namesFromTheCorpusRoundTrip() {
        for (String text : new String[] {"SUCCESS", "REPARSE", "NOT REPARSE POINT", "OBJECTID NOT FOUND",
                "OBJECT NOT EXTERNALLY BACKED", "OFFLOAD READ FILE NOT SUPPORTED", "NO EAS ON FILE", "NAME INVALID"}) {
            assertEquals(text, NtStatus.name(NtStatus.parse(text)), text);
        }
    }

    @Test
    void errorsAreSeverityThree() {
        assertTrue(NtStatus.isError(NtStatus.SHARING_VIOLATION));
        assertFalse(NtStatus.isError(0x80000005));
        assertFalse(NtStatus.isError(0x12A));
    }
}
