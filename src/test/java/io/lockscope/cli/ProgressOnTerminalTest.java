package io.lockscope.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The progress bar is drawn when stderr is a terminal and only then: the CLI runs in a child JVM under
 * util-linux {@code script}, which gives it a pseudo-terminal.
 */
class ProgressOnTerminalTest {
    private static final String CASE = "traces/lock-holder";

    @TempDir
    Path dir;

    @BeforeAll
    static void needsScript() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")),
                "util-linux 'script' (/usr/bin/script) is needed to give the CLI a pseudo-terminal");
    }

    /** What the terminal showed while {@code shellCommand} ran on it. */
    private static String onTerminal(String shellCommand) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/script", "-qec", shellCommand, "/dev/null")
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String screen = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the CLI ends");
        assertEquals(0, p.exitValue(), screen);
        return screen;
    }

    private static String lockscope(String args) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return String.join(" ", List.of("'" + java + "'", "-cp", "'" + System.getProperty("java.class.path") + "'",
                Main.class.getName(), args));
    }

    @Test
    void aBarPerFileOnTheTerminalNeverInTheReport() throws Exception {
        Path report = dir.resolve("report.txt");
        String screen = onTerminal(lockscope("info " + CASE + " > '" + report + "'"));
        assertTrue(screen.contains("boot_log.csv") && screen.contains("100%") && screen.contains(" KiB"), screen);
        String written = Files.readString(report);
        assertTrue(written.contains("events"), written);
        assertFalse(written.contains("100%"), "stdout has the report only: " + written);
    }

    @Test
    void noBarWhenStderrIsPipedOrQuiet() throws Exception {
        Path err = dir.resolve("err.txt");
        String screen = onTerminal(lockscope("info " + CASE + " 2> '" + err + "'"));
        assertTrue(screen.contains("events"), "the report is on the terminal: " + screen);
        assertFalse(screen.contains("100%") || Files.readString(err).contains("100%"), screen);
        String quiet = onTerminal(lockscope("analyze --quiet " + CASE + " > /dev/null"));
        assertFalse(quiet.contains("%"), quiet);
    }
}
