package io.lockscope.ingest.procmon.pml;

import io.lockscope.export.pml.PmlWriter;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.model.Module;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.Trace;
import io.lockscope.model.detail.CreateFileDetail;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.IoDetail;
import io.lockscope.model.detail.RegValueDetail;
import io.lockscope.model.vocab.NtStatus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Measures PML → model throughput on a generated 64-bit boot-log-like PML with stacks. Off by
 * default; run with {@code mvn -q -B -o test -Dtest=PmlReadThroughputTest -Dlockscope.pml.events=5000000}.
 * A rough figure for the README until the JMH benchmark exists (one cold and three warm reads).
 */
class PmlReadThroughputTest {
    private static final long T0 = 132_400_000_000_000_000L;

    @TempDir
    Path temp;

    @Test
    void readThroughput() throws Exception {
        int events = Integer.getInteger("lockscope.pml.events", 0);
        Assumptions.assumeTrue(events > 0, "set -Dlockscope.pml.events=N to measure");
        Path file = temp.resolve("boot.pml");
        long w0 = System.nanoTime();
        generate(file, events);
        long w1 = System.nanoTime();
        System.out.printf("wrote %,d events, %,d bytes in %.2f s (%.2f M events/s)%n", events, Files.size(file),
                (w1 - w0) / 1e9, events / ((w1 - w0) / 1e3));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int run = 0; run < 4; run++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long r0 = System.nanoTime();
            Trace t = new PmlReader().read(file, "boot.pml", ReadOptions.DEFAULT);
            long r1 = System.nanoTime();
            long c1 = threads.getCurrentThreadCpuTime();
            assertEquals(events, t.size());
            // CPU time as well as wall time: on a shared machine the wall clock measures the neighbours
            System.out.printf("read %d: wall %.2f s (%.2f M events/s), cpu %.2f s (%.2f M events/s), %,d stacks,"
                    + " %,d strings%n", run, (r1 - r0) / 1e9, events / ((r1 - r0) / 1e3), (c1 - c0) / 1e9,
                    events / ((c1 - c0) / 1e3), t.stacks().size(), t.strings().size());
        }
    }

    /** 60 processes, 3,000 distinct 8–40-frame stacks (half kernel, half user), 50,000 paths. */
    private static void generate(Path file, int events) throws Exception {
        Random r = new Random(1);
        List<Module> kernel = new ArrayList<>();
        for (int k = 0; k < 150; k++) {
            kernel.add(new Module(0xFFFFF80000000000L + k * 0x100000L, 0x80000, "C:\\Windows\\system32\\drivers\\d" + k
                    + ".sys", "", "", "", 0));
        }
        List<Module> user = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            user.add(new Module(0x7FF600000000L + k * 0x1000000L, 0x200000, "C:\\Windows\\System32\\u" + k + ".dll",
                    "", "", "", 0));
        }
        long[][] stacks = new long[3000][];
        for (int s = 0; s < stacks.length; s++) {
            stacks[s] = new long[8 + r.nextInt(33)];
            for (int k = 0; k < stacks[s].length; k++) {
                Module m = (k < stacks[s].length / 2 ? kernel : user).get(r.nextInt(k < stacks[s].length / 2 ? 150 : 40));
                stacks[s][k] = m.base() + r.nextInt(0x80000);
            }
        }
        String[] paths = new String[50_000];
        for (int k = 0; k < paths.length; k++) {
            paths[k] = "C:\\Windows\\WinSxS\\amd64_component_" + (k / 40) + "\\file" + k + ".dll";
        }
        try (PmlWriter w = PmlWriter.open(file, PmlWriter.Machine.DEFAULT)) {
            w.addProcess(new ProcessInfo(4, 0, "System", "", "", "", "", "", "", "", 0, "System", true, false, T0,
                    ProcessInfo.UNKNOWN_TIME, kernel));
            for (int p = 1; p < 60; p++) {
                w.addProcess(new ProcessInfo(1000 + p, 4, "p" + p + ".exe", "C:\\p" + p + ".exe", "", "", "", "", "",
                        "", 0, "System", true, false, T0 + p, ProcessInfo.UNKNOWN_TIME, user));
            }
            Detail create = new CreateFileDetail(0x120089, 1, 0x60, 0, 7, -1, 1, null);
            Detail read = new IoDetail(4096, 4096, 0x43, 3);
            Detail value = new RegValueDetail(-1, null, 4, 4, "1");
            for (int i = 0; i < events; i++) {
                int kind = i % 4;
                int s = r.nextInt(stacks.length);
                long[] stack = stacks[s];
                Operation op = kind == 0 ? Operation.CREATE_FILE : kind == 1 ? Operation.READ_FILE
                        : kind == 2 ? Operation.CLOSE_FILE : Operation.REG_QUERY_VALUE;
                Detail d = kind == 0 ? create : kind == 1 ? read : kind == 2 ? Detail.None.INSTANCE : value;
                String path = kind == 3 ? "HKLM\\System\\CurrentControlSet\\Services\\s" + (i % 500) + "\\Start"
                        : paths[r.nextInt(paths.length)];
                // each stack belongs to one process, as user-mode stacks do
                w.event(T0 + 100 + i * 10L, 50, 1 + s % 59, 4000 + r.nextInt(200), op, null, NtStatus.SUCCESS,
                        path, d, stack, stack.length);
            }
        }
    }
}
