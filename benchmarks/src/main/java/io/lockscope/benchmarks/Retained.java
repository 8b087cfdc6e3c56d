package io.lockscope.benchmarks;

import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.model.Trace;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;

/**
 * The memory a read model keeps: reads each input given, runs a full GC while holding the model and
 * prints the live heap it added per event, with the distinct strings counted apart (the goal is stated
 * without them: their size depends on the case, not on its length). Run it with a heap big enough to
 * read the input, e.g. {@code java -Xmx4g -cp benchmarks.jar io.lockscope.benchmarks.Retained FILE…}.
 */
public final class Retained {
    private Retained() {
    }

    public static void main(String[] args) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (String arg : args) {
            Path file = Path.of(arg);
            long before = liveHeap(memory);
            Trace trace = Formats.readTrace(file, file.toString(), ReadOptions.DEFAULT);
            long after = liveHeap(memory);
            long strings = trace.strings().retainedBytes();
            double perEvent = (after - before - strings) / (double) trace.size();
            System.out.printf("%s: %,d events; live heap +%,.1f MB after a full GC: %.1f bytes/event "
                            + "(distinct strings apart: %,d, %,.1f MB); event columns %.1f bytes/event%n",
                    file, trace.size(), (after - before) / 1e6, perEvent, trace.strings().size(), strings / 1e6,
                    trace.events().retainedBytes() / (double) trace.size());
        }
    }

    private static long liveHeap(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
