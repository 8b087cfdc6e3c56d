package io.lockscope.model.vocab;

import io.lockscope.model.Operation;
import io.lockscope.model.detail.CreateFileDetail;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.DispositionDetail;
import io.lockscope.model.detail.FileMappingDetail;
import io.lockscope.model.detail.FileTimesDetail;
import io.lockscope.model.detail.IoDetail;
import io.lockscope.model.detail.LockDetail;
import io.lockscope.model.detail.NetworkOpenDetail;
import io.lockscope.model.detail.ProcessDetail;
import io.lockscope.model.detail.RegKeyDetail;
import io.lockscope.model.detail.RegValueDetail;
import io.lockscope.model.detail.RenameDetail;
import io.lockscope.model.detail.SizeDetail;
import io.lockscope.model.detail.StandardInfoDetail;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Detail grammar per operation family, with real rows (procmon-formats.md §2.4, §2.5) and hand-made locale variants. */
class DetailFormatTest {
    private static final NumberStyle EN = NumberStyle.EN_US;

    /** Parses {@code text}, checks it is typed as {@code expected} and renders back identically. */
    private static void roundTrip(Operation op, String text, Detail expected, NumberStyle style) {
        Detail parsed = DetailFormat.parse(op, text, style);
        assertEquals(expected, parsed, text);
        assertEquals(text, DetailFormat.render(op, expected, style));
    }

    private static void keptAsText(Operation op, String text, NumberStyle style) {
        Detail parsed = DetailFormat.parse(op, text, style);
        assertEquals(new Detail.Text(text), parsed);
        assertEquals(text, DetailFormat.render(op, parsed, style));
    }

    @Test
    void createFileSucceededAndFailed() {
        roundTrip(Operation.CREATE_FILE, "Desired Access: Read Attributes, Disposition: Open, Options: Open Reparse Point, "
                        + "Attributes: n/a, ShareMode: Read, Write, Delete, AllocationSize: n/a, OpenResult: Opened",
                new CreateFileDetail(0x80, 1, 0x200000, 0, 7, -1, 1, null), EN);
        roundTrip(Operation.CREATE_FILE, "Desired Access: Delete, Disposition: Open, Options: Non-Directory File, "
                        + "Attributes: n/a, ShareMode: Read, AllocationSize: n/a",
                new CreateFileDetail(0x10000, 1, 0x40, 0, 1, -1, -1, null), EN);
        roundTrip(Operation.CREATE_FILE, "Desired Access: Generic Write, Read Attributes, Disposition: OpenIf, "
                        + "Options: Synchronous IO Non-Alert, Non-Directory File, Disallow Exclusive, Attributes: N, "
                        + "ShareMode: Read, Write, AllocationSize: 0, Impersonating: NT AUTHORITY\\SYSTEM, OpenResult: Created",
                new CreateFileDetail(0x120196, 3, 0x20060, 0x80, 3, 0, 2, "NT AUTHORITY\\SYSTEM"), EN);
        roundTrip(Operation.CREATE_FILE, "Desired Access: Generic Read, Disposition: Open, Options: , Attributes: n/a, "
                + "ShareMode: None, AllocationSize: n/a", new CreateFileDetail(0x120089, 1, 0, 0, 0, -1, -1, null), EN);
    }

    @Test
    void createFileThatWouldNotRenderBackStaysText() {
        // "Synchronize" after "Generic Read" is impossible: Generic Read already holds that bit
        keptAsText(Operation.CREATE_FILE, "Desired Access: Generic Read, Synchronize, Disposition: Open, Options: , "
                + "Attributes: n/a, ShareMode: None, AllocationSize: n/a", EN);
        // an allocation size without grouping is not how an en-US export writes it
        keptAsText(Operation.CREATE_FILE, "Desired Access: Generic Write, Disposition: Create, Options: , "
                + "Attributes: N, ShareMode: None, AllocationSize: 4096", EN);
        keptAsText(Operation.CREATE_FILE, "Desired Access: Generic Read", EN);
    }

    @Test
    void readWriteInThreeLocales() {
        IoDetail io = new IoDetail(536_064, 16_384, 0x43, 3);
        roundTrip(Operation.READ_FILE, "Offset: 536,064, Length: 16,384, I/O Flags: Non-cached, Paging I/O, "
                + "Synchronous Paging I/O, Priority: Normal", io, EN);
        roundTrip(Operation.READ_FILE, "Offset: 536.064, Length: 16.384, I/O Flags: Non-cached, Paging I/O, "
                + "Synchronous Paging I/O, Priority: Normal", io, NumberStyle.EUROPEAN);
        roundTrip(Operation.READ_FILE, "Offset: 536\u00A0064, Length: 16\u00A0384, I/O Flags: Non-cached, Paging I/O, "
                + "Synchronous Paging I/O, Priority: Normal", io, NumberStyle.NBSP);
        roundTrip(Operation.WRITE_FILE, "Offset: 5,242,880, Length: 1,048,576, Priority: Very Low",
                new IoDetail(5_242_880, 1_048_576, -1, 1), EN);
        roundTrip(Operation.WRITE_FILE, "Offset: 0, Length: 512", new IoDetail(0, 512, -1, -1), EN);
        // en-US grouping read with the European style is not a number there
        keptAsText(Operation.READ_FILE, "Offset: 536,064, Length: 16,384", NumberStyle.EUROPEAN);
        keptAsText(Operation.READ_FILE, "Offset: 8 192, Length: 4", NumberStyle.NBSP);
    }

    @Test
    void lockAndUnlock() {
        roundTrip(Operation.LOCK_FILE, "Exclusive: True, Offset: 2,147,483,538, Length: 1, Fail Immediately: True",
                new LockDetail(2_147_483_538L, 1, true, true, true), EN);
        roundTrip(Operation.LOCK_FILE, "Exclusive: False, Offset: 124, Length: 1, Fail Immediately: True",
                new LockDetail(124, 1, true, false, true), EN);
        roundTrip(Operation.UNLOCK_FILE_SINGLE, "Offset: 2.147.483.539, Length: 20",
                new LockDetail(2_147_483_539L, 20, false, false, false), NumberStyle.EUROPEAN);
        keptAsText(Operation.LOCK_FILE, "Exclusive: True, Offset: 1, Length: 1", EN);
    }

    @Test
    void dispositionRenameAndSizes() {
        roundTrip(Operation.SET_DISPOSITION_INFORMATION_FILE, "Delete: True", new DispositionDetail(true, -1), EN);
        roundTrip(Operation.SET_DISPOSITION_INFORMATION_FILE, "Delete: False", new DispositionDetail(false, -1), EN);
        roundTrip(Operation.SET_DISPOSITION_INFORMATION_EX, "Flags: FILE_DISPOSITION_DELETE, FILE_DISPOSITION_POSIX_SEMANTICS",
                new DispositionDetail(true, 3), EN);
        roundTrip(Operation.SET_RENAME_INFORMATION_FILE,
                "ReplaceIfExists: False, FileName: C:\\Users\\a, b\\inventory.csv.WNCRY",
                new RenameDetail(false, "C:\\Users\\a, b\\inventory.csv.WNCRY"), EN);
        roundTrip(Operation.SET_RENAME_INFORMATION_EX_BYPASS_ACCESS_CHECK, "ReplaceIfExists: True, FileName: C:\\x\\y.tmp",
                new RenameDetail(true, "C:\\x\\y.tmp"), EN);
        roundTrip(Operation.SET_END_OF_FILE_INFORMATION_FILE, "EndOfFile: 3,584", new SizeDetail(3584), EN);
        roundTrip(Operation.SET_ALLOCATION_INFORMATION_FILE, "AllocationSize: 3\u00A0584", new SizeDetail(3584),
                NumberStyle.NBSP);
        keptAsText(Operation.SET_ALLOCATION_INFORMATION_FILE, "EndOfFile: 3,584", EN);
    }

    @Test
    void registryKeysAndValues() {
        roundTrip(Operation.REG_OPEN_KEY, "Desired Access: Read", new RegKeyDetail(0x20019, -1, -1), EN);
        roundTrip(Operation.REG_OPEN_KEY, "Desired Access: Maximum Allowed, Granted Access: All Access",
                new RegKeyDetail(0x2000000, 0xF003F, -1), EN);
        roundTrip(Operation.REG_CREATE_KEY, "Desired Access: Query Value, Set Value, Disposition: REG_OPENED_EXISTING_KEY",
                new RegKeyDetail(0x3, -1, 2), EN);
        roundTrip(Operation.REG_SET_VALUE, "Type: REG_BINARY, Length: 1,612, Data: 00 00 00 00 AE 00 00 00 66 01 00 00 4C FA 70 00",
                new RegValueDetail(-1, null, 3, 1612, "00 00 00 00 AE 00 00 00 66 01 00 00 4C FA 70 00"), EN);
        roundTrip(Operation.REG_SET_VALUE, "Type: REG_MULTI_SZ, Length: 20, Data: en-US, en",
                new RegValueDetail(-1, null, 7, 20, "en-US, en"), EN);
        roundTrip(Operation.REG_QUERY_VALUE, "Length: 40", new RegValueDetail(-1, null, -1, 40, null), EN);
        roundTrip(Operation.REG_QUERY_VALUE, "Type: REG_QWORD, Length: 8, Data: ", new RegValueDetail(-1, null, 11, 8, ""), EN);
        roundTrip(Operation.REG_QUERY_VALUE, "Type: <Unknown: 1001>, Length: 0", new RegValueDetail(-1, null, 1001, 0, null), EN);
        roundTrip(Operation.REG_ENUM_VALUE, "Index: 0, Name: aux, Type: REG_SZ, Length: 22, Data: wdmaud.drv",
                new RegValueDetail(0, "aux", 1, 22, "wdmaud.drv"), EN);
        roundTrip(Operation.REG_ENUM_KEY, "Index: 4.294.967.294, Length: 288", new RegValueDetail(-2, null, -1, 288, null),
                NumberStyle.EUROPEAN);
        // 0xFFFFFFFF collides with "no index" and so stays text
        keptAsText(Operation.REG_ENUM_KEY, "Index: 4,294,967,295, Length: 288", EN);
        assertEquals(Detail.None.INSTANCE, DetailFormat.parse(Operation.REG_DELETE_VALUE, "", EN));
        // an open without desired access has an empty Detail in procmon
        assertEquals("", DetailFormat.render(Operation.REG_OPEN_KEY, new RegKeyDetail(0, -1, 2), EN));
        keptAsText(Operation.REG_OPEN_KEY, "Desired Access: None 0x0", EN);
    }

    @Test
    void processThreadAndImageEvents() {
        Detail exit = DetailFormat.parse(Operation.PROCESS_EXIT, "Exit Status: -1073740756, User Time: 0.0156001 seconds, "
                + "Kernel Time: 0.0000000 seconds, Private Bytes: 393.216, Peak Private Bytes: 393.216, "
                + "Working Set: 110.592, Peak Working Set: 114.688", NumberStyle.EUROPEAN);
        ProcessDetail p = assertInstanceOf(ProcessDetail.class, exit);
        assertEquals("393216", p.get("Private Bytes"), "byte counts are kept without the locale's grouping");
        assertEquals("0.0156001 seconds", p.get("User Time"));
        assertEquals("Exit Status: -1073740756, User Time: 0.0156001 seconds, Kernel Time: 0.0000000 seconds, "
                        + "Private Bytes: 393,216, Peak Private Bytes: 393,216, Working Set: 110,592, Peak Working Set: 114,688",
                DetailFormat.render(Operation.PROCESS_EXIT, p, EN));

        roundTrip(Operation.PROCESS_CREATE, "PID: 3232, Command line: \"C:\\Windows\\system32\\NOTEPAD.EXE\" C:\\a, b.txt",
                new ProcessDetail(3232, -1, -1, List.of(new ProcessDetail.Field("PID", "3232"),
                        new ProcessDetail.Field("Command line", "\"C:\\Windows\\system32\\NOTEPAD.EXE\" C:\\a, b.txt"))), EN);
        roundTrip(Operation.LOAD_IMAGE, "Image Base: 0x7ff795e70000, Image Size: 0x41000",
                new ProcessDetail(-1, 0x7ff795e70000L, 0x41000, List.of(new ProcessDetail.Field("Image Base", "0x7ff795e70000"),
                        new ProcessDetail.Field("Image Size", "0x41000"))), EN);
        roundTrip(Operation.THREAD_CREATE, "Thread ID: 6740",
                new ProcessDetail(6740, -1, -1, List.of(new ProcessDetail.Field("Thread ID", "6740"))), EN);
        roundTrip(Operation.PROCESS_START, "Parent PID: 3596",
                new ProcessDetail(3596, -1, -1, List.of(new ProcessDetail.Field("Parent PID", "3596"))), EN);
        keptAsText(Operation.THREAD_CREATE, "Thread: 6740", EN);
    }

    @Test
    void mappingTimesAndStandardInformation() {
        roundTrip(Operation.CREATE_FILE_MAPPING, "SyncType: SyncTypeOther", new FileMappingDetail(0, -1), EN);
        roundTrip(Operation.CREATE_FILE_MAPPING, "SyncType: SyncTypeCreateSection, PageProtection: PAGE_EXECUTE",
                new FileMappingDetail(1, 0x10), EN);
        roundTrip(Operation.SET_BASIC_INFORMATION_FILE, "CreationTime: 1/1/1601 12:00:00 AM, LastAccessTime: 1/1/1601 12:00:00 AM, "
                        + "LastWriteTime: 7/11/2020 4:33:18 PM, ChangeTime: 1/1/1601 12:00:00 AM, FileAttributes: n/a",
                new FileTimesDetail("1/1/1601 12:00:00 AM", "1/1/1601 12:00:00 AM", "7/11/2020 4:33:18 PM",
                        "1/1/1601 12:00:00 AM", 0), EN);
        roundTrip(Operation.QUERY_STANDARD_INFORMATION_FILE,
                "AllocationSize: 249,856, EndOfFile: 246,784, NumberOfLinks: 2, DeletePending: True, Directory: False",
                new StandardInfoDetail(249_856, 246_784, 2, true, false), EN);
    }

    @Test
    void queryOpenWithNetworkOpenInformation() {
        String times = "CreationTime: 11.07.2020 15:46:54, LastAccessTime: 12.07.2020 01:17:38, "
                + "LastWriteTime: 12.07.2020 01:17:38, ChangeTime: 12.07.2020 01:17:38, ";
        roundTrip(Operation.QUERY_OPEN, times + "AllocationSize: 1.048.576, EndOfFile: 1.000.448, FileAttributes: A",
                new NetworkOpenDetail("11.07.2020 15:46:54", "12.07.2020 01:17:38", "12.07.2020 01:17:38",
                        "12.07.2020 01:17:38", 1_048_576, 1_000_448, 0x20), NumberStyle.EUROPEAN);
        // procmon 3.x prints the sizes of QueryNetworkOpenInformationFile as dates (corpus): kept as text
        keptAsText(Operation.QUERY_NETWORK_OPEN_INFORMATION_FILE, times
                + "AllocationSize: 1/1/1601 12:00:00 AM, EndOfFile: 1/1/1601 12:00:00 AM, FileAttributes: RD", EN);
        assertEquals(Detail.None.INSTANCE, DetailFormat.parse(Operation.QUERY_OPEN, "", EN));
    }

    @Test
    void operationsWithoutAGrammarKeepTheirText() {
        keptAsText(Operation.FILE_SYSTEM_CONTROL, "Control: FSCTL_REQUEST_OPLOCK", EN);
        keptAsText(Operation.OTHER, "Offset: 0, Length: 512", EN);
        assertEquals(Detail.None.INSTANCE, DetailFormat.parse(Operation.CLOSE_FILE, "", EN));
        assertEquals("", DetailFormat.render(Operation.CLOSE_FILE, Detail.None.INSTANCE, EN));
    }

    @Test
    void queryNetworkOpenPrintsItsSizesAsProcmonDoes() {
        NetworkOpenDetail n = new NetworkOpenDetail("7/11/2020 3:46:54 PM", "7/12/2020 1:17:38 AM",
                "7/12/2020 1:17:38 AM", "7/12/2020 1:17:38 AM", 4096, 4096, 0x21);
        String times = "CreationTime: 7/11/2020 3:46:54 PM, LastAccessTime: 7/12/2020 1:17:38 AM, "
                + "LastWriteTime: 7/12/2020 1:17:38 AM, ChangeTime: 7/12/2020 1:17:38 AM, ";
        assertEquals(times + "AllocationSize: 1/1/1601 12:00:00 AM, EndOfFile: 1/1/1601 12:00:00 AM, FileAttributes: RA",
                DetailFormat.render(Operation.QUERY_NETWORK_OPEN_INFORMATION_FILE, n, NumberStyle.EN_US));
        assertEquals(times + "AllocationSize: 4,096, EndOfFile: 4,096, FileAttributes: RA",
                DetailFormat.render(Operation.QUERY_OPEN, n, NumberStyle.EN_US));
    }

    @Test
    void acquireForModWriteShowsItsEndingOffset() {
        String text = "EndingOffset: 720,896";
        Detail d = DetailFormat.parse(Operation.FASTIO_ACQUIRE_FOR_MOD_WRITE, text, NumberStyle.EN_US);
        assertEquals(new io.lockscope.model.detail.SizeDetail(720_896), d);
        assertEquals(text, DetailFormat.render(Operation.FASTIO_ACQUIRE_FOR_MOD_WRITE, d, NumberStyle.EN_US));
    }

    @Test
    void directoryInformationClassNames() {
        assertEquals("FileIdBothDirectoryInformation", FileVocabulary.DIRECTORY_INFORMATION_CLASS.render(37));
        assertEquals("FileNamesInformation", FileVocabulary.DIRECTORY_INFORMATION_CLASS.render(12));
        assertEquals("99", FileVocabulary.DIRECTORY_INFORMATION_CLASS.render(99));
    }
}
