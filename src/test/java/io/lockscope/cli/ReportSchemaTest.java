package io.lockscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON reports lockscope writes follow the contract in docs/report.schema.json. */
class ReportSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    private static JsonSchema load() {
        try {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(Files.readString(Path.of("docs/report.schema.json")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertValid(String what, JsonNode report) {
        Set<ValidationMessage> problems = SCHEMA.validate(report);
        assertTrue(problems.isEmpty(), what + ": " + problems);
    }

    @Test
    void everySampleCaseInBothLanguages() throws Exception {
        List<Path> cases;
        try (Stream<Path> s = Files.list(Path.of("traces"))) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertFalse(cases.isEmpty());
        for (Path c : cases) {
            for (String lang : new String[] {"en", "zh-CN"}) {
                CliRunner r = CliRunner.run("analyze", c.toString(), "--format", "json", "--lang", lang);
                assertValid(c + " " + lang, JSON.readTree(r.out()));
            }
        }
    }

    @Test
    void aReportOfATruncatedUpload(@TempDir Path dir) throws Exception {
        byte[] csv = Files.readAllBytes(Path.of("traces/lock-holder/boot_log.csv"));
        Path cut = Files.write(dir.resolve("boot_log.csv"), java.util.Arrays.copyOf(csv, csv.length * 4 / 5 + 3));
        JsonNode report = JSON.readTree(CliRunner.run("analyze", cut.toString(), "--format", "json").out());
        assertTrue(report.get("inputs").get(0).has("truncation"), report.get("inputs").toString());
        assertValid("truncated", report);
    }

    @Test
    void theGoldenAndFixtureReports() throws Exception {
        List<Path> reports;
        try (Stream<Path> s = Stream.concat(Files.list(Path.of("src/test/resources/golden")),
                Files.list(Path.of("src/test/resources/report")))) {
            reports = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(reports.isEmpty());
        for (Path p : reports) {
            assertValid(p.toString(), JSON.readTree(p.toFile()));
        }
    }

    @Test
    void theSchemaRefusesWhatTheContractDoesNotAllow() throws Exception {
        JsonNode good = JSON.readTree(CliRunner.run("analyze", "traces/lock-holder", "--format", "json").out());
        ObjectNode unknownKind = good.deepCopy();
        ((ObjectNode) unknownKind.get("verdict")).put("kind", "probably-antivirus");
        ObjectNode noInputs = good.deepCopy();
        noInputs.remove("inputs");
        ObjectNode badCut = good.deepCopy();
        ((ObjectNode) badCut.get("inputs").get(0)).putObject("truncation").put("unit", "page");
        for (JsonNode bad : List.of(unknownKind, noInputs, badCut)) {
            assertFalse(SCHEMA.validate(bad).isEmpty(), bad.toString());
        }
        assertEquals(Set.of(), SCHEMA.validate(good));
    }
}
