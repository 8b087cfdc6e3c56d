package io.lockscope.ingest.procmon.csv;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.procmon.ExportRowAssembler;
import io.lockscope.ingest.text.CsvTokenizerTest;
import io.lockscope.model.EventClass;
import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.TimeBase;
import io.lockscope.model.Trace;
import io.lockscope.model.Truncation;
import io.lockscope.model.detail.IoDetail;
import io.lockscope.model.detail.ProcessDetail;
import io.lockscope.model.vocab.NtStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcmonCsvReaderTest {
    private static final Path FIXTURES = CsvTokenizerTest.FIXTURES;
    private static final long SECOND = 10_000_000L;
    private static final long DAY = 86_400L * SECOND;
    private final ProcmonCsvReader reader = new ProcmonCsvReader();

    private Trace read(String fixture) throws Exception {
        return reader.read(FIXTURES.resolve(fixture), fixture, ReadOptions.DEFAULT);
    }

    private static long at(int h, int m, int s, long fractionTicks) {
        return ((h * 60L + m) * 60 + s) * SECOND + fractionTicks;
    }

    @Test
    void defaultSevenColumnsWithoutDateAreTimeOfDayRolledOverAtMidnight() throws Exception {
        Trace t = read("default-7-columns.csv");
        EventStore e = t.events();
        assertEquals(11, t.size());
        assertEquals(TimeBase.TIME_OF_DAY, t.timeBase());
        assertEquals(0, t.report().skippedTotal());
        assertEquals(at(23, 59, 58, 1_000_000), e.time(0));
        assertEquals(at(23, 59, 59, 8_000_000), e.time(2), "a 0.1 s step back is reordering, not a new day");
        assertEquals(DAY + at(0, 0, 0, 2_000_000), e.time(3), "midnight roll-over");
        assertEquals(at(23, 59, 59, 9_500_000), e.time(4), "a straggler from before midnight stays on day 0");
        assertEquals(DAY + at(13, 0, 0, 0), e.time(10));
        assertEquals(EventStore.NO_DURATION, e.duration(0));
        assertEquals(-1, e.tid(0));
    }

    @Test
    void pidReuseAndNameChangesMakeNewProcessInstances() throws Exception {
        Trace t = read("default-7-columns.csv");
        EventStore e = t.events();
        assertEquals(5, t.processes().size());
        ProcessInfo firstNotepad = t.process(2);
        ProcessInfo secondNotepad = t.process(8);
        assertEquals(1880, firstNotepad.pid());
        assertEquals(1880, secondNotepad.pid());
        assertTrue(e.processKey(2) != e.processKey(8), "PID 1880 exited and started again: two processes");
        assertEquals(e.processKey(2), e.processKey(6), "an event after Process Exit without a new start stays");
        assertEquals(e.time(2), firstNotepad.startTime());
        assertEquals(e.time(5), firstNotepad.endTime());
        assertEquals(e.time(8), secondNotepad.startTime());
        assertEquals(3596, firstNotepad.parentPid(), "from the Process Start Detail");
        assertEquals("\"C:\\Windows\\notepad.exe\"", firstNotepad.commandLine(), "from the Process Start Detail");
        assertEquals(ProcessInfo.UNKNOWN_TIME, secondNotepad.endTime());
        assertEquals("svchost.exe", t.process(0).name());
        assertEquals("ntrtscan.exe", t.process(9).name());
        assertEquals(880, t.process(9).pid());
        assertTrue(e.processKey(0) != e.processKey(9), "PID 880 under another name is another process");
        assertEquals(e.processKey(0), e.processKey(4));
        assertNull(t.process(0).imagePath(), "7 columns carry no image path");
    }

    @Test
    void aDetailTextRepeatedUnderAnotherOperationIsParsedForThatOperation(@TempDir Path dir) throws Exception {
        String detail = "\"Offset: 0, Length: 4,096\"";
        StringBuilder csv = new StringBuilder("\"Time of Day\",\"Process Name\",\"PID\",\"Operation\",\"Path\",\"Result\",\"Detail\"\r\n");
        for (String operation : new String[] {"ReadFile", "RegQueryValue", "ReadFile", "WriteFile", "RegQueryValue"}) {
            csv.append("\"9:18:01.0000000 AM\",\"a.exe\",\"4\",\"").append(operation)
                    .append("\",\"C:\\a\",\"SUCCESS\",").append(detail).append("\r\n");
        }
        Path file = Files.writeString(dir.resolve("repeated.csv"), csv, StandardCharsets.UTF_8);
        EventStore e = reader.read(file, "repeated.csv", ReadOptions.DEFAULT).events();
        for (int i = 0; i < e.size(); i++) {
            boolean io = e.operation(i) == Operation.READ_FILE || e.operation(i) == Operation.WRITE_FILE;
            assertEquals(io, e.detail(i) instanceof IoDetail, i + ": " + e.operation(i) + " " + e.detail(i));
        }
        assertEquals(e.detail(0), e.detail(2));
    }

    @Test
    void operationsResultsPathsAndUnknownSpellings() throws Exception {
        Trace t = read("default-7-columns.csv");
        EventStore e = t.events();
        assertEquals(Operation.CREATE_FILE, e.operation(3));
        assertEquals(NtStatus.SHARING_VIOLATION, e.result(3));
        assertEquals("C:\\Windows\\System32\\DriverStore\\FileRepository\\oposdrv.inf_amd64_1\\oposdrv.dll", e.path(3));
        assertEquals(Operation.OTHER, e.operation(10));
        assertEquals("QueryMadeUpInformation", e.operationName(10));
        assertEquals(EventClass.UNKNOWN, e.eventClass(10));
        assertEquals(ExportRowAssembler.UNRECOGNISED_RESULT, e.result(10));
        assertTrue(t.report().warnings().stream().anyMatch(w -> w.contains("\"MADE UP RESULT\"") && w.contains("first at line 12")),
                t.report().warnings().toString());
        assertEquals("", e.path(2));
        assertEquals("\r;\t=::=::\\\r;\tPATH=C:\\Windows", ((ProcessDetail) e.detail(2)).get("Environment"),
                "bare CR and TAB inside the quoted Detail are kept");
        assertEquals(3596, ((ProcessDetail) e.detail(2)).pid(), "Process Start: Parent PID");
    }

    @Test
    void europeanDateAndTimeIsLocalOrUtcWithTheUsersZone() throws Exception {
        long day = LocalDate.of(2020, 7, 12).toEpochDay() - LocalDate.of(1601, 1, 1).toEpochDay();
        Trace local = read("european-date-and-time.csv");
        assertEquals(TimeBase.LOCAL, local.timeBase());
        assertEquals(day * DAY + at(15, 42, 22, 8_459_553), local.events().time(0));
        assertEquals(691, local.events().duration(0));
        assertEquals(EventStore.NO_DURATION, local.events().duration(1));
        assertEquals((day + 1) * DAY + 1, local.events().time(2));
        assertEquals(4012, local.events().tid(0));

        Trace utc = reader.read(FIXTURES.resolve("european-date-and-time.csv"), "eu.csv", new ReadOptions(ZoneOffset.ofHours(2)));
        assertEquals(TimeBase.UTC, utc.timeBase());
        assertEquals(ZoneOffset.ofHours(2), utc.zone());
        assertEquals(day * DAY + at(13, 42, 22, 8_459_553), utc.events().time(0));
    }

    @Test
    void relativeTimeFixesTheDayExactly() throws Exception {
        Trace t = read("ru-nbsp-relative-time.csv");
        assertEquals(TimeBase.TIME_OF_DAY, t.timeBase());
        assertEquals(at(23, 59, 59, 5_000_000), t.events().time(0));
        assertEquals(DAY + at(0, 0, 0, 5_000_000), t.events().time(1));
        // 23:59:59.4 would look like a straggler from day 0; Relative Time says it is a day later
        assertEquals(DAY + at(23, 59, 59, 4_000_000), t.events().time(2));
    }

    @Test
    void utf16LittleEndianReadsLikeUtf8(@TempDir Path dir) throws Exception {
        Path utf16 = dir.resolve("default-utf16.csv");
        Files.write(utf16, CsvTokenizerTest.utf16le(
                Files.readString(FIXTURES.resolve("default-7-columns.csv"), StandardCharsets.UTF_8)));
        Trace a = read("default-7-columns.csv");
        Trace b = reader.read(utf16, "default-utf16.csv", ReadOptions.DEFAULT);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.events().time(i), b.events().time(i));
            assertEquals(a.events().path(i), b.events().path(i));
            assertEquals(a.events().detail(i), b.events().detail(i));
        }
        assertTrue(reader.sniff(Files.readAllBytes(utf16), 200));
    }

    @Test
    void sniffsProcmonHeadersOnly() throws Exception {
        byte[] csv = Files.readAllBytes(FIXTURES.resolve("default-7-columns.csv"));
        assertTrue(reader.sniff(csv, csv.length));
        byte[] noBom = new byte[csv.length - 3];
        System.arraycopy(csv, 3, noBom, 0, noBom.length);
        assertTrue(reader.sniff(noBom, noBom.length));
        byte[] other = "\"Name\",\"Value\",\"Time of Day\"\r\n".getBytes(StandardCharsets.UTF_8);
        assertFalse(reader.sniff(other, other.length));
        byte[] xml = "<?xml version=\"1.0\"?><procmon>".getBytes(StandardCharsets.UTF_8);
        assertFalse(reader.sniff(xml, xml.length));
        assertTrue(Formats.detect(FIXTURES.resolve("default-7-columns.csv")).traceReader() instanceof ProcmonCsvReader,
                "registered as a service");
    }

    // ---- bad input: fatal ones name file and line; one bad row is a counted skip ----

    @Test
    void anEmptyFileIsUnsupported() {
        BadInputException e = assertThrows(BadInputException.Unsupported.class, () -> read("empty.csv"));
        assertEquals("empty.csv: the file is empty", e.getMessage());
    }

    @Test
    void aHeaderWithoutRowsIsTruncated() {
        BadInputException e = assertThrows(BadInputException.Truncated.class, () -> read("header-only.csv"));
        assertEquals("header-only.csv: line 2: the export has a header but no event rows", e.getMessage());
    }

    @Test
    void aFileCutInsideAFieldIsReadUpToItsLastWholeRecord() throws Exception {
        Trace t = read("truncated.csv");
        assertEquals(4, t.size(), "the four rows before the cut");
        assertEquals(new Truncation(Truncation.Unit.LINE, 6, 1, true), t.report().truncation());
        assertEquals(0, t.report().damagedTotal(), "a cut is reported as truncation, not as damaged rows");
    }

    @Test
    void aStrayQuoteSkipsThatRowAndCountsIt() throws Exception {
        Trace t = read("stray-quote.csv");
        assertEquals(3, t.size());
        assertEquals(1, t.report().skippedTotal());
        assertEquals(1L, t.report().skippedByReason().get("malformed CSV record"));
        assertTrue(t.report().warnings().get(0).startsWith("line 3 (record 2): "), t.report().warnings().toString());
        assertEquals("C:\\f2", t.events().path(1));
    }

    @Test
    void wrongColumnCountsAndBadValuesAreCountedSkips() throws Exception {
        Trace t = read("wrong-column-count.csv");
        assertEquals(2, t.size());
        assertEquals(4, t.report().skippedTotal());
        assertEquals(2L, t.report().skippedByReason().get("wrong number of fields"));
        assertEquals(1L, t.report().skippedByReason().get("bad Time of Day"));
        assertEquals(1L, t.report().skippedByReason().get("bad PID"));
        assertTrue(t.report().warnings().contains("line 3 (record 2): 6 fields, the header has 7: skipped: wrong number of fields"),
                t.report().warnings().toString());
        assertTrue(t.report().warnings().contains("line 6 (record 5): Time of Day \"25:00:03.0000000 AM\": skipped: bad Time of Day"),
                t.report().warnings().toString());
    }

    @Test
    void binaryGarbageIsRefused(@TempDir Path dir) throws IOException {
        byte[] garbage = new byte[64 * 1024];
        new Random(42).nextBytes(garbage);
        Path file = dir.resolve("garbage.bin");
        Files.write(file, garbage);
        assertFalse(reader.sniff(garbage, 4096));
        BadInputException e = assertThrows(BadInputException.class, () -> reader.read(file, "garbage.bin", ReadOptions.DEFAULT));
        assertTrue(e.getMessage().startsWith("garbage.bin: "), e.getMessage());
        assertTrue(e.position() != null, "names where: " + e.getMessage());
    }

    @Test
    void aHundredMegabyteLineIsRefusedQuickly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("huge-line.csv");
        try (var out = Files.newOutputStream(file)) {
            out.write("\"Time of Day\",\"Process Name\",\"PID\",\"Operation\",\"Path\",\"Result\",\"Detail\"\r\n\"1:00:00.0000000 AM\",\"a.exe\",\"1\",\"CloseFile\",\"".getBytes(StandardCharsets.UTF_8));
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, (byte) 'x');
            for (int i = 0; i < 100; i++) {
                out.write(block);
            }
        }
        BadInputException e = assertThrows(BadInputException.Corrupt.class, () -> reader.read(file, "huge-line.csv", ReadOptions.DEFAULT));
        assertTrue(e.getMessage().startsWith("huge-line.csv: line 2 (record 1): field 5 is longer than 1048576 characters"),
                e.getMessage());
    }

    @Test
    void mostlyBadRowsAreAFatalError(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("\"Time of Day\",\"Process Name\",\"PID\",\"Operation\",\"Path\",\"Result\",\"Detail\"\r\n");
        for (int i = 0; i < 1_100; i++) {
            csv.append("\"noon\",\"a.exe\",\"1\",\"CloseFile\",\"C:\\x\",\"SUCCESS\",\"\"\r\n");
        }
        Path file = dir.resolve("bad-times.csv");
        Files.writeString(file, csv);
        BadInputException e = assertThrows(BadInputException.Corrupt.class, () -> reader.read(file, "bad-times.csv", ReadOptions.DEFAULT));
        assertTrue(e.getMessage().startsWith("bad-times.csv: line 1002 (record 1001): 1001 records could not be read and only 0 could; "
                + "the first: line 2 (record 1): Time of Day \"noon\""), e.getMessage());
    }
}
