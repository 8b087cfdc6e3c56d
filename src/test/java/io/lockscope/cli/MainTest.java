package io.lockscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockscope.rules.Rule;
import io.lockscope.rules.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    @Test
    void helpListsTheCommands() {
        CliRunner r = CliRunner.run("--help");
        assertEquals(Main.OK, r.exitCode());
        for (String c : new String[] {"analyze", "timeline", "holders", "info", "convert", "batch", "rules", "generate"}) {
            assertTrue(r.out().contains(c), "help mentions " + c);
        }
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : new String[] {"analyze", "timeline", "holders", "info", "convert", "batch", "rules", "generate"}) {
            CliRunner r = CliRunner.run(c, "--help");
            assertEquals(Main.OK, r.exitCode(), c + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: lockscope " + c), r.out());
        }
    }

    @Test
    void aBadTimeZoneIsAUsageErrorEverywhere() {
        for (String[] args : new String[][] {{"info", "traces/clean", "--tz", "foo"},
                {"analyze", "traces/clean", "--tz", "+25:00"}, {"convert", "traces/clean/boot_log.csv", "--to", "csv", "--tz", "foo"}}) {
            CliRunner r = CliRunner.run(args);
            assertEquals(Main.USAGE, r.exitCode(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().contains("--tz wants an offset like +08:00"), r.err());
        }
        assertEquals(Main.OK, CliRunner.run("info", "traces/clean", "--tz", "Z").exitCode());
    }

    @Test
    void versionIsPrinted() {
        CliRunner r = CliRunner.run("--version");
        assertEquals(Main.OK, r.exitCode());
        assertTrue(r.out().startsWith("lockscope "), r.out());
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRunner r = CliRunner.run("info", "--no-such-option", "x");
        assertEquals(Main.USAGE, r.exitCode());
    }

    @Test
    void missingFileIsBadInputWithOneLineAndNoStackTrace() {
        CliRunner r = CliRunner.run("info", "does-not-exist.pml");
        assertEquals(Main.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("does-not-exist.pml"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void emptyFileIsBadInput(@TempDir Path dir) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.csv"));
        CliRunner r = CliRunner.run("info", empty.toString());
        assertEquals(Main.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("empty.csv") && r.err().contains("empty"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void garbageIsBadInput(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.bin");
        Files.write(junk, new byte[] {0x13, 0x37, 0, 0, (byte) 0xFF, 0x42});
        CliRunner r = CliRunner.run("info", junk.toString());
        assertEquals(Main.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("junk.bin"), r.err());
    }

    @Test
    void timelineWithoutSelectorIsAUsageError(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("x.csv"), "x");
        CliRunner r = CliRunner.run("timeline", f.toString());
        assertEquals(Main.USAGE, r.exitCode());
        assertTrue(r.err().contains("--path"), r.err());
    }

    @Test
    void rulesListsEveryRuleWithWhatItNeeds() {
        CliRunner r = CliRunner.run("rules");
        assertEquals(Main.OK, r.exitCode());
        for (String id : new String[] {"sharing-violation-holder", "file-in-use-holder", "filter-in-failing-stack",
                "registry-failure", "unexplained-failure", "agent-on-target", "servicing-window", "servicing-log-failure",
                "failing-inf-incidental", "third-party-filters", "traces-agree", "filter-failed-io"}) {
            assertTrue(r.out().contains(id), "rules lists " + id);
        }
        assertTrue(r.out().contains("needs: failures, stacks"), r.out());
        assertTrue(r.out().contains("logged-after = 60 s"), "parameters are printed: " + r.out());
    }

    @Test
    void rulesAsJsonGiveEachRulesNeedsAndParameters() throws Exception {
        CliRunner r = CliRunner.run("rules", "--format", "json");
        assertEquals(Main.OK, r.exitCode(), r.err());
        JsonNode rules = new ObjectMapper().readTree(r.out()).get("rules");
        assertEquals(Rules.all().size(), rules.size());
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = Rules.all().get(i);
            JsonNode json = rules.get(i);
            assertEquals(rule.id(), json.get("id").asText());
            assertEquals(rule.requires().size(), json.get("needs").size(), rule.id());
            assertEquals(rule.parameters().size(), json.get("parameters").size(), rule.id());
        }
        JsonNode filterInStack = rules.findParents("id").stream()
                .filter(n -> n.get("id").asText().equals("filter-in-failing-stack")).findFirst().orElseThrow();
        assertEquals("[\"failures\",\"stacks\"]", filterInStack.get("needs").toString());
        assertEquals("1 s", filterInStack.get("parameters").get("nested-io-before").asText());
    }

    @Test
    void aDamagedRowIsSkippedCountedAndReportedAsBadInput(@TempDir Path dir) throws Exception {
        String header = "\uFEFF\"Time of Day\",\"Process Name\",\"PID\",\"Operation\",\"Path\",\"Result\",\"Detail\"\r\n";
        String row = "\"1:18:10.8939738 AM\",\"Explorer.EXE\",\"3596\",\"CloseFile\",\"C:\\x.txt\",\"SUCCESS\",\"\"\r\n";
        String missingQuote = "\"1:18:11.0 AM\",\"Explorer.EXE\",\"3596,\"CloseFile\",\"C:\\y.txt\",\"SUCCESS\",\"\"\r\n";
        Path csv = Files.writeString(dir.resolve("boot.csv"), header + row + missingQuote + row);
        CliRunner r = CliRunner.run("info", csv.toString(), "--format", "json");
        assertEquals(Main.BAD_INPUT, r.exitCode(), "damage is bad input, after the output");
        assertTrue(r.out().contains("\"events\" : 2") && r.out().contains("\"skipped\" : 1"), r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("boot.csv: line 3 (record 2)"), r.err());
    }

    @Test
    void aHundredMegabyteLineIsRefusedWithFileAndLine(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("huge.csv");
        try (var w = Files.newBufferedWriter(csv)) {
            w.write("\"Time of Day\",\"Process Name\",\"PID\",\"Operation\",\"Path\",\"Result\",\"Detail\"\r\n");
            w.write("\"1:18:11.0 AM\",\"Explorer.EXE\",\"3596\",\"CloseFile\",\"C:\\");
            char[] chunk = new char[1 << 20];
            java.util.Arrays.fill(chunk, 'A');
            for (int i = 0; i < 100; i++) {
                w.write(chunk);
            }
            w.write("\",\"SUCCESS\",\"\"\r\n");
        }
        CliRunner r = CliRunner.run("analyze", csv.toString());
        assertEquals(Main.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("huge.csv: line 2 (record 1)"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void aTruncatedFileIsBadInputWithFileAndLine(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("cut.csv"),
                "\"Time of Day\",\"Process Name\",\"PID\",\"Operation\",\"Path\",\"Result\",\"Detail\"\r\n"
                        + "\"1:18:11.0 AM\",\"Explorer.EXE\",\"3596\",\"CloseFile\",\"C:\\x");
        CliRunner r = CliRunner.run("timeline", csv.toString(), "--path", "*");
        assertEquals(Main.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("cut.csv: line 2 (record 1)") && r.err().contains("ends inside a quoted field"), r.err());
    }
}
