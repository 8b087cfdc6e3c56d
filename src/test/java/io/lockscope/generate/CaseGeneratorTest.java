package io.lockscope.generate;

import io.lockscope.export.ExportOptions;
import io.lockscope.export.ProcmonCells;
import io.lockscope.export.ProcmonLocale;
import io.lockscope.generate.ScenarioFacts.Access;
import io.lockscope.generate.ScenarioFacts.Failure;
import io.lockscope.model.TimeBase;
import io.lockscope.model.servicing.ServicingPhase;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.model.vocab.ProcmonColumn;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaseGeneratorTest {
    private static final int EVENTS = 3_000;

    @TempDir
    Path dir;

    private static GenerateOptions options(long seed, String formats) {
        return GenerateOptions.defaults().withSeed(seed).withEvents(EVENTS).withFormats(CaseFormats.parse(formats));
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() throws IOException {
        CaseGenerator.generate(Scenario.LOCK_HOLDER, dir.resolve("a"), options(7, "csv,xml"));
        CaseGenerator.generate(Scenario.LOCK_HOLDER, dir.resolve("b"), options(7, "csv,xml"));
        CaseGenerator.generate(Scenario.LOCK_HOLDER, dir.resolve("c"), options(8, "csv,xml"));

        for (String file : List.of(ProcmonCsvFormat.FILE_NAME, ProcmonXmlFormat.FILE_NAME)) {
            byte[] a = Files.readAllBytes(dir.resolve("a").resolve(file));
            assertArrayEquals(a, Files.readAllBytes(dir.resolve("b").resolve(file)), file);
            assertFalse(java.util.Arrays.equals(a, Files.readAllBytes(dir.resolve("c").resolve(file))), file);
        }
    }

    @Test
    void writesExactlyTheRequestedNumberOfEventsInTimeOrder() throws IOException, XMLStreamException {
        for (long events : new long[]{CaseGenerator.minimumEvents(Scenario.DECOY, 3), 4_321}) {
            Path out = dir.resolve("n" + events);
            GeneratedCase c = CaseGenerator.generate(Scenario.DECOY, out, options(3, "csv,xml").withEvents(events));

            CsvCase csv = new CsvCase(out.resolve(ProcmonCsvFormat.FILE_NAME));
            assertEquals(events, c.events());
            assertEquals(events, csv.rows.size());
            assertEquals(events, xmlEvents(out.resolve(ProcmonXmlFormat.FILE_NAME)).size());
            String previous = "00:00:00.0000000";
            for (CSVRecord r : csv.rows) {
                String relative = r.get("Relative Time");
                assertTrue(relative.compareTo(previous) >= 0, relative + " after " + previous);
                previous = relative;
            }
        }
    }

    @Test
    void refusesFewerEventsThanTheScenarioNeeds() {
        int minimum = CaseGenerator.minimumEvents(Scenario.CLEAN, 1);
        GenerateOptions tooFew = options(1, "csv").withEvents(minimum - 1);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CaseGenerator.generate(Scenario.CLEAN, dir, tooFew));
        assertTrue(e.getMessage().contains("at least " + minimum), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void csvShowsTheFailureWithExactlyTheExpectedHoldersOpen(Scenario scenario) throws IOException {
        GeneratedCase c = CaseGenerator.generate(scenario, dir, options(11, "csv"));
        ScenarioFacts facts = c.facts();
        if (!scenario.traced()) {
            assertFalse(Files.exists(dir.resolve(ProcmonCsvFormat.FILE_NAME)), "a case without a trace writes its logs only");
            assertTrue(Files.exists(dir.resolve("CBS.log")));
            return;
        }
        CsvCase csv = new CsvCase(dir.resolve(ProcmonCsvFormat.FILE_NAME));

        if (facts.failure() == null) {
            // a clean update, or the boot after a shutdown-time failure: no failure in the trace
            assertNull(facts.culprit());
            assertEquals(scenario.phase() == ServicingPhase.SHUTDOWN ? "servicing-failure" : "no-failure",
                    facts.expectedVerdict());
            for (CSVRecord r : csv.rows) {
                boolean target = facts.targetPaths().stream().anyMatch(p -> r.get("Path").startsWith(p));
                // OPLOCK BREAK IN PROGRESS is a success status: the open went through while the oplock broke
                assertFalse(target && !List.of("SUCCESS", "OPLOCK BREAK IN PROGRESS").contains(r.get("Result")),
                        "failure on a target: " + r);
            }
            return;
        }
        Failure f = facts.failure();
        int at = csv.indexOf(f.process(), f.pid(), f.operation(), f.path(), NtStatus.name(f.result()));
        assertTrue(at >= 0, "the failure row is in the CSV");
        assertEquals(timeOfDay(f.time()), csv.rows.get(at).get("Time of Day"));
        assertEquals(Integer.toString(f.tid()), csv.rows.get(at).get("TID"));

        // a mapping blocks with no handle open; every other holder has the held path open at the failure
        boolean mapped = "image-section".equals(facts.mechanism()) || "data-section".equals(facts.mechanism());
        List<String> open = csv.openAt(facts.heldPath(), at);
        List<String> expected = new ArrayList<>();
        facts.holders().forEach(h -> expected.add(h.process() + ":" + h.pid()));
        assertTrue(mapped || open.containsAll(expected), "holders " + expected + " open when it failed: " + open);
        for (String other : open) {
            if (!expected.contains(other) && f.result() == NtStatus.SHARING_VIOLATION) {
                String share = shareMode(csv.lastOpenDetail(other, facts.heldPath(), at));
                assertTrue(share.contains("Delete"), other + " is open but not a holder, so it shares Delete: " + share);
            }
        }
        for (Access h : facts.holders()) {
            assertTrue(h.openedAt() < f.time() && (h.closedAt() == -1 ? mapped : f.time() < h.closedAt()),
                    "holder open (or mapped) across the failure");
            if (facts.scenario() == Scenario.REQUEST_SHARE || mapped) {
                continue; // the scanner shares everything: TiWorker's own share mode fails against its Read access
            }
            String share = shareMode(csv.lastOpenDetail(h.process() + ":" + h.pid(), facts.heldPath(), at));
            assertFalse(share.contains("Delete") && f.result() == NtStatus.SHARING_VIOLATION,
                    "a sharing-violation holder does not share Delete: " + share);
        }
        for (Access d : facts.decoys()) {
            assertTrue(d.closedAt() < f.time(), "a decoy let go before the failure");
            assertFalse(open.contains(d.process() + ":" + d.pid()) && !expected.contains(d.process() + ":" + d.pid()));
        }
        Access culprit = facts.culprit();
        if (scenario.expectedVerdict().equals("lock-holder")) {
            assertNotNull(culprit);
            assertEquals(facts.holders().get(0), culprit);
        } else {
            assertNull(culprit);
            assertTrue(expected.isEmpty());
        }
    }

    @Test
    void theLockHolderIsTrendMicrosScannerWithoutDeleteSharing() throws IOException {
        ScenarioFacts facts = CaseGenerator.generate(Scenario.LOCK_HOLDER, dir, options(5, "csv")).facts();

        assertEquals("ntrtscan.exe", facts.culprit().process());
        assertEquals(1880, facts.culprit().pid());
        assertEquals(NtStatus.SHARING_VIOLATION, facts.failure().result());
        assertEquals("TiWorker.exe", facts.failure().process());
        assertTrue(facts.failure().path().endsWith("\\FileRepository\\" + facts.oldPackage() + "\\oposdrv.dll"));
        assertEquals("tmevtmgr.sys", facts.filterDriver());
        assertEquals("328510", facts.filterAltitude());
        assertEquals("Trend Micro", facts.vendor());
        CSVRecord open = openRow(new CsvCase(dir.resolve(ProcmonCsvFormat.FILE_NAME)), "ntrtscan.exe", facts);
        assertEquals("Read, Write", shareMode(open.get("Detail")));
        assertEquals("Trend Micro Inc.", open.get("Company"));
        assertEquals("32-bit", open.get("Architecture"));
    }

    @Test
    void theUnknownAgentIsNamedByProcessAndImagePathWithoutAVendor() throws IOException {
        ScenarioFacts facts = CaseGenerator.generate(Scenario.UNKNOWN_AGENT, dir, options(5, "csv")).facts();

        assertEquals("agsvc.exe", facts.culprit().process());
        assertEquals("C:\\Program Files\\AcmeGuard\\agsvc.exe", facts.culprit().imagePath());
        assertEquals("Acme Security Ltd.", facts.culprit().company());
        assertNull(facts.vendor());
        assertNull(facts.filterAltitude());
        CsvCase csv = new CsvCase(dir.resolve(ProcmonCsvFormat.FILE_NAME));
        CSVRecord open = openRow(csv, "agsvc.exe", facts);
        assertEquals("C:\\Program Files\\AcmeGuard\\agsvc.exe", open.get("Image Path"));
        assertTrue(csv.rows.stream().noneMatch(r -> r.get("Process Name").equals("ntrtscan.exe")));
    }

    @Test
    void pidReuseGivesThePidToTheHolderAfterTheFirstOwnerExited() throws IOException {
        ScenarioFacts facts = CaseGenerator.generate(Scenario.PID_REUSE, dir, options(5, "csv")).facts();
        CsvCase csv = new CsvCase(dir.resolve(ProcmonCsvFormat.FILE_NAME));

        Access old = facts.decoys().get(0);
        assertEquals("CompatTelRunner.exe", old.process());
        assertEquals(facts.culprit().pid(), old.pid());
        int exit = -1;
        int start = -1;
        for (int i = 0; i < csv.rows.size(); i++) {
            CSVRecord r = csv.rows.get(i);
            if (r.get("PID").equals("1880") && r.get("Operation").equals("Process Exit")) {
                exit = i;
            }
            if (r.get("Process Name").equals("ntrtscan.exe") && r.get("Operation").equals("Process Start")) {
                start = i;
            }
        }
        assertEquals("CompatTelRunner.exe", csv.rows.get(exit).get("Process Name"));
        assertTrue(exit < start, "the PID is reused only after its first owner exited");
    }

    @Test
    void registryCorruptionHitsTheDriverDatabase() throws IOException {
        ScenarioFacts facts = CaseGenerator.generate(Scenario.REGISTRY_CORRUPT, dir, options(5, "csv")).facts();

        assertEquals("RegSetValue", facts.failure().operation());
        assertEquals(NtStatus.REGISTRY_CORRUPT, facts.failure().result());
        assertTrue(facts.failure().path().startsWith("HKLM\\DRIVERS\\DriverDatabase\\"));
        assertEquals("registry-failure", facts.expectedVerdict());
    }

    @Test
    void miradispServicesTheOtherPackage() throws IOException {
        ScenarioFacts facts = CaseGenerator.generate(Scenario.MIRADISP, dir, options(5, "csv")).facts();

        assertEquals("miradisp.inf", facts.infName());
        assertTrue(facts.failure().path().contains("\\miradisp.inf_amd64_"));
        assertTrue(facts.winSxsFolder().contains("amd64_dual_miradisp.inf_31bf3856ad364e35_"));
    }

    @Test
    void xmlIsWellFormedAndTheFiltersFramesAreOnItsNestedIoNotOnTheDeniedOpen() throws IOException, XMLStreamException {
        ScenarioFacts facts = CaseGenerator.generate(Scenario.FILTER_DENIAL, dir, options(5, "xml")).facts();

        List<XmlEvent> events = xmlEvents(dir.resolve(ProcmonXmlFormat.FILE_NAME));
        assertEquals(EVENTS, events.size());
        String driver = "C:\\Windows\\System32\\drivers\\tmevtmgr.sys";
        int denied = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).result.equals("ACCESS DENIED") && events.get(i).path.equals(facts.failure().path())) {
                denied = i;
            }
        }
        XmlEvent failing = events.get(denied);
        assertEquals("TiWorker.exe", failing.process);
        // procmon logs the create above the anti-virus filter (altitude 385200 > 328510): no filter frame on it
        assertFalse(failing.frames.contains(driver), failing.frames.toString());
        int before = denied - 1;
        while (!events.get(before).process.equals("TiWorker.exe") || !events.get(before).path.equals(failing.path)) {
            before--;
        }
        XmlEvent nested = events.get(before);
        assertEquals("TiWorker.exe", nested.process);
        assertEquals("CloseFile", nested.operation);
        int filter = nested.frames.indexOf(driver);
        assertEquals("C:\\Windows\\System32\\drivers\\FLTMGR.SYS", nested.frames.get(0));
        assertTrue(filter > 0, "the filter's I/O on TiWorker's thread carries its frames: " + nested.frames);
        XmlEvent agentIo = events.stream().filter(e -> e.process.equals("ntrtscan.exe")
                && e.operation.equals("CreateFile")).findFirst().orElseThrow();
        assertTrue(agentIo.frames.contains("C:\\Windows\\System32\\drivers\\tmevtmgr.sys"));
        XmlEvent otherIo = events.stream().filter(e -> e.process.equals("svchost.exe")
                && e.operation.equals("CreateFile")).findFirst().orElseThrow();
        assertFalse(otherIo.frames.contains("C:\\Windows\\System32\\drivers\\tmevtmgr.sys"));
        assertEquals("C:\\Windows\\System32\\drivers\\FLTMGR.SYS", otherIo.frames.get(0));
    }

    @Test
    void europeanLocaleUses24HourTimesAndDotGroupedNumbers() throws IOException {
        GenerateOptions german = options(5, "csv").withLocale(ProcmonLocale.DE_DE);
        CaseGenerator.generate(Scenario.LOCK_HOLDER, dir, german);

        CsvCase csv = new CsvCase(dir.resolve(ProcmonCsvFormat.FILE_NAME));
        Pattern time = Pattern.compile("\\d\\d:\\d\\d:\\d\\d,\\d{7}");
        Pattern enUsNumber = Pattern.compile("Length: \\d{1,3},\\d{3}");
        boolean grouped = false;
        for (CSVRecord r : csv.rows) {
            assertTrue(time.matcher(r.get("Time of Day")).matches(), r.get("Time of Day"));
            assertFalse(enUsNumber.matcher(r.get("Detail")).find(), r.get("Detail"));
            grouped |= r.get("Detail").matches(".*Length: \\d{1,3}\\.\\d{3}.*");
        }
        assertTrue(grouped, "some Length is written with a dot as thousands separator");
    }

    private static CSVRecord openRow(CsvCase csv, String process, ScenarioFacts facts) {
        return csv.rows.stream().filter(r -> r.get("Process Name").equals(process)
                && r.get("Operation").equals("CreateFile") && r.get("Path").equals(facts.failure().path()))
                .findFirst().orElseThrow();
    }

    private static String shareMode(String detail) {
        int at = detail.indexOf("ShareMode: ");
        int end = detail.indexOf(", AllocationSize:", at);
        return detail.substring(at + "ShareMode: ".length(), end);
    }

    private static String timeOfDay(long time) {
        ExportOptions o = new ExportOptions(ProcmonColumn.DEFAULT, ProcmonLocale.EN_US, GenerateOptions.DEFAULT_ZONE,
                false);
        return new ProcmonCells(o, TimeBase.UTC).timeOfDay(time);
    }

    private record XmlEvent(String process, String operation, String path, String result, List<String> frames) {
    }

    /** Reads every event of a procmon XML with the JDK's StAX (DTDs and external entities off). */
    private static List<XmlEvent> xmlEvents(Path xml) throws IOException, XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        List<XmlEvent> events = new ArrayList<>();
        try (InputStream in = Files.newInputStream(xml)) {
            XMLStreamReader r = f.createXMLStreamReader(in);
            boolean inEvents = false;
            String process = null;
            String operation = null;
            String path = null;
            String result = null;
            List<String> frames = new ArrayList<>();
            while (r.hasNext()) {
                int type = r.next();
                if (type == XMLStreamReader.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "eventlist" -> inEvents = true;
                        case "event" -> frames = new ArrayList<>();
                        case "Process_Name" -> process = r.getElementText();
                        case "Operation" -> operation = r.getElementText();
                        case "Path" -> path = inEvents ? r.getElementText() : path;
                        case "Result" -> result = r.getElementText();
                        case "path" -> frames.add(r.getElementText());
                        default -> { }
                    }
                } else if (type == XMLStreamReader.END_ELEMENT && r.getLocalName().equals("event")) {
                    events.add(new XmlEvent(process, operation, path, result, frames));
                }
            }
        }
        assertNotEquals(0, events.size());
        return events;
    }
}
