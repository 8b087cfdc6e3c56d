package io.lockscope.model.vocab;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Each vocabulary against spellings seen in procmon's own CSV exports (procmon-formats.md §2.4, §2.5). */
class VocabularyTest {

    @Test
    void fileAccessNamesCompositesBeforeSingleBits() {
        AccessMask access = FileVocabulary.DESIRED_ACCESS;
        assertEquals("Read Attributes", access.render(0x80));
        assertEquals("Generic Read", access.render(0x120089));
        assertEquals("Generic Read", access.render(AccessMask.GENERIC_READ));
        assertEquals("Generic Read/Execute", access.render(AccessMask.GENERIC_READ | AccessMask.GENERIC_EXECUTE));
        assertEquals("All Access", access.render(AccessMask.GENERIC_ALL));
        assertEquals("Generic Write, Read Attributes", access.render(0x120116 | 0x80));
        assertEquals("Delete", access.render(0x10000));
        assertEquals("Read Attributes, Delete, Synchronize", access.render(0x110080));
        assertEquals("None 0x0", access.render(0));
        assertEquals("None 0x200", access.render(0x200));
    }

    @Test
    void fileAccessParsesBackToTheNamedRights() {
        AccessMask access = FileVocabulary.DESIRED_ACCESS;
        assertEquals(0x120196, access.parse("Generic Write, Read Attributes"));
        assertEquals(0x1200A9, access.parse("Generic Read/Execute"));
        assertEquals(0x110080, access.parse("Read Attributes, Delete, Synchronize"));
        assertEquals(0, access.parse("None 0x0"));
        assertEquals(0x200, access.parse("None 0x200"));
        assertNull(access.parse("None 0x80"), "0x80 is named, so procmon never writes it as None");
        assertNull(access.parse("Delete, Read Attributes"), "names come in procmon's order only");
        assertNull(access.parse("Generic Read, Synchronize"), "Generic Read already holds Synchronize");
        assertNull(access.parse(""));
    }

    @Test
    void registryAccess() {
        AccessMask access = RegistryVocabulary.ACCESS;
        assertEquals("Read", access.render(0x20019));
        assertEquals("Query Value, Set Value", access.render(0x3));
        assertEquals("All Access", access.render(AccessMask.GENERIC_ALL));
        assertEquals("Maximum Allowed", access.render(0x2000000));
        assertEquals("Read, WOW64_64Key", access.render(0x20119));
        assertEquals("WOW64_Res", access.render(0x300));
        assertEquals(0x20006, access.parse("Write"));
        assertEquals(0x2001F, access.parse("Read/Write"));
        assertEquals(0x3, access.parse("Query Value, Set Value"));
    }

    @Test
    void shareModeAndAttributes() {
        assertEquals("Read, Write, Delete", FileVocabulary.SHARE_MODE.render(7));
        assertEquals("Read, Delete", FileVocabulary.SHARE_MODE.render(5));
        assertEquals("None", FileVocabulary.SHARE_MODE.render(0));
        assertEquals(5, FileVocabulary.SHARE_MODE.parse("Read, Delete"));
        assertEquals(0, FileVocabulary.SHARE_MODE.parse("None"));

        assertEquals("n/a", FileVocabulary.ATTRIBUTES.render(0));
        assertEquals("ANCI", FileVocabulary.ATTRIBUTES.render(0x20 | 0x2000));
        assertEquals("HSANCI", FileVocabulary.ATTRIBUTES.render(0x2 | 0x4 | 0x20 | 0x2000));
        assertEquals(0x2026, FileVocabulary.ATTRIBUTES.parse("HSANCI"));
        assertEquals(0x80, FileVocabulary.ATTRIBUTES.parse("N"));
        assertEquals(0x2000, FileVocabulary.ATTRIBUTES.parse("NCI"), "NCI is one letter group, not N + C + I");
        assertEquals(0x10, FileVocabulary.ATTRIBUTES.parse("D"), "Directory comes before Device");
        assertEquals(0x50, FileVocabulary.ATTRIBUTES.parse("DD"));
        assertEquals(0, FileVocabulary.ATTRIBUTES.parse("n/a"));
        assertNull(FileVocabulary.ATTRIBUTES.parse("X"));
    }

    @Test
    void createOptionsFollowProcmonsOrderNotNumericOrder() {
        FlagVocabulary options = FileVocabulary.CREATE_OPTIONS;
        assertEquals("Synchronous IO Non-Alert, Non-Directory File", options.render(0x60));
        assertEquals("Open Reparse Point, Disallow Exclusive", options.render(0x220000));
        assertEquals("", options.render(0));
        assertEquals(0x220000, options.parse("Open Reparse Point, Disallow Exclusive"));
        assertEquals(0, options.parse(""));
        assertNull(options.parse("Disallow Exclusive, Open Reparse Point"));
    }

    @Test
    void dispositionsAndOpenResults() {
        assertEquals("OpenIf", FileVocabulary.DISPOSITION.render(3));
        assertEquals("<unknown>", FileVocabulary.DISPOSITION.render(7));
        assertEquals(5, FileVocabulary.DISPOSITION.parse("OverwriteIf"));
        assertNull(FileVocabulary.DISPOSITION.parse("<unknown>"), "the unknown spelling has no number to return");
        assertEquals("DoesNotExist", FileVocabulary.OPEN_RESULT.render(5));
        assertEquals(1, FileVocabulary.OPEN_RESULT.parse("Opened"));
    }

    @Test
    void ioFlagsAndPriority() {
        assertEquals("Non-cached, Paging I/O, Synchronous Paging I/O", FileVocabulary.IO_FLAGS.render(0x43));
        assertEquals("Buffered, Non-cached", FileVocabulary.IO_FLAGS.render(0x11));
        assertEquals(0x43, FileVocabulary.IO_FLAGS.parse("Non-cached, Paging I/O, Synchronous Paging I/O"));
        assertEquals("Very Low", FileVocabulary.IO_PRIORITY.render(1));
        assertEquals("Critical", FileVocabulary.IO_PRIORITY.render(5));
        assertEquals("0x6", FileVocabulary.IO_PRIORITY.render(6));
        assertEquals(6, FileVocabulary.IO_PRIORITY.parse("0x6"));
        assertEquals(3, FileVocabulary.IO_PRIORITY.parse("Normal"));
        assertNull(FileVocabulary.IO_PRIORITY.parse("0x06"));
    }

    @Test
    void registryValueTypesAndKeyDispositions() {
        assertEquals("REG_MULTI_SZ", RegistryVocabulary.VALUE_TYPE.render(7));
        assertEquals("<Unknown: 1001>", RegistryVocabulary.VALUE_TYPE.render(1001));
        assertEquals(1001, RegistryVocabulary.VALUE_TYPE.parse("<Unknown: 1001>"));
        assertEquals(11, RegistryVocabulary.VALUE_TYPE.parse("REG_QWORD"));
        assertNull(RegistryVocabulary.VALUE_TYPE.parse("<Unknown: 4>"), "4 is REG_DWORD by name");
        assertEquals(RegistryVocabulary.REG_OPENED_EXISTING_KEY,
                RegistryVocabulary.KEY_DISPOSITION.parse("REG_OPENED_EXISTING_KEY"));
        assertEquals("REG_CREATED_NEW_KEY", RegistryVocabulary.KEY_DISPOSITION.render(1));
    }

    @Test
    void dispositionFlagsSyncTypeAndPageProtection() {
        assertEquals("FILE_DISPOSITION_DELETE, FILE_DISPOSITION_POSIX_SEMANTICS",
                FileVocabulary.DISPOSITION_FLAGS.render(0x3));
        assertEquals(0x13, FileVocabulary.DISPOSITION_FLAGS.parse(
                "FILE_DISPOSITION_DELETE, FILE_DISPOSITION_POSIX_SEMANTICS, FILE_DISPOSITION_IGNORE_READONLY_ATTRIBUTE"));
        assertEquals("SyncTypeCreateSection", FileVocabulary.SYNC_TYPE.render(1));
        assertEquals(0, FileVocabulary.SYNC_TYPE.parse("SyncTypeOther"));
        assertEquals("PAGE_READONLY", PageProtection.render(0x2));
        assertEquals("PAGE_READONLY", PageProtection.render(0x2 | 0x20), "the first protection in order wins");
        assertEquals("PAGE_EXECUTE_READ|PAGE_NOCACHE", PageProtection.render(0x220));
        assertEquals("|PAGE_NOCACHE", PageProtection.render(0x200));
        assertNull(PageProtection.render(0x1));
        assertEquals(0x220, PageProtection.parse("PAGE_EXECUTE_READ|PAGE_NOCACHE"));
        assertEquals(0x200, PageProtection.parse("|PAGE_NOCACHE"));
        assertNull(PageProtection.parse("PAGE_GUARD"));
    }
}
