package io.lockscope.ingest.procmon.xml;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.model.Module;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StackTable;
import io.lockscope.model.TimeBase;
import io.lockscope.model.Trace;
import io.lockscope.model.Truncation;
import io.lockscope.model.detail.StandardInfoDetail;
import io.lockscope.model.vocab.NtStatus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcmonXmlReaderTest {
    private static final Path FIXTURES = Path.of("src", "test", "resources", "procmon", "xml");
    private static final String DRIVERS = "C:\\WINDOWS\\System32\\drivers\\";
    private static final long SECOND = 10_000_000L;
    private final ProcmonXmlReader reader = new ProcmonXmlReader();

    private Trace read(String fixture) throws Exception {
        return reader.read(FIXTURES.resolve(fixture), fixture, ReadOptions.DEFAULT);
    }

    @Test
    void processListGivesProcessesWithModules() throws Exception {
        Trace t = read("stacks-fltmgr-tmevtmgr.xml");
        assertEquals(3, t.processes().size());
        ProcessInfo system = t.processes().system();
        assertEquals(3, system.modules().size());
        Module fltmgr = system.modules().get(1);
        assertEquals(new Module(0xfffff8003a000000L, 524288, DRIVERS + "FLTMGR.SYS", "Microsoft Corporation",
                "10.0.17763.1", "Microsoft Filesystem Filter Manager", 132223000000000000L), fltmgr);
        assertEquals("NT Kernel & System", system.modules().get(0).description());
        ProcessInfo scanner = t.process(0);
        assertEquals(1880, scanner.pid());
        assertEquals(700, scanner.parentPid());
        assertEquals("ntrtscan.exe", scanner.name());
        assertEquals("Trend Micro Inc.", scanner.company());
        assertEquals("\"C:\\Program Files (x86)\\Trend Micro\\Security Agent\\NTRtScan.exe\"", scanner.commandLine());
        assertEquals(Boolean.FALSE, scanner.is64bit());
        assertEquals(Boolean.FALSE, scanner.virtualized());
        assertEquals("00000000:000003e7", scanner.authenticationId());
        assertEquals(TimeBase.TIME_OF_DAY, t.timeBase());
        assertEquals(ProcessInfo.UNKNOWN_TIME, scanner.startTime(), "FILETIMEs are UTC, the events a local time of day");
    }

    @Test
    void eventsGoThroughTheSharedAssembler() throws Exception {
        Trace t = read("stacks-fltmgr-tmevtmgr.xml");
        assertEquals(4, t.size());
        assertEquals(Operation.CREATE_FILE, t.events().operation(1));
        assertEquals(NtStatus.SHARING_VIOLATION, t.events().result(1));
        assertEquals("TiWorker.exe", t.process(1).name());
        assertEquals(41 * SECOND + 2_000_000, t.events().time(1));
        assertEquals(350, t.events().duration(1));
        assertEquals(5100, t.events().tid(1));
        assertEquals("C:\\Windows\\System32\\DriverStore\\FileRepository\\oposdrv.inf_amd64_1\\oposdrv.dll", t.events().path(1));
        assertEquals(1L, t.report().skippedByReason().get("bad Time of Day"));
        assertTrue(t.report().warnings().stream().anyMatch(w -> w.startsWith("line 30 (event 5): Time of Day \"not a time\"")),
                t.report().warnings().toString());
        assertTrue(t.report().warnings().stream().anyMatch(w -> w.contains("[Vendor_Note]")), t.report().warnings().toString());
    }

    @Test
    void stackFramesResolveAgainstTheProcessAndSystemModules() throws Exception {
        Trace t = read("stacks-fltmgr-tmevtmgr.xml");
        assertEquals(StackTable.NONE, t.events().stackId(0));
        int stack = t.events().stackId(1);
        assertTrue(stack != StackTable.NONE);
        assertEquals(stack, t.events().stackId(2), "the same stack is stored once");
        List<StackTable.Frame> frames = t.stacks().frames(stack);
        assertEquals(6, frames.size());
        assertEquals(new StackTable.Frame(DRIVERS + "FLTMGR.SYS", 0xfffff8003a0061b8L, 0x61b8, "FLTMGR.SYS + 0x61b8", true), frames.get(0));
        assertEquals(new StackTable.Frame(DRIVERS + "tmevtmgr.sys", 0xfffff8003b012340L, 0x12340, null, true), frames.get(1));
        assertEquals("tmevtmgr.sys", frames.get(1).moduleFileName());
        assertEquals(0x4cd0, frames.get(2).offset());
        assertEquals(0xfffff80035e1a0f0L - 0xfffff80035c70000L, frames.get(3).offset());
        assertEquals(new StackTable.Frame("C:\\WINDOWS\\SYSTEM32\\ntdll.dll", 0x7ffb1009c6e4L, 0x9c6e4, null, false), frames.get(4));
        assertEquals(new StackTable.Frame(null, 0x1234, -1, null, false), frames.get(5));
    }

    @Test
    void russianExportPassesLocalizedTextThrough() throws Exception {
        Trace t = read("ru-nbsp.xml");
        assertEquals(2, t.size());
        assertEquals(0, t.report().skippedTotal());
        assertEquals(((19 * 60 + 4) * 60 + 47) * SECOND + 3_968_871, t.events().time(0));
        assertEquals(120, t.events().duration(0));
        // NBSP-grouped numbers decode once the style is detected from the data
        assertEquals(new StandardInfoDetail(8192, 4534, 1, false, false), t.events().detail(0));
        assertEquals("C:\\Users\\Пользователь\\a_b.txt", t.events().path(1));
        ProcessInfo p = t.process(0);
        assertEquals("Системный", p.integrity());
        assertEquals("NT AUTHORITY\\СИСТЕМА", p.user());
        assertEquals("Корпорация Майкрософт", p.company());
        assertEquals(NtStatus.NAME_NOT_FOUND, t.events().result(1));
    }

    @Test
    void processListTimesAreUsedWhenEventsAreUtc() throws Exception {
        // ru-nbsp.xml has no date column: a time of day, so no FILETIME is used; convert the fixture to a dated one
        String xml = Files.readString(FIXTURES.resolve("ru-nbsp.xml"), StandardCharsets.UTF_8)
                .replace("<Time_of_Day>19:04:47,3968871</Time_of_Day>",
                        "<Time_of_Day>19:04:47,3968871</Time_of_Day><Date_and_Time>07.03.2026 19:04:47</Date_and_Time>")
                .replace("<Time_of_Day>19:04:47,4012000</Time_of_Day>",
                        "<Time_of_Day>19:04:47,4012000</Time_of_Day><Date_and_Time>07.03.2026 19:04:47</Date_and_Time>");
        Trace t = reader.read(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "dated.xml",
                new ReadOptions(java.time.ZoneOffset.ofHours(3)));
        assertEquals(TimeBase.UTC, t.timeBase());
        assertEquals(134174522555902176L, t.process(0).startTime());
        assertEquals(ProcessInfo.UNKNOWN_TIME, t.process(0).endTime(), "FinishTime 0: still running");
    }

    @Test
    void aDoctypeIsRefusedSoNoEntityIsExpanded() {
        BadInputException e = assertThrows(BadInputException.Unsupported.class, () -> read("xxe.xml"));
        assertTrue(e.getMessage().startsWith("xxe.xml: line "), e.getMessage());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertFalse(e.getMessage().contains("root:"));
    }

    @Test
    void aCutFileIsReadUpToItsLastWholeEvent() throws Exception {
        Trace t = read("truncated.xml");
        assertEquals(3, t.size(), "the events before the one line 29 cuts");
        assertEquals(new Truncation(Truncation.Unit.LINE, 29, 1, true), t.report().truncation());
    }

    @Test
    void anExportWithoutEventsIsTruncated() {
        byte[] xml = "<procmon><processlist/><eventlist>\r\n</eventlist></procmon>".getBytes(StandardCharsets.UTF_8);
        BadInputException e = assertThrows(BadInputException.Truncated.class,
                () -> reader.read(new java.io.ByteArrayInputStream(xml), "none.xml", ReadOptions.DEFAULT));
        assertTrue(e.getMessage().startsWith("none.xml: line 2, column "), e.getMessage());
    }

    @Test
    void anotherRootIsUnsupported() {
        byte[] xml = "<?xml version=\"1.0\"?><events/>".getBytes(StandardCharsets.UTF_8);
        BadInputException e = assertThrows(BadInputException.Unsupported.class,
                () -> reader.read(new java.io.ByteArrayInputStream(xml), "other.xml", ReadOptions.DEFAULT));
        assertTrue(e.getMessage().contains("<events>"), e.getMessage());
    }

    @Test
    void sniffsTheProcmonRoot() throws Exception {
        byte[] xml = Files.readAllBytes(FIXTURES.resolve("stacks-fltmgr-tmevtmgr.xml"));
        assertTrue(reader.sniff(xml, Math.min(xml.length, 4096)));
        byte[] commented = "<!-- export --><procmon>".getBytes(StandardCharsets.UTF_8);
        assertTrue(reader.sniff(commented, commented.length));
        byte[] other = "<?xml version=\"1.0\"?><procmonitor>".getBytes(StandardCharsets.UTF_8);
        assertFalse(reader.sniff(other, other.length));
        byte[] csv = "\"Time of Day\",\"Process Name\",\"PID\"".getBytes(StandardCharsets.UTF_8);
        assertFalse(reader.sniff(csv, csv.length));
        assertTrue(Formats.detect(FIXTURES.resolve("ru-nbsp.xml")).traceReader() instanceof ProcmonXmlReader, "registered as a service");
    }

    @Test
    void aHundredMegabyteTextNodeIsRefusedBeforeTheParserBuffersIt() {
        byte[] start = "<procmon><eventlist><event><Path>".getBytes(StandardCharsets.UTF_8);
        java.io.InputStream endless = new java.io.InputStream() {
            private long served;

            @Override
            public int read() {
                return served++ < start.length ? start[(int) served - 1] : served > 100L << 20 ? -1 : 'x';
            }
        };
        BadInputException e = assertThrows(BadInputException.Corrupt.class,
                () -> reader.read(endless, "endless.xml", ReadOptions.DEFAULT));
        long lastMarkup = start.length - "<Path>".length();
        long failing = lastMarkup + (4 << 20) + 1;
        assertEquals("endless.xml: byte " + failing + " (0x" + Long.toHexString(failing).toUpperCase()
                + "): more than 4194304 bytes without markup; a procmon export never has a value that long", e.getMessage());
    }

    @Test
    void brokenTextInsideAnEventIsCorruptWithItsLine() {
        for (String text : new String[] {"a&undeclared;b", "a\u0001b", "a<b"}) {
            byte[] xml = ("<procmon>\n<eventlist>\n<event><Time_of_Day>1:00:00.0 AM</Time_of_Day><Path>" + text
                    + "</Path></event></eventlist></procmon>").getBytes(StandardCharsets.UTF_8);
            BadInputException e = assertThrows(BadInputException.Corrupt.class,
                    () -> reader.read(new java.io.ByteArrayInputStream(xml), "broken.xml", ReadOptions.DEFAULT), text);
            assertTrue(e.getMessage().startsWith("broken.xml: line 3, column "), e.getMessage());
        }
    }

    @Test
    void hugeTextIsRefused() {
        StringBuilder xml = new StringBuilder("<procmon><eventlist><event><Path>");
        xml.append("x".repeat(1_100_000));
        xml.append("</Path></event></eventlist></procmon>");
        BadInputException e = assertThrows(BadInputException.Corrupt.class, () -> reader.read(
                new java.io.ByteArrayInputStream(xml.toString().getBytes(StandardCharsets.UTF_8)), "big.xml", ReadOptions.DEFAULT));
        assertTrue(e.getMessage().startsWith("big.xml: line 1, column "), e.getMessage());
    }
}
