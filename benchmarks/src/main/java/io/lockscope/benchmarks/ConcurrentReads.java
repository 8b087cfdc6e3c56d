package io.lockscope.benchmarks;

import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How much more a machine reads when K reads of one input run at once, each on one thread of its own,
 * than when one runs alone: the ceiling for {@code batch --jobs K} and for any reader that splits one
 * file over K threads. Rounds alternate between one read and K reads at once (so drift hits both), and
 * each prints its wall time; the ratio K × one read's time / K reads' time is the gain. Usage:
 * {@code ConcurrentReads FILE K ROUNDS}, with a heap for K models (e.g. {@code -Xms10g -Xmx10g}).
 */
public final class ConcurrentReads {
    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        int k = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        ReadOptions oneThread = ReadOptions.DEFAULT.withThreads(1);
        for (int round = 0; round < rounds; round++) {
            int readers = round % 2 == 0 ? 1 : k;
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < readers; i++) {
                Thread t = new Thread(() -> {
                    try {
                        Formats.readTrace(in, in.toString(), oneThread);
                    } catch (Exception e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            if (!failures.isEmpty()) {
                throw new IllegalStateException("a read failed", failures.get(0));
            }
            System.out.printf("round %d: %d read%s at once: %.3f s%n", round, readers, readers == 1 ? "" : "s",
                    (System.nanoTime() - t0) / 1e9);
        }
    }
}
