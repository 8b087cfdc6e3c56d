package io.lockscope.ingest.servicing;

import io.lockscope.generate.servicing.CbsLogWriter;
import io.lockscope.generate.servicing.ServicingScenario;
import io.lockscope.model.servicing.HResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * How fast a large CBS.log is read. Off by default (it writes ~200 MB); run with
 * {@code mvn -q -B -o test -Dtest=ServicingReadThroughputTest -Dlockscope.perf=true}.
 */
class ServicingReadThroughputTest {
    @TempDir
    Path dir;

    @Test
    void largeCbsLog() throws Exception {
        assumeTrue(Boolean.getBoolean("lockscope.perf"), "throughput measurement off (set -Dlockscope.perf=true)");
        StringWriter one = new StringWriter();
        CbsLogWriter.write(ServicingScenario.lcu17763(null, 0, List.of()), one);
        String onlineBlock = one.toString();
        Path file = dir.resolve("CBS.log");
        long target = 200L * 1024 * 1024;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (long written = 0; written < target; written += onlineBlock.length()) {
                w.write(onlineBlock);
            }
            StringWriter failing = new StringWriter();
            CbsLogWriter.write(ServicingScenario.lcu17763("oposdrv.inf", HResults.ERROR_BADDB, List.of()), failing);
            w.write(failing.toString());
        }
        long bytes = Files.size(file);
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            ServicingLog log = ServicingLogReaders.read(file, "CBS.log");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals("oposdrv.inf", log.facts().failingInf());
            System.err.printf("CBS.log %d MB, %d lines: %.2f s, %.0f MB/s (run %d)%n", bytes >> 20, log.lines(), seconds,
                    bytes / 1048576.0 / seconds, run + 1);
        }
    }
}
