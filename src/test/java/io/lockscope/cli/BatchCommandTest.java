package io.lockscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockscope.batch.SummaryFiles;
import io.lockscope.generate.CaseFormats;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.GenerateOptions;
import io.lockscope.generate.GeneratedCase;
import io.lockscope.generate.Scenario;
import io.lockscope.ingest.archive.Archives;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lockscope batch} over six generated cases — folders, a zip, a tar.gz, a 7z, one with a
 * hostile name — and one corrupt zip: verdicts and culprits per row, an error row for the corrupt
 * one, the three summary files, and {@code --resume} doing no analysis for unchanged inputs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BatchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "<img src=x onerror=alert(1)> & \"quoted\", case";

    @TempDir
    static Path dir;
    private static Path out;
    /** case name → the planted facts (null for the corrupt archive) */
    private static final Map<String, GeneratedCase> CASES = new LinkedHashMap<>();
    private static final List<Path> INPUTS = new ArrayList<>();
    /** case name → files the generator wrote (all of them readable) */
    private static final Map<String, Long> FILES = new LinkedHashMap<>();

    @BeforeAll
    static void generateCases() throws Exception {
        out = dir.resolve("out");
        Path work = Files.createDirectories(dir.resolve("generated"));
        add(work, Scenario.LOCK_HOLDER, "csv", "zip");
        add(work, Scenario.DECOY, "xml", "tgz");
        add(work, Scenario.FILTER_DENIAL, "xml", "folder");
        add(work, Scenario.UNKNOWN_AGENT, "csv", "7z");
        add(work, Scenario.CLEAN, "csv", "hostile");
        Path corrupt = dir.resolve("corrupt.zip");
        Archives.zipFolder(work.resolve("lock-holder"), corrupt);
        byte[] bytes = Files.readAllBytes(corrupt);
        Files.write(corrupt, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        CASES.put("corrupt.zip", null);
        INPUTS.add(corrupt);
        add(work, Scenario.REGISTRY_CORRUPT, "csv", "folder");
    }

    private static void add(Path work, Scenario scenario, String trace, String packaging) throws Exception {
        Path folder = work.resolve(scenario.id());
        long events = Math.max(1_500, CaseGenerator.minimumEvents(scenario, 21));
        GeneratedCase generated = CaseGenerator.generate(scenario, folder, GenerateOptions.defaults().withSeed(21)
                .withEvents(events).withFormats(CaseFormats.parse(trace + ",logs")));
        long files;
        try (var s = Files.list(folder)) {
            files = s.count();
        }
        Path input = switch (packaging) {
            case "zip" -> Archives.zipFolder(folder, dir.resolve(scenario.id() + ".zip"));
            case "tgz" -> Archives.tarGzFolder(folder, dir.resolve(scenario.id() + ".tgz"));
            case "7z" -> Archives.sevenZFolder(folder, dir.resolve(scenario.id() + ".7z"));
            case "hostile" -> Files.move(folder, dir.resolve(HOSTILE));
            default -> Files.move(folder, dir.resolve(scenario.id()));
        };
        CASES.put(input.getFileName().toString(), generated);
        FILES.put(input.getFileName().toString(), files);
        INPUTS.add(input);
    }

    private static CliRunner batch(String... extra) {
        List<String> args = new ArrayList<>(List.of("batch", "-o", out.toString(), "--jobs", "2"));
        INPUTS.forEach(p -> args.add(p.toString()));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void firstRunAnalysesEveryCaseAndMakesAnErrorRowOfTheCorruptOne() throws Exception {
        CliRunner run = batch();
        assertEquals(Main.BAD_INPUT, run.exitCode(), "a bad-input case makes the exit code 1: " + run.err());
        List<String> progress = run.err().lines().filter(l -> l.startsWith("[")).toList();
        assertEquals(CASES.size(), progress.size(), run.err());
        assertTrue(progress.stream().allMatch(l -> l.matches("\\[\\d/7] \\S+  \\S+  .*")), progress.toString());
        assertTrue(progress.stream().anyMatch(l -> l.matches("\\[\\d/7] lock-holder  lock-holder  ntrtscan\\.exe  \\d+\\.\\d s")),
                progress.toString());

        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(7, summary.get("counts").get("analysed").asInt());
        assertEquals(0, summary.get("counts").get("kept").asInt());
        assertEquals(6, summary.get("counts").get("ok").asInt());
        assertEquals(1, summary.get("counts").get("badInput").asInt());
        JsonNode rows = summary.get("cases");
        assertEquals(CASES.size(), rows.size());
        int i = 0;
        for (Map.Entry<String, GeneratedCase> c : CASES.entrySet()) {
            JsonNode row = rows.get(i++);
            assertEquals(c.getKey(), row.get("name").asText());
            if (c.getValue() == null) {
                assertEquals("bad-input", row.get("status").asText());
                assertTrue(row.get("verdict").isNull());
                String message = row.get("message").asText();
                assertTrue(message.startsWith(dir.resolve("corrupt.zip") + ": entry ") && message.contains("broken archive"),
                        message);
                assertTrue(row.get("reports").isEmpty());
                continue;
            }
            var facts = c.getValue().facts();
            assertEquals("ok", row.get("status").asText(), row.toString());
            assertEquals(facts.expectedVerdict(), row.get("verdict").asText(), row.toString());
            if (facts.culprit() != null) {
                assertEquals(facts.culprit().process(), row.get("culprit").asText(), row.toString());
            } else {
                assertTrue(row.get("culprit").isNull(), row.toString());
            }
            if (facts.scenario() == Scenario.FILTER_DENIAL) {
                assertEquals(facts.filterDriver().toLowerCase(), row.get("driver").asText().toLowerCase());
            }
            if (facts.scenario() != Scenario.CLEAN) {
                assertEquals(facts.infName(), row.get("failingInf").asText(), row.toString());
            }
            assertEquals(FILES.get(c.getKey()), row.get("inputs").asLong(), "every file of the case is read: " + row);
            String id = row.get("id").asText();
            assertEquals(List.of("cases/" + id + "/report.json", "cases/" + id + "/report.html"),
                    List.of(row.get("reports").get(0).asText(), row.get("reports").get(1).asText()));
            JsonNode report = JSON.readTree(out.resolve(row.get("reports").get(0).asText()).toFile());
            assertEquals(row.get("verdict").asText(), report.get("verdict").get("kind").asText());
        }
        // every id is a safe folder name even for the hostile case name
        assertTrue(rows.findValuesAsText("id").stream().allMatch(id -> id.matches("[A-Za-z0-9._-]+")));
    }

    @Test
    @Order(2)
    void summaryCsvParsesWithCommonsCsv() throws Exception {
        try (Reader r = Files.newBufferedReader(out.resolve("summary.csv"), StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
            assertEquals(SummaryFiles.CSV_HEADER, csv.getHeaderNames());
            List<CSVRecord> records = csv.getRecords();
            assertEquals(new ArrayList<>(CASES.keySet()), records.stream().map(rec -> rec.get("case")).toList());
            CSVRecord hostile = records.get(new ArrayList<>(CASES.keySet()).indexOf(HOSTILE));
            assertEquals("no-failure", hostile.get("verdict"));
            CSVRecord lockHolder = records.get(0);
            assertEquals("ntrtscan.exe", lockHolder.get("culprit"));
            assertEquals("Trend Micro", lockHolder.get("vendor"));
            // the sample's lock is a sharing violation, which CBS logs as 0x80070020
            assertTrue(lockHolder.get("hresult").startsWith("0x80070020"), lockHolder.get("hresult"));
            assertEquals("cases/lock-holder/report.html", lockHolder.get("report"));
        }
    }

    @Test
    @Order(3)
    void indexPageIsSelfContainedAndEscapesCaseNames() throws Exception {
        String html = Files.readString(out.resolve("index.html"));
        assertFalse(html.contains("http:") || html.contains("https:") || html.contains("//"), "no external URL");
        assertFalse(html.contains("src=\"") || html.contains("url(") || html.contains("@import"));
        assertFalse(html.contains("<img"), "the hostile case name is escaped");
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot;, case"));
        assertTrue(html.contains("<svg") && html.contains(">ntrtscan.exe</text>"), "the culprit chart");
        assertTrue(html.contains("href=\"cases/lock-holder/report.html\""));
    }

    @Test
    @Order(4)
    void resumeAnalysesNothingWhenInputsAreUnchangedAndOnlyTheChangedCase() throws Exception {
        CliRunner again = batch("--resume");
        assertEquals(Main.BAD_INPUT, again.exitCode(), again.err());
        JsonNode counts = JSON.readTree(out.resolve("summary.json").toFile()).get("counts");
        assertEquals(0, counts.get("analysed").asInt(), again.err());
        assertEquals(7, counts.get("kept").asInt());
        assertEquals(7, again.err().lines().filter(l -> l.endsWith("unchanged, not analysed")).count(), again.err());
        assertEquals(6, counts.get("ok").asInt(), "kept rows keep their verdicts");

        Files.writeString(dir.resolve("registry-corrupt").resolve("CBS.log"), "\r\n", StandardOpenOption.APPEND);
        CliRunner third = batch("--resume");
        JsonNode after = JSON.readTree(out.resolve("summary.json").toFile()).get("counts");
        assertEquals(1, after.get("analysed").asInt(), third.err());
        assertEquals(6, after.get("kept").asInt());
        assertTrue(third.err().lines().anyMatch(l -> l.matches("\\[\\d/7] registry-corrupt  registry-failure  -  \\d+\\.\\d s")),
                third.err());
    }

    @Test
    @Order(5)
    void withoutResumeEveryCaseIsAnalysedAgain() throws Exception {
        CliRunner run = batch("--format-per-case", "json");
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(7, summary.get("counts").get("analysed").asInt(), run.err());
        assertEquals(1, summary.get("cases").get(0).get("reports").size());
        assertNull(summary.get("cases").get(0).get("reports").get(1));
    }
}
