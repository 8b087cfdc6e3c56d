package io.lockscope.report.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockscope.report.model.Report;
import io.lockscope.report.model.Sequences;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.lockscope.report.render.ReportFixtures.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON report against docs/report-json.md, read back with jackson-databind. */
class JsonReportRendererTest {
    /** Rewrite the golden files instead of comparing: {@code mvn test -Dlockscope.updateGolden=true}. */
    private static final boolean UPDATE_GOLDEN = Boolean.getBoolean("lockscope.updateGolden");
    private static final Path GOLDEN = Path.of("src/test/resources/report");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode parse(Report report) throws IOException {
        return MAPPER.readTree(render(new JsonReportRenderer(true), report));
    }

    @Test
    void headerInputsAndTargetAreWrittenAsTheSpecNamesThem() throws IOException {
        JsonNode json = parse(ReportFixtures.lockHolder());
        assertEquals(1, json.get("schemaVersion").intValue());
        assertEquals("lockscope", json.at("/tool/name").textValue());
        assertEquals("0.3.0", json.at("/tool/version").textValue());
        assertEquals(3, json.get("inputs").size());
        JsonNode pml = json.at("/inputs/0");
        assertEquals("case-upload.zip!boot_log.pml", pml.get("path").textValue());
        assertEquals("procmon-pml", pml.get("format").textValue());
        assertEquals(2_841_233L, pml.get("events").longValue());
        assertEquals(2, pml.get("skipped").longValue());
        assertEquals("record 1803344: skipped: truncated detail", pml.at("/warnings/0").textValue());
        assertEquals("oposdrv.inf", json.at("/target/names/0").textValue());
        assertEquals("cbs-log", json.at("/target/source").textValue());
        assertEquals(ReportFixtures.DLL, json.at("/target/paths/0").textValue());
        assertFalse(json.has("picture"), "the picture is for HTML only");
    }

    @Test
    void verdictCarriesTheCulprit() throws IOException {
        JsonNode verdict = parse(ReportFixtures.lockHolder()).get("verdict");
        assertEquals("lock-holder", verdict.get("kind").textValue());
        assertTrue(verdict.get("summary").textValue().startsWith("TiWorker.exe failed to open oposdrv.dll"));
        assertEquals("high", verdict.get("confidence").textValue());
        assertTrue(verdict.get("recommendation").textValue().startsWith("Exclude the DriverStore"));
        JsonNode culprit = verdict.get("culprit");
        assertEquals("ntrtscan.exe", culprit.get("process").textValue());
        assertEquals(1880, culprit.get("pid").intValue());
        assertEquals("C:\\Program Files (x86)\\Trend Micro\\Security Agent\\NTRtScan.exe", culprit.get("imagePath").textValue());
        assertEquals("Trend Micro Inc.", culprit.get("company").textValue());
        assertEquals("Trend Micro", culprit.get("vendor").textValue());
        assertEquals("Apex One", culprit.get("product").textValue());
        assertEquals("tmevtmgr.sys", culprit.get("driver").textValue());
        assertEquals("328510", culprit.get("altitude").textValue());
    }

    @Test
    void failuresCarryHoldersRuledOutHoldersAndFilterDrivers() throws IOException {
        JsonNode failures = parse(ReportFixtures.lockHolder()).get("failures");
        assertEquals(2, failures.size());
        JsonNode first = failures.get(0);
        assertEquals("00:00:41.2000000", first.get("t").textValue());
        assertEquals(41.2, first.get("offsetSeconds").doubleValue());
        assertEquals("TiWorker.exe", first.get("process").textValue());
        assertEquals(3120, first.get("pid").intValue());
        assertEquals("CreateFile", first.get("operation").textValue());
        assertEquals(ReportFixtures.DLL, first.get("path").textValue());
        assertEquals("SHARING VIOLATION", first.get("result").textValue());
        assertEquals("0xC0000043", first.get("ntstatus").textValue());
        assertEquals("Delete", first.at("/requested/access").textValue());
        assertEquals("Read", first.at("/requested/shareMode").textValue());

        JsonNode holder = first.at("/holders/0");
        assertEquals(1, first.get("holders").size());
        assertEquals("ntrtscan.exe", holder.get("process").textValue());
        assertEquals(1880, holder.get("pid").intValue());
        assertEquals("00:00:40.9000000", holder.get("openedAt").textValue());
        assertTrue(holder.has("closedAt") && holder.get("closedAt").isNull(), "closedAt null while open");
        assertEquals("Read Data", holder.get("access").textValue());
        assertEquals("Read, Write", holder.get("shareMode").textValue());
        assertEquals("holder does not share Delete", holder.get("conflict").textValue());
        assertEquals(0, holder.at("/evidence/0/input").intValue());
        assertEquals(120_431L, holder.at("/evidence/0/index").longValue());

        JsonNode ruledOut = first.at("/ruledOut/0");
        assertEquals("MsMpEng.exe", ruledOut.get("process").textValue());
        assertEquals("00:00:39.8000000", ruledOut.get("closedAt").textValue());
        assertEquals(39.8, ruledOut.get("closedAtOffsetSeconds").doubleValue());
        assertEquals("closed before the failure", ruledOut.get("conflict").textValue());
        assertTrue(ruledOut.get("pairingInferred").booleanValue());

        JsonNode driver = first.at("/filterDrivers/0");
        assertEquals("tmevtmgr.sys", driver.get("driver").textValue());
        assertEquals("328510", driver.get("altitude").textValue());
        assertEquals("Trend Micro", driver.get("vendor").textValue());
        assertEquals("stack-other", driver.get("evidence").textValue());
        assertEquals("tmevtmgr.sys+0x1a2f0", driver.get("frames").get(0).textValue());

        assertEquals("holder does not share Write", failures.at("/1/holders/0/conflict").textValue());
        assertEquals(0, failures.at("/1/ruledOut").size());
    }

    @Test
    void findingsSequencesServicingAndFiltersAreComplete() throws IOException {
        JsonNode json = parse(ReportFixtures.lockHolder());
        JsonNode finding = json.at("/findings/0");
        assertEquals("sharing-violation-holder", finding.get("rule").textValue());
        assertEquals("error", finding.get("severity").textValue());
        assertTrue(finding.get("message").textValue().contains("without sharing Delete"));
        assertEquals(120_502L, finding.at("/evidence/1/index").longValue());

        JsonNode files = json.at("/sequences/files");
        assertEquals(2, files.size());
        assertEquals(ReportFixtures.DLL, files.at("/0/path").textValue());
        JsonNode event = files.at("/0/events/3");
        assertEquals("00:00:41.2000000", event.get("t").textValue());
        assertEquals(41.2, event.get("offsetSeconds").doubleValue());
        assertEquals("TiWorker.exe", event.get("process").textValue());
        assertEquals(3120, event.get("pid").intValue());
        assertEquals("CreateFile", event.get("operation").textValue());
        assertEquals("SHARING VIOLATION", event.get("result").textValue());
        assertEquals("Desired Access: Delete, Share Mode: Read", event.get("detail").textValue());
        assertEquals(0, event.get("input").intValue());
        assertEquals(120_502L, event.get("index").longValue());
        assertEquals(ReportFixtures.PACKAGE_KEY, json.at("/sequences/registry/0/key").textValue());
        assertEquals("RegSetValue", json.at("/sequences/registry/0/events/0/operation").textValue());

        JsonNode servicing = json.get("servicing");
        assertEquals("oposdrv.inf", servicing.get("failingInf").textValue());
        assertEquals("0x800703f1", servicing.get("hresult").textValue());
        assertEquals("ERROR_BADDB", servicing.get("hresultName").textValue());
        assertEquals("Startup", servicing.get("phase").textValue());
        assertTrue(servicing.get("rollback").booleanValue());
        assertEquals("DOQ", servicing.get("failureSource").textValue());
        assertEquals("KB5016623", servicing.at("/packages/0").textValue());
        assertEquals("oposdrv.inf", servicing.at("/driverUpdateOrder/2").textValue());
        assertTrue(servicing.get("failingInfIsFirstChanged").booleanValue());
        JsonNode logLine = servicing.at("/events/0");
        assertEquals("2022-08-17 02:14:41", logLine.get("t").textValue());
        assertEquals("cbs-log", logLine.get("source").textValue());
        assertEquals(1, logLine.get("input").intValue());
        assertEquals(8227, logLine.get("line").longValue());
        assertTrue(logLine.get("text").textValue().contains("ERROR_BADDB"));

        JsonNode filter = json.at("/filters/0");
        assertEquals("TmXPFlt", filter.get("name").textValue());
        assertEquals("328500", filter.get("altitude").textValue());
        assertEquals("FSFilter Anti-Virus", filter.get("group").textValue());
        assertEquals("Trend Micro", filter.get("vendor").textValue());
        assertEquals(4, filter.get("instances").intValue());
        assertTrue(filter.get("thirdParty").booleanValue());
        assertEquals("fltmc", filter.get("source").textValue());
        assertFalse(json.at("/filters/1/thirdParty").booleanValue());
    }

    @Test
    void everyObjectWithATimeAlsoHasItsOffset() throws IOException {
        List<String> missing = new ArrayList<>();
        int[] times = {0};
        walk(parse(ReportFixtures.lockHolder()), "", (path, node) -> {
            if (node.has("t")) {
                times[0]++;
                if (!node.has("offsetSeconds")) {
                    missing.add(path);
                }
            }
        });
        assertEquals(List.of(), missing);
        // 2 failures + 7 sequence events + 2 servicing log lines
        assertEquals(11, times[0]);
    }

    @Test
    void noFailureCaseHasNullCulpritAndNoServicingOrFilters() throws IOException {
        JsonNode json = parse(ReportFixtures.noFailure());
        assertEquals("no-failure", json.at("/verdict/kind").textValue());
        assertTrue(json.get("verdict").has("culprit"), "culprit is written, as null");
        assertTrue(json.at("/verdict/culprit").isNull());
        assertFalse(json.has("servicing"), "servicing only when a servicing log was read");
        assertFalse(json.has("filters"), "filters only when a filter list was read");
        assertEquals(0, json.get("failures").size());
        assertEquals(0, json.at("/sequences/files").size());
        assertEquals(0, json.at("/sequences/registry").size());
    }

    @Test
    void hostileTextRoundTripsButNeverAppearsAsMarkup() throws IOException {
        String text = render(new JsonReportRenderer(false), ReportFixtures.hostile());
        assertFalse(text.contains("<script>"), "< and > are written as \\u escapes");
        JsonNode json = MAPPER.readTree(text);
        assertEquals(ReportFixtures.HOSTILE_PATH, json.at("/failures/0/path").textValue());
        assertEquals(ReportFixtures.HOSTILE_PROCESS, json.at("/verdict/culprit/process").textValue());
    }

    @Test
    void offsetsArePlainDecimalsRoundedTo100Nanoseconds() throws IOException {
        Report base = ReportFixtures.noFailure();
        Sequences sequences = new Sequences(List.of(new Sequences.PathSequence("C:\\a", List.of(
                new Sequences.Event(new Report.Time("00:00:00.0000001", 0.00000012), "System", 4, "CreateFile",
                        "SUCCESS", "", 0, 0),
                new Sequences.Event(new Report.Time("00:02:00.0000000", 120.0), "System", 4, "CloseFile",
                        "SUCCESS", "", 0, 1)))), List.of());
        Report report = new Report(base.schemaVersion(), base.tool(), base.lang(), base.inputs(), base.target(),
                base.verdict(), base.failures(), base.findings(), sequences, null, null, null, List.of());
        String text = render(new JsonReportRenderer(false), report);
        assertTrue(text.contains("\"offsetSeconds\":0.0000001,"), text);
        assertTrue(text.contains("\"offsetSeconds\":120,"), text);
    }

    @Test
    void compactOutputIsOneLine() {
        String text = render(new JsonReportRenderer(false), ReportFixtures.lockHolder());
        assertEquals(1, text.lines().count());
    }

    @Test
    void lockHolderCaseEqualsItsGoldenFile() throws IOException {
        assertGolden("lock-holder.json", render(new JsonReportRenderer(true), ReportFixtures.lockHolder()));
    }

    @Test
    void noFailureCaseEqualsItsGoldenFile() throws IOException {
        assertGolden("no-failure.json", render(new JsonReportRenderer(true), ReportFixtures.noFailure()));
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (UPDATE_GOLDEN) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(file), file + " is missing; create it with -Dlockscope.updateGolden=true");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual,
                name + " differs from the golden file; if the change is intended, rerun with -Dlockscope.updateGolden=true");
    }

    private interface Visitor {
        void visit(String path, JsonNode node);
    }

    private static void walk(JsonNode node, String path, Visitor visitor) {
        if (node.isObject()) {
            visitor.visit(path, node);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                walk(field.getValue(), path + "/" + field.getKey(), visitor);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "/" + i, visitor);
            }
        }
    }
}
