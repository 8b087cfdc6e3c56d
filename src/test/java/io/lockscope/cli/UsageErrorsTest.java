package io.lockscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each usage error of issue 14: exit 2, one line on stderr naming the problem, nothing on stdout. */
class UsageErrorsTest {
    private static final String CASE = "traces/lock-holder";
    private static final String CSV = CASE + "/boot_log.csv";

    /** Runs {@code args}, checks the usage-error shape and returns the one line. */
    private static String usageError(String... args) {
        CliRunner r = CliRunner.run(args);
        String command = String.join(" ", args);
        assertEquals(Main.USAGE, r.exitCode(), command + ": " + r.err());
        assertEquals("", r.out(), command + " prints nothing before the check");
        assertEquals(1, r.err().lines().count(), command + ": " + r.err());
        assertTrue(r.err().startsWith("lockscope: "), r.err());
        assertTrue(r.err().strip().endsWith("--help'"), "points at the help: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        return r.err();
    }

    @Test
    void aTimeThatIsNoTimeIsAUsageError() {
        assertTrue(usageError("holders", CSV, "--path", "*oposdrv*", "--at", "25:99:99")
                .contains("'25:99:99' is not a time: use HH:MM:SS"));
        assertTrue(usageError("timeline", CSV, "--path", "*", "--from", "garbage").contains("'garbage' is not a time"));
        assertTrue(usageError("timeline", CSV, "--path", "*", "--to", "+abcs").contains("'+abcs' is not a time"));
    }

    @Test
    void aTimeIsCheckedBeforeTheInputIsRead() {
        // the input does not exist: only a check made before reading answers with exit 2
        usageError("holders", "no-such-file.pml", "--path", "*", "--at", "25:99:99");
    }

    @Test
    void fromAfterToIsAUsageErrorInEitherForm() {
        assertTrue(usageError("timeline", "no-such-file.pml", "--path", "*", "--from", "00:00:50", "--to", "00:00:40")
                .contains("--from 00:00:50 is after --to 00:00:40"));
        usageError("timeline", "no-such-file.pml", "--path", "*", "--from", "+20s", "--to", "+10s");
        // mixed forms compare once placed on the trace's clock
        assertTrue(usageError("timeline", CSV, "--path", "*", "--from", "+86000s", "--to", "00:00:01")
                .contains("is after --to"));
    }

    @Test
    void anUnknownOptionIsOneLineNotTheWholeHelp() {
        String line = usageError("info", CSV, "--no-such-option");
        assertTrue(line.contains("--no-such-option") && line.contains("see 'lockscope info --help'"), line);
    }

    @Test
    void theOutputFileIsCheckedBeforeAnyWork(@TempDir Path dir) throws Exception {
        // the input does not exist: exit 2, not 1, shows -o was checked first
        assertTrue(usageError("analyze", "no-such-file.pml", "-o", "/nonexistent/dir/r.html")
                .contains("the folder /nonexistent/dir does not exist"));
        assertTrue(usageError("analyze", "no-such-file.pml", "-o", dir.toString()).contains("is a folder"));
        assertTrue(usageError("analyze", "no-such-file.pml", "-o", "/proc/r.html").contains("cannot be written"));
        assertTrue(usageError("convert", "no-such-file.pml", "--to", "csv", "-o", dir.toString()).contains("is a folder"));
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertTrue(usageError("batch", "no-such-case", "-o", file.resolve("out").toString()).contains("is a file, not a folder"));
        assertTrue(usageError("generate", "lock-holder", "-o", file.toString()).contains("it is a file, not a folder"));
        assertEquals("x", Files.readString(file), "checking leaves what is there alone");
        assertFalse(Files.exists(dir.resolve("r.html")));
    }

    @Test
    void anOutputFolderNothingCanBeCreatedInIsAUsageError(@TempDir Path dir) throws Exception {
        // /proc: access(2) calls it writable for root, yet no file or folder can be made in it
        for (String[] command : new String[][] {{"kit"}, {"generate", "lock-holder"}, {"batch", "no-such-case"}}) {
            String[] args = new String[command.length + 2];
            System.arraycopy(command, 0, args, 0, command.length);
            args[command.length] = "-o";
            args[command.length + 1] = "/proc/lockscope-out";
            String line = usageError(args);
            assertTrue(line.contains("-o /proc/lockscope-out cannot be created: nothing can be written in /proc"), line);
        }
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertTrue(usageError("kit", "-o", file.toString()).contains("it is a file, not a folder"));
        assertTrue(usageError("kit", "-o", file.resolve("kit").toString()).contains(file + " is a file, not a folder"));
    }

    @Test
    void checkingAnOutputFolderLeavesNothingInIt(@TempDir Path dir) throws Exception {
        CommandLine.Model.CommandSpec spec = new CommandLine(new KitCommand()).getCommandSpec();
        OutputChecks.folder(spec, dir);
        OutputChecks.folder(spec, dir.resolve("new/kit"));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "the probe file is deleted again, no folder is made");
        }
    }

    @Test
    void optionsTheTargetFormatIgnoresAreRefused() {
        assertTrue(usageError("convert", CSV, "--to", "csv", "--stacks").contains("--stacks does not apply to --to csv"));
        assertTrue(usageError("convert", CSV, "--to", "jsonl", "--locale", "de-DE")
                .contains("--locale does not apply to --to jsonl"));
        assertTrue(usageError("convert", CSV, "--to", "jsonl", "--columns", "all").contains("--columns"));
    }

    @Test
    void convertGivenAFolderIsAUsageError(@TempDir Path dir) {
        assertTrue(usageError("convert", dir.toString(), "--to", "csv").contains(dir + " is a folder: name a file in it"));
    }

    @Test
    void aNegativeEventCountDoesNotListTheScenarios(@TempDir Path dir) {
        String line = usageError("generate", "lock-holder", "-o", dir.toString(), "--events", "-5");
        assertTrue(line.contains("--events must be at least 1, not -5"), line);
        assertFalse(line.contains("scenarios:"), line);
        assertTrue(usageError("generate", "no-such-scenario", "-o", dir.toString()).contains("(known: lock-holder, decoy"));
    }
}
