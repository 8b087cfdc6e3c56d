package io.lockscope.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.Scenario;
import io.lockscope.ingest.Fuzzing;
import io.lockscope.ingest.ReadContract;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole pipeline under fuzzing: a real case folder (CBS.log, setupapi.dev.log, fltmc, FilterList.log)
 * whose procmon boot log is the fuzzer's input, through {@code analyze}. It must end with a report (exit 0),
 * a report of what could be read with a stderr line per loss (exit 1), or one error line (exit 1); never an
 * internal error. Damage to every file of a case is covered by
 * {@link MutatedCasesBatchTest}.
 */
@Timeout(Fuzzing.SECONDS_PER_INPUT)
class AnalyzeFuzzTest {
    private static final Path FOLDER = servicingLogsOnly();

    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void analyze(byte[] bootLog) throws IOException {
        Files.write(FOLDER.resolve("boot_log.csv"), bootLog);
        CliRunner run = CliRunner.run("analyze", FOLDER.toString());
        if (run.exitCode() == Main.OK) {
            assertFalse(run.out().isBlank(), "a report");
            return;
        }
        assertEquals(Main.BAD_INPUT, run.exitCode(), run.err());
        List<String> lines = run.err().strip().lines().toList();
        if (run.out().isBlank()) {
            assertEquals(1, lines.size(), "one error line: " + run.err());
        }
        // with a report of what could be read: a line per thing lost (a cut, damaged records, …)
        for (String line : lines) {
            assertTrue(line.startsWith("lockscope: "), line);
            ReadContract.assertNoClassName(line, bootLog);
        }
    }

    /** The generated case without its procmon exports: the fuzzer supplies the boot log. */
    private static Path servicingLogsOnly() {
        try {
            Path dir = Files.createTempDirectory("lockscope-fuzz-case");
            dir.toFile().deleteOnExit();
            CaseGenerator.generate(Scenario.LOCK_HOLDER, dir, Fuzzing.SEED_CASE);
            for (String export : new String[] {"boot_log.csv", "boot_log.xml", "boot_log.pml"}) {
                Files.deleteIfExists(dir.resolve(export));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
