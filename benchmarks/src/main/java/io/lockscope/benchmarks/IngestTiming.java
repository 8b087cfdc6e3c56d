package io.lockscope.benchmarks;

import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.model.Trace;
import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads one input N times into the model, printing per read the wall time, the CPU time of the reading
 * thread (and the part of it spent in the kernel, such as page faults on a mapped file or on heap not
 * touched before) and of the whole process (GC and helper threads included), then the best and the median of
 * the reads after the first third (warm-up: a CSV reader's code is still being compiled in its third
 * read). On a shared machine the reading thread's CPU time says more than wall time, and the best and
 * the median more than a mean. Usage: {@code IngestTiming FILE N}; {@code benchmarks/ingest-compare.sh}
 * runs it for two builds.
 */
public final class IngestTiming {
    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        int warmUp = Math.max(1, n / 3);
        double mb = Files.size(in) / 1e6;
        double[] wall = new double[n - warmUp];
        double[] main = new double[n - warmUp];
        double[] mainSystem = new double[n - warmUp];
        double[] process = new double[n - warmUp];
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < n; i++) {
            long c0 = os.getProcessCpuTime();
            long m0 = threads.getCurrentThreadCpuTime();
            long u0 = threads.getCurrentThreadUserTime();
            long t0 = System.nanoTime();
            Trace t = Formats.readTrace(in, in.toString(), ReadOptions.DEFAULT);
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - c0) / 1e9;
            double thread = (threads.getCurrentThreadCpuTime() - m0) / 1e9;
            double system = thread - (threads.getCurrentThreadUserTime() - u0) / 1e9;
            System.out.printf("run %d: wall %.3f s (%.0f MB/s), main-thread CPU %.3f s (%.0f MB/s; system %.3f s), process CPU %.3f s, %d events%n",
                    i, s, mb / s, thread, mb / thread, system, cpu, t.size());
            if (i >= warmUp) {
                wall[i - warmUp] = s;
                main[i - warmUp] = thread;
                mainSystem[i - warmUp] = system;
                process[i - warmUp] = cpu;
            }
        }
        System.out.printf("runs %d..%d, best / median: wall %s s (%.0f MB/s at the median), main-thread CPU %s s"
                        + " (system %s s), process CPU %s s%n",
                warmUp, n - 1, bestAndMedian(wall), mb / median(wall), bestAndMedian(main), bestAndMedian(mainSystem),
                bestAndMedian(process));
    }

    private static String bestAndMedian(double[] values) {
        return String.format("%.3f / %.3f", Arrays.stream(values).min().orElseThrow(), median(values));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
