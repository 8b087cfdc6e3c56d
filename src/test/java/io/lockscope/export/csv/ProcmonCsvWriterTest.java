package io.lockscope.export.csv;

import io.lockscope.export.EventRow;
import io.lockscope.export.ExportOptions;
import io.lockscope.export.ProcmonLocale;
import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.TimeBase;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.model.vocab.ProcmonColumn;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;

import static io.lockscope.export.ExportFixtures.EXPLORER;
import static io.lockscope.export.ExportFixtures.filetime;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ProcmonCsvWriterTest {
    private static final String DEFAULT_HEADER =
            "\"Time of Day\",\"Process Name\",\"PID\",\"Operation\",\"Path\",\"Result\",\"Detail\"\r\n";

    private static byte[] write(ExportOptions options, EventRow... rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ProcmonCsvWriter w = new ProcmonCsvWriter(bytes, options, TimeBase.UTC)) {
            for (EventRow r : rows) {
                w.write(r);
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] expected(String text) {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(body, 0, all, bom.length, body.length);
        return all;
    }

    private static EventRow row(String iso, ProcessInfo p, int tid, Operation op, String path, int result,
                                String detail, long duration) {
        return EventRow.of(filetime(iso), 0, p, tid, op, path, result,
                detail.isEmpty() ? Detail.None.INSTANCE : new Detail.Text(detail), duration, List.of());
    }

    @Test
    void defaultColumnsEnUsMatchProcmonsOwnRowsByteForByte() throws IOException {
        // Rows 1–2 of procmon-formats.md §2.5 (CompressedLogfileTests64bitUTCCSV, captured in UTC).
        EventRow create = row("2020-07-12T01:18:10.8939738Z", EXPLORER, 5364, Operation.CREATE_FILE,
                "C:\\Users\\test\\AppData\\Local\\Temp\\Procmon64.exe", NtStatus.SUCCESS,
                "Desired Access: Read Attributes, Disposition: Open, Options: Open Reparse Point, Attributes: n/a, "
                        + "ShareMode: Read, Write, Delete, AllocationSize: n/a, OpenResult: Opened", 120);
        EventRow close = row("2020-07-12T01:18:10.8942326Z", EXPLORER, 5364, Operation.CLOSE_FILE,
                "C:\\Users\\test\\AppData\\Local\\Temp\\Procmon64.exe", NtStatus.SUCCESS, "", 40);

        byte[] actual = write(ExportOptions.DEFAULT, create, close);

        assertArrayEquals(expected(DEFAULT_HEADER
                + "\"1:18:10.8939738 AM\",\"Explorer.EXE\",\"3596\",\"CreateFile\","
                + "\"C:\\Users\\test\\AppData\\Local\\Temp\\Procmon64.exe\",\"SUCCESS\","
                + "\"Desired Access: Read Attributes, Disposition: Open, Options: Open Reparse Point, "
                + "Attributes: n/a, ShareMode: Read, Write, Delete, AllocationSize: n/a, OpenResult: Opened\"\r\n"
                + "\"1:18:10.8942326 AM\",\"Explorer.EXE\",\"3596\",\"CloseFile\","
                + "\"C:\\Users\\test\\AppData\\Local\\Temp\\Procmon64.exe\",\"SUCCESS\",\"\"\r\n"), actual);
    }

    @Test
    void allColumnsEnUsMatchProcmonsOwnRowWithRelativeTimeAndCompletion() throws IOException {
        // Row 4 of procmon-formats.md §2.5, all 27 columns; Relative Time 00:00:01.6961911 puts the first
        // event of that file at 1:18:10.7752429.
        ExportOptions all = ExportOptions.DEFAULT.withColumns(ProcmonColumn.ALL);
        EventRow first = row("2020-07-12T01:18:10.7752429Z", EXPLORER, 5364, Operation.CLOSE_FILE, "C:\\x",
                NtStatus.SUCCESS, "", 10);
        EventRow delete = row("2020-07-12T01:18:12.4714340Z", EXPLORER, 5364,
                Operation.SET_DISPOSITION_INFORMATION_FILE,
                "C:\\Users\\test\\AppData\\Roaming\\Microsoft\\Windows\\Recent\\יוניקוד.lnk", NtStatus.SUCCESS,
                "Delete: True", 97);

        String text = new String(write(all, first, delete), StandardCharsets.UTF_8);
        String[] lines = text.split("\r\n");

        assertEquals(3, lines.length);
        assertEquals("\"1:18:12.4714340 AM\",\"Explorer.EXE\",\"3596\",\"SetDispositionInformationFile\","
                + "\"C:\\Users\\test\\AppData\\Roaming\\Microsoft\\Windows\\Recent\\יוניקוד.lnk\",\"SUCCESS\","
                + "\"Delete: True\",\"7/12/2020 1:18:12 AM\",\"00:00:01.6961911\",\"0.0000097\","
                + "\"1:18:12.4714437 AM\",\"File System\",\"n/a\",\"C:\\Windows\\Explorer.EXE\","
                + "\"Microsoft Corporation\",\"Windows Explorer\",\"10.0.16299.15 (WinBuild.160101.0800)\","
                + "\"DESKTOP-6PCIALL\\test\",\"00000000:0012f69e\",\"1\",\"C:\\Windows\\Explorer.EXE\",\"5364\","
                + "\"False\",\"Medium\",\"Write\",\"2360\",\"64-bit\"", lines[2]);
    }

    @Test
    void quotesAreDoubledAndControlCharactersInsideDetailStayVerbatim() throws IOException {
        EventRow create = row("2020-07-12T13:05:00.0000001Z", EXPLORER, 5364, Operation.PROCESS_CREATE,
                "C:\\Windows\\system32\\NOTEPAD.EXE", NtStatus.SUCCESS,
                "PID: 3232, Command line: \"C:\\Windows\\system32\\NOTEPAD.EXE\" C:\\a \"b\".txt", 0);
        EventRow start = row("2020-07-12T13:05:00.0000002Z", EXPLORER, 3232, Operation.PROCESS_START, "",
                NtStatus.SUCCESS, "Parent PID: 3596, Environment: \r;\t=::=::\\\r;\tALLUSERSPROFILE=C:\\ProgramData", 0);

        byte[] actual = write(ExportOptions.DEFAULT, create, start);

        assertArrayEquals(expected(DEFAULT_HEADER
                + "\"1:05:00.0000001 PM\",\"Explorer.EXE\",\"3596\",\"Process Create\","
                + "\"C:\\Windows\\system32\\NOTEPAD.EXE\",\"SUCCESS\","
                + "\"PID: 3232, Command line: \"\"C:\\Windows\\system32\\NOTEPAD.EXE\"\" C:\\a \"\"b\"\".txt\"\r\n"
                + "\"1:05:00.0000002 PM\",\"Explorer.EXE\",\"3596\",\"Process Start\",\"\",\"SUCCESS\","
                + "\"Parent PID: 3596, Environment: \r;\t=::=::\\\r;\tALLUSERSPROFILE=C:\\ProgramData\"\r\n"),
                actual);
    }

    @Test
    void europeanLocaleUses24HourClockAndDecimalCommaInTheExportZone() throws IOException {
        // prsp0007 sample: PML FILETIME 13:42:22.8798643 UTC is exported as 15:42:22,8798643 at UTC+2.
        ProcessInfo sample = ProcessInfo.of(2884, "sample_1_r3.exe");
        EventRow read = row("2019-08-20T13:42:22.8798643Z", sample, 2888, Operation.READ_FILE,
                "C:\\Windows\\AppPatch\\AcGenral.dll", NtStatus.SUCCESS,
                "Offset: 536.064, Length: 16.384, I/O Flags: Non-cached, Paging I/O, Synchronous Paging I/O, "
                        + "Priority: Normal", 12_345);
        EventRow early = row("2019-08-20T05:03:04.0000050Z", sample, 2888, Operation.CLOSE_FILE, "C:\\x",
                NtStatus.SUCCESS, "", 5);
        ExportOptions european = new ExportOptions(ProcmonColumn.DEFAULT, ProcmonLocale.DE_DE,
                ZoneOffset.ofHours(2), false);

        byte[] actual = write(european, read, early);

        assertArrayEquals(expected(DEFAULT_HEADER
                + "\"15:42:22,8798643\",\"sample_1_r3.exe\",\"2884\",\"ReadFile\",\"C:\\Windows\\AppPatch\\AcGenral.dll\","
                + "\"SUCCESS\",\"Offset: 536.064, Length: 16.384, I/O Flags: Non-cached, Paging I/O, "
                + "Synchronous Paging I/O, Priority: Normal\"\r\n"
                + "\"07:03:04,0000050\",\"sample_1_r3.exe\",\"2884\",\"CloseFile\",\"C:\\x\",\"SUCCESS\",\"\"\r\n"),
                actual);
    }

    @Test
    void europeanLocaleTimeColumnsAndPendingRowsLeaveDurationEmpty() throws IOException {
        ExportOptions columns = new ExportOptions(List.of(ProcmonColumn.DATE_AND_TIME, ProcmonColumn.RELATIVE_TIME,
                ProcmonColumn.DURATION, ProcmonColumn.COMPLETION_TIME, ProcmonColumn.RESULT), ProcmonLocale.DE_DE,
                ZoneOffset.ofHours(8), false);
        ProcessInfo p = ProcessInfo.of(1880, "ntrtscan.exe");
        EventRow first = row("2022-08-10T01:17:53.0000000Z", p, 1, Operation.READ_FILE, "C:\\a", NtStatus.SUCCESS,
                "", 12_345_678);
        EventRow pending = row("2022-08-10T02:18:54.5000000Z", p, 1, Operation.READ_FILE, "C:\\a", NtStatus.PENDING,
                "", EventStore.NO_DURATION);

        String[] lines = new String(write(columns, first, pending), StandardCharsets.UTF_8).split("\r\n");

        assertEquals("\"10.08.2022 09:17:53\",\"00:00:00,0000000\",\"1,2345678\",\"09:17:54,2345678\",\"SUCCESS\"",
                lines[1]);
        assertEquals("\"10.08.2022 10:18:54\",\"01:01:01,5000000\",\"\",\"\",\"\"", lines[2]);
    }
}
