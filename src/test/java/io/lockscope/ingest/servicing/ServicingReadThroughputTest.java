package io.lockscope.ingest.servicing;

import io.lockscope.generate.servicing.CbsLogWriter;
import io.lockscope.generate.servicing.ServicingScenario;
import io.lockscope.ingest.Formats;
import io.lockscope.model.servicing.HResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * How fast a large CBS.log is read, and what a 1 GB line costs. Off by default (they write 200 MB and
 * 1 GB); run with {@code mvn -q -B -o test -Dtest=ServicingReadThroughputTest -Dlockscope.perf=true}.
 */
class ServicingReadThroughputTest {
    @TempDir
    Path dir;

    /** A 1 GB line is read in bounded memory: the heap's peak growth is printed and must stay small. */
    @Test
    void oneGigabyteLine() throws Exception {
        assumeTrue(Boolean.getBoolean("lockscope.perf"), "throughput measurement off (set -Dlockscope.perf=true)");
        Path file = dir.resolve("CBS.log");
        long lineChars = 1L << 30;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            w.write("2022-08-10 02:14:25, Info                  CBS    Startup: ");
            char[] chunk = new char[1 << 16];
            java.util.Arrays.fill(chunk, 'x');
            for (long written = 0; written < lineChars; written += chunk.length) {
                w.write(chunk);
            }
            w.write("\r\n2022-08-10 02:14:41, Info                  CBS    INSTALL index: 196, phase: 2, result 1009, "
                    + "inf: oposdrv.inf\r\n");
        }
        System.gc();
        long before = usedHeap();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        ServicingLog log = Formats.readServicingLog(file, "CBS.log");
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        assertEquals("oposdrv.inf", log.facts().failingInf());
        assertEquals(1, log.report().skippedTotal());
        System.err.printf("1 GB line: %.2f s, heap peak %d MB (%d MB before)%n", seconds, peak >> 20, before >> 20);
        assertTrue(peak - before < 256L << 20, "heap grew by " + ((peak - before) >> 20) + " MB");
    }

    private static long usedHeap() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                used += pool.getUsage().getUsed();
            }
        }
        return used;
    }

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
            ServicingLog log = Formats.readServicingLog(file, "CBS.log");
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals("oposdrv.inf", log.facts().failingInf());
            System.err.printf("CBS.log %d MB, %d lines: %.2f s, %.0f MB/s (run %d)%n", bytes >> 20, log.lines(), seconds,
                    bytes / 1048576.0 / seconds, run + 1);
        }
    }
}
