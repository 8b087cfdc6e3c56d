package io.lockscope.ingest.etw.export;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.text.TextLines;
import io.lockscope.model.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Broken exports: a one-line BadInputException naming file and line, or a counted skip with its line. */
class MalformedExportTest {
    static final String CSV_HEADER = String.join(", ", TracerptCsvReader.HEADER);
    static final String CSV_ROW = "FileIo, OperationEnd, 0, 3, 0, 0, 76, 0, 0x0, 0xFFFFFFFF, 0xFFFFFFFF, 0, , , {00000000-0000-0000-0000-000000000000}, , 134192737938202515, 0, 0, 0x1, 0x0, 0x0";
    static final String DUMPER_HEAD = "BeginHeader\nP-Start,  TimeStamp,     Process Name ( PID),  ParentPID\nEndHeader\n";
    static final String TRACE_START = "OS Version: 10.0.19043, Trace Start: 134192737938202515, PointerSize: 8\n";

    @TempDir
    Path tmp;

    Path write(String name, byte[] bytes) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    Path write(String name, String text) throws Exception {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    static Trace read(Path p) throws Exception {
        return Formats.readTrace(p, p.getFileName().toString(), ReadOptions.DEFAULT);
    }

    static BadInputException fails(Path p, String position) {
        BadInputException e = assertThrows(BadInputException.class, () -> read(p));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith(p.getFileName() + ": " + position), e.getMessage());
        return e;
    }

    @Test
    void tracerptCsvLineOverTheCapIsCorruptAtItsLine() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes((CSV_HEADER + "\n" + CSV_ROW + "\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(("FileIo, " + "x".repeat(TextLines.MAX_LINE_CHARS + 10) + "\n").getBytes(StandardCharsets.UTF_8));
        assertInstanceOf(BadInputException.Corrupt.class, fails(write("long.csv", b.toByteArray()), "line 3"));
    }

    @Test
    void tracerptCsvWithInvalidUtf8KeepsTheRowAndCountsTheByte() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes((CSV_HEADER + "\n" + CSV_ROW + "\n" + CSV_ROW + ", \"").getBytes(StandardCharsets.UTF_8));
        int at = b.size();
        b.write(0xC3);
        b.write(0x28);
        b.writeBytes("\"\n".getBytes(StandardCharsets.UTF_8));
        Trace t = read(write("enc.csv", b.toByteArray()));
        assertEquals(2, t.size());
        assertTrue(t.report().warnings().contains(
                "enc.csv: 1 byte sequence is not valid UTF-8 text, shown as U+FFFD (the first at byte " + at + ")"),
                t.report().warnings().toString());
    }

    @Test
    void tracerptCsvBadRowsAreCountedWithTheirLine() throws Exception {
        Path p = write("rows.csv", CSV_HEADER + "\n" + CSV_ROW + "\n" + CSV_ROW.replace("134192737938202515", "soon") + "\n"
                + "FileIo, Create, 0, 3, 0, 0, 64, 0, 0x0, 0xFFFFFFFF, 0xFFFFFFFF, 0, , , {0}, , 134192737938202515, 0, 0, 0x1\n"
                + CSV_ROW + "\n");
        Trace t = read(p);
        assertEquals(2, t.events().size());
        assertEquals(2, t.report().skippedTotal());
        assertTrue(t.report().warnings().get(0).startsWith("rows.csv: line 3: skipped:"), t.report().warnings().get(0));
        assertTrue(t.report().warnings().get(0).contains("Clock-Time is not a number"), t.report().warnings().get(0));
        assertTrue(t.report().warnings().get(1).contains("has 1 payload cells, its layout 7"), t.report().warnings().get(1));
    }

    @Test
    void tracerptCsvOfMostlyGarbageIsRefused() throws Exception {
        StringBuilder s = new StringBuilder(CSV_HEADER).append('\n');
        for (int i = 0; i < ExportReader.MAX_BAD_ROWS_UNLESS_MOSTLY_GOOD + 1; i++) {
            s.append(CSV_ROW.replace("0xFFFFFFFF", "zz")).append('\n');
        }
        fails(write("garbage.csv", s.toString()), "line " + (ExportReader.MAX_BAD_ROWS_UNLESS_MOSTLY_GOOD + 2));
    }

    @Test
    void tracerptXmlTruncatedIsCorruptWithLineAndColumn() throws Exception {
        String xml = Files.readString(ExportedLockScenarioTest.DIR.resolve("lock-scenario.tracerpt.xml"));
        Path p = write("cut.xml", xml.substring(0, xml.length() / 2));
        BadInputException e = assertThrows(BadInputException.class, () -> read(p));
        assertInstanceOf(BadInputException.Corrupt.class, e);
        assertTrue(e.getMessage().matches("cut\\.xml: line \\d+, column \\d+: not well-formed XML: .*"), e.getMessage());
    }

    @Test
    void tracerptXmlWithDoctypeIsRefused() throws Exception {
        Path p = write("dtd.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE Events [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<Events><Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System>&x;</System></Event></Events>\n");
        BadInputException e = assertInstanceOf(BadInputException.Unsupported.class, fails(p, "line "));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void tracerptXmlUndecodableEventsAreCounted() throws Exception {
        Path p = write("err.xml", "<Events>\n<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">"
                + "<System><Opcode>12</Opcode><TimeCreated SystemTime=\"2026-04-12T10:00:00.0000000Z\"/></System>\n"
                + "<ProcessingErrorData><ErrorCode>15003</ErrorCode><EventPayload>0102</EventPayload></ProcessingErrorData>"
                + "</Event>\n</Events>\n");
        Trace t = read(p);
        assertEquals(0, t.events().size());
        assertEquals(1, t.report().skippedTotal());
        assertEquals(1L, t.report().skippedByReason().get("event tracerpt could not decode (ProcessingErrorData)"));
        assertTrue(t.report().warnings().get(0).startsWith("err.xml: line 2: skipped:"), t.report().warnings().get(0));
    }

    @Test
    void dumperHeaderBlockOverTheCapIsCorrupt() throws Exception {
        StringBuilder s = new StringBuilder("BeginHeader\n");
        String line = "E, TimeStamp, " + "c".repeat(1000) + "\n";
        int lines = XperfDumperReader.MAX_HEADER_CHARS / (line.length() - 1) + 1;
        s.append(line.repeat(lines));
        assertInstanceOf(BadInputException.Corrupt.class, fails(write("bighead.txt", s.toString()), "line " + (lines + 1)));
    }

    @Test
    void tracerptXmlEventWithTooManyDataItemsIsCorrupt() throws Exception {
        Path p = write("many.xml", "<Events>\n<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System><Opcode>0</Opcode></System><EventData>\n"
                + IntStream.range(0, TracerptXmlReader.MAX_DATA_ITEMS + 1)
                        .mapToObj(i -> "<Data Name=\"f" + i + "\">1</Data>\n").collect(Collectors.joining())
                + "</EventData></Event>\n</Events>\n");
        BadInputException e = assertInstanceOf(BadInputException.Corrupt.class, fails(p, "line "));
        assertTrue(e.getMessage().contains("more than " + TracerptXmlReader.MAX_DATA_ITEMS + " Data items"), e.getMessage());
    }

    @Test
    void exportRowsOutOfTimeOrderAreKeptWithAWarning() throws Exception {
        Path p = write("order.txt", DUMPER_HEAD + TRACE_START + "P-Start, 10, a.exe (4), 0\nP-Start, 5, b.exe (8), 4\n");
        Trace t = read(p);
        assertEquals(2, t.events().size());
        assertEquals(List.of("order.txt: 1 events are earlier than the event before them; kept in the export's order"),
                t.report().warnings());
    }

    @Test
    void tracerptXmlTimeWithoutOffsetIsUtc() throws Exception {
        Path p = write("local.xml", "<Events>\n<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">"
                + "<System><Opcode>0</Opcode><TimeCreated SystemTime=\"1601-01-01T00:00:01.5\"/></System>"
                + "<RenderingInfo><EventName>MyProvider</EventName></RenderingInfo></Event>\n</Events>\n");
        Trace t = read(p);
        assertEquals(15_000_000L, t.events().time(0));
        assertEquals("MyProvider/0", t.events().operationName(0));
    }

    @Test
    void dumperWithoutEndHeaderIsTruncated() throws Exception {
        Path p = write("nohead.txt", "BeginHeader\nP-Start,  TimeStamp,     Process Name ( PID),  ParentPID\n");
        assertInstanceOf(BadInputException.Truncated.class, fails(p, "line 2"));
    }

    @Test
    void dumperRowsBeforeTheTraceStartAreCorrupt() throws Exception {
        Path p = write("nostart.txt", DUMPER_HEAD + "P-Start, 10, a.exe (4), 0\n");
        assertInstanceOf(BadInputException.Corrupt.class, fails(p, "line 4"));
    }

    @Test
    void dumperBadProcessCellIsCountedWithItsLine() throws Exception {
        Path p = write("badrow.txt", DUMPER_HEAD + TRACE_START + "P-Start, 10, a.exe (4), 0\nP-Start, 11, a.exe, 0\n"
                + "P-Start, 12, b.exe (8), 4\n");
        Trace t = read(p);
        assertEquals(2, t.events().size());
        assertEquals(1, t.report().skippedTotal());
        assertTrue(t.report().warnings().get(0).startsWith("badrow.txt: line 6: skipped:"), t.report().warnings().get(0));
        assertEquals(134192737938202515L + 120, t.events().time(1));
        assertEquals("b.exe", t.process(1).name());
    }

    @Test
    void wpaBadNumberIsCountedWithItsLine() throws Exception {
        Path p = write("wpa.csv", "Process,File Path,Event Type,Thread,Result,Start (s),Duration (µs)\n"
                + "a.exe (4),C:\\x,Create,8,0x00000000,0.5,1\n"
                + "a.exe (4),C:\\x,Create,8,0x00000000,soon,1\n");
        Trace t = read(p);
        assertEquals(1, t.events().size());
        assertEquals(5_000_000L, t.events().time(0));
        assertTrue(t.report().warnings().get(0).startsWith("wpa.csv: line 3: skipped:"), t.report().warnings().get(0));
    }
}
