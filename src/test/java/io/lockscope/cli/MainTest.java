package io.lockscope.cli;

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
                "failing-inf-incidental", "third-party-filters"}) {
            assertTrue(r.out().contains(id), "rules lists " + id);
        }
        assertTrue(r.out().contains("needs: failures, stacks"), r.out());
    }
}
