package io.lockscope.benchmarks;

import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.model.Trace;
import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads one trace N times into the model, printing per read the wall time, the CPU time of the reading
 * thread and of the whole process (GC and helper threads included), and the best of the reads after
 * the first (warm-up). On a shared machine the best read and the CPU times say more than a mean.
 * Usage: {@code EtlIngestTiming FILE N}; {@code benchmarks/etl-ingest-compare.sh} runs it for two builds.
 */
public final class EtlIngestTiming {
    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        double mb = Files.size(in) / 1e6;
        double bestWall = Double.MAX_VALUE;
        double bestMain = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            ThreadMXBean th = ManagementFactory.getThreadMXBean();
            long c0 = os.getProcessCpuTime();
            long m0 = th.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            Trace t = Formats.readTrace(in, in.toString(), ReadOptions.DEFAULT);
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - c0) / 1e9;
            double main = (th.getCurrentThreadCpuTime() - m0) / 1e9;
            System.out.printf("run %d: wall %.3f s (%.0f MB/s), main-thread CPU %.3f s (%.0f MB/s), process CPU %.3f s, %d events%n",
                    i, s, mb / s, main, mb / main, cpu, t.size());
            if (i > 0) {
                bestWall = Math.min(bestWall, s);
                bestMain = Math.min(bestMain, main);
                bestCpu = Math.min(bestCpu, cpu);
            }
        }
        System.out.printf("best of runs 1..%d: wall %.3f s (%.0f MB/s), main-thread CPU %.3f s, process CPU %.3f s%n",
                n - 1, bestWall, mb / bestWall, bestMain, bestCpu);
    }
}
