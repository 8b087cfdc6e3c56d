package io.lockscope.ingest.etw;

import io.lockscope.generate.etw.EtlCaseGenerator;
import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.InputFormat;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.ReadProgress;
import io.lockscope.ingest.SameTrace;
import io.lockscope.ingest.WriteBehind;
import io.lockscope.ingest.etw.etl.EtlReader;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writing the model on a second thread ({@link WriteBehind}) must give the model that writing on the
 * reading thread gives, event by event, for whole, cut and damaged traces, and a failure of the writer
 * thread must reach the reading thread instead of being lost or hanging it.
 */
class WriteBehindTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(120)
    void theWriterThreadWritesTheModelTheReadingThreadWould() throws Exception {
        for (EtlCaseGenerator.Scenario scenario : EtlCaseGenerator.Scenario.values()) {
            for (boolean compressed : new boolean[] {false, true}) {
                Path whole = tmp.resolve(scenario + (compressed ? "-xpress" : "") + ".etl");
                EtlCaseGenerator.write(whole, scenario, 1_500_000, compressed, 3);
                byte[] bytes = Files.readAllBytes(whole);
                Path cut = Files.write(tmp.resolve("cut-" + whole.getFileName()), Arrays.copyOf(bytes, bytes.length / 2 + 77));
                byte[] damaged = bytes.clone();
                for (int k = 1; k <= 30; k++) {
                    damaged[(int) ((long) bytes.length * k / 31)] ^= 0x5A;
                }
                Path broken = Files.write(tmp.resolve("damaged-" + whole.getFileName()), damaged);
                for (Path file : List.of(whole, cut, broken)) {
                    List<String> inline = rows(new EtlTraceReader().read(file, "t.etl", ReadOptions.DEFAULT.withThreads(1)));
                    Trace threadedTrace = new EtlTraceReader().read(file, "t.etl", ReadOptions.DEFAULT.withThreads(2));
                    List<String> threaded = rows(threadedTrace);
                    if (file == whole) {
                        // a whole trace's first pass scans its buffers on both threads, decompressing them if compressed
                        assertEquals("2 threads, buffers in file order",
                                threadedTrace.report().decoders().get("ETL first pass"), file.toString());
                        if (compressed) { // three threads: a helper decompresses ahead of the merge as well
                            assertEquals(inline, rows(new EtlTraceReader().read(file, "t.etl",
                                    ReadOptions.DEFAULT.withThreads(3))), file.toString());
                        }
                    }
                    assertTrue(inline.size() > DecodedBatch.CAPACITY, file + ": several batches");
                    for (int i = 0; i < Math.min(inline.size(), threaded.size()); i++) {
                        assertEquals(inline.get(i), threaded.get(i), file.getFileName() + ", row " + i);
                    }
                    assertEquals(inline.size(), threaded.size(), file.getFileName().toString());
                }
            }
        }
    }

    @Test
    @Timeout(60)
    void aFailureOfTheWriterThreadIsThrownOnTheReadingThread() throws IOException, BadInputException {
        Path file = tmp.resolve("lock-holder.etl");
        EtlCaseGenerator.write(file, EtlCaseGenerator.Scenario.LOCK_HOLDER, 1_000_000, false, 3);
        TraceBuilder builder = new TraceBuilder("t.etl", InputFormat.ETL.id());
        builder.build(); // adding an event to a built trace throws
        try (EtlReader reader = EtlReader.open(file, "t.etl", builder.report())) {
            EtlModelWriter writer = new EtlModelWriter("t.etl", builder, reader.header(), new EtlPrepass());
            try (WriteBehind<DecodedBatch> pass = new WriteBehind<>("write", () -> new DecodedBatch(new HashMap<>()),
                    writer::write, true)) {
                // thrown at the reading thread's next hand-over, or at the latest when it finishes
                IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
                    reader.read(r -> {
                        pass.filling().add(r, "t.etl");
                        pass.handOverIfFull();
                    });
                    pass.finish();
                });
                assertEquals("trace already built", thrown.getMessage());
            }
        }
    }

    /**
     * A read allowed one thread starts none beside it; one allowed two has its model writer running while
     * it reads, and one allowed three also, for a compressed trace, its decompressor; both may have threads
     * scanning the buffers in the first pass (looked for from the progress calls, which come from the
     * reading thread during the passes).
     */
    @Test
    @Timeout(60)
    void helperThreadsRunOnlyWhenTheOptionsAllowThem() throws Exception {
        Path file = tmp.resolve("lock-holder-xpress.etl");
        EtlCaseGenerator.write(file, EtlCaseGenerator.Scenario.LOCK_HOLDER, 2_000_000, true, 3);
        assertEquals(Set.of(), helpersSeenWhileReading(file, 1));
        // the scanning threads may be done before the reading thread next tells its progress
        Set<String> two = helpersSeenWhileReading(file, 2);
        assertTrue(two.contains("lockscope-etl-write"), two.toString());
        assertTrue(Set.of("lockscope-etl-scan", "lockscope-etl-write").containsAll(two), two.toString());
        Set<String> three = helpersSeenWhileReading(file, 3);
        assertTrue(three.containsAll(Set.of("lockscope-etl-write", "lockscope-etl-decompress")), three.toString());
        assertTrue(Set.of("lockscope-etl-scan", "lockscope-etl-write", "lockscope-etl-decompress").containsAll(three),
                three.toString());
    }

    private static Set<String> helpersSeenWhileReading(Path file, int threads) throws Exception {
        Set<String> seen = new HashSet<>();
        ReadProgress progress = new ReadProgress() {
            @Override
            public void begin(String input, long bytes) {
            }

            @Override
            public void at(long position) {
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    if (t.getName().startsWith("lockscope-etl-") && t.getName().endsWith(" t.etl")) {
                        seen.add(t.getName().substring(0, t.getName().indexOf(' ')));
                    }
                }
            }

            @Override
            public void end() {
            }
        };
        new EtlTraceReader().read(file, "t.etl", ReadOptions.DEFAULT.withProgress(progress).withThreads(threads));
        return seen;
    }

    /** Every column of every event, the stacks' frames and what the read report counted, as text. */
    private static List<String> rows(Trace t) {
        List<String> rows = new ArrayList<>(SameTrace.rows(t));
        for (int k = 0; k < t.processes().size(); k++) {
            rows.add("process " + k + " " + t.processes().get(k));
        }
        rows.add("skipped " + t.report().skippedByReason() + " warnings " + t.report().warnings()
                + " truncation " + t.report().truncation());
        return rows;
    }
}
