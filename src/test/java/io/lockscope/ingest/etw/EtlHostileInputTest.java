package io.lockscope.ingest.etw;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.InputFormat;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.etw.etl.EtlReader;
import io.lockscope.ingest.etw.kernel.KernelEvent;
import io.lockscope.ingest.etw.kernel.KernelGroups;
import io.lockscope.ingest.etw.testing.LockScenario;
import io.lockscope.ingest.etw.testing.SyntheticEtl;
import io.lockscope.model.ReadReport;
import io.lockscope.model.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutated ETLs ({@link LockScenario} with random bytes overwritten or cut, compressed and not) must read to
 * a trace or fail with a {@link BadInputException}: no other exception, no hang. Hand-made hostile ETLs
 * must not make the work per record grow with the records before it.
 */
class EtlHostileInputTest {
    private static final int STACK_WALK_STACK = 32;
    private static final int IMAGE_LOAD = 10;
    private static final long KERNEL_FRAME = 0xFFFFF80050001000L;
    private static final long USER_FRAME = 0x00007FF600001000L;

    @TempDir
    Path tmp;

    /**
     * 200,000 StackWalk Stack records naming events of 200,000 threads at one raw timestamp. The references
     * of one timestamp used to be a chain searched from its newest end, so collecting and then taking them
     * walked about 4 × 10^10 links; found by time and thread at once, they take a second.
     */
    @Test
    @Timeout(60)
    void stacksOfManyThreadsAtOneTimestampAreMatchedWithoutWalkingEachOther() throws Exception {
        int threads = 200_000;
        long eventTime = SyntheticEtl.HEADER_RAW + 5;
        SyntheticEtl etl = new SyntheticEtl(1);
        for (int tid = 1; tid <= threads; tid++) {
            etl.perfinfo(0, KernelGroups.STACK_WALK, STACK_WALK_STACK, 2, eventTime + 1,
                    etl.payload().u64(eventTime).u32(4).u32(tid).ptr(KERNEL_FRAME + tid).ptr(USER_FRAME));
        }
        StackCollector stacks = new StackCollector();
        try (EtlReader reader = EtlReader.open(etl.write(tmp.resolve("stacks.etl")), "stacks.etl", new ReadReport())) {
            reader.read(stacks::visit);
        }
        for (int tid = 1; tid <= threads; tid++) {
            assertArrayEquals(new long[] {KERNEL_FRAME + tid, USER_FRAME}, stacks.take(eventTime, tid), "thread " + tid);
        }
        assertNull(stacks.take(eventTime, 1), "each stack is handed out once");
        assertNull(stacks.take(eventTime, threads + 1), "no stack names this thread");
    }

    /**
     * 300,000 Image Load events into one process, then a stack frame in each image: each new base used to be
     * compared with every module before it, and each frame searched through all of them (4.5 × 10^10
     * comparisons each way). A base loaded again is still kept once, and a frame past its image's end names none.
     */
    @Test
    @Timeout(30)
    void imagesLoadedIntoOneProcessAreFoundByBaseNotByScanningThemAll() {
        ProcessTracker processes = new ProcessTracker(ReadOptions.DEFAULT.newTraceBuilder("images.etl", InputFormat.ETL));
        int pid = 1880;
        int images = 300_000;
        long firstBase = 0x00007FF700000000L;
        long step = 0x10000L;
        for (int i = 0; i < images; i++) {
            long base = firstBase + i * step;
            processes.onImage(new KernelEvent.Image(IMAGE_LOAD, base, step / 2, pid, 0, 0, base, "m" + i + ".dll"),
                    "C:\\Program Files\\Vendor\\m" + i + ".dll", i);
        }
        processes.onImage(new KernelEvent.Image(IMAGE_LOAD, firstBase, step, pid, 0, 0, firstBase, "other.dll"),
                "C:\\Program Files\\Vendor\\other.dll", images);
        int key = processes.keyFor(pid);
        for (int i = 0; i < images; i++) {
            long base = firstBase + i * step;
            assertEquals(base, processes.moduleAt(key, base + 5).base(), "image " + i);
            assertNull(processes.moduleAt(key, base + step / 2 + 5), "past the end of image " + i);
        }
        assertEquals("C:\\Program Files\\Vendor\\m0.dll", processes.moduleAt(key, firstBase + 5).path(),
                "the first image at a base stays");
    }

    @Test
    void randomlyDamagedTracesNeverCrashTheReader() throws Exception {
        byte[][] originals = {LockScenario.etl().bytes(), LockScenario.etl().compressed().bytes()};
        Random random = new Random(20240102);
        int read = 0;
        int rejected = 0;
        for (int round = 0; round < 300; round++) {
            byte[] damaged = originals[round % 2].clone();
            int hits = 1 + random.nextInt(8);
            for (int h = 0; h < hits; h++) {
                int at = random.nextInt(damaged.length);
                damaged[at] = (byte) random.nextInt(256);
            }
            if (round % 3 == 0) {
                damaged = java.util.Arrays.copyOf(damaged, random.nextInt(damaged.length));
            }
            Path file = Files.write(tmp.resolve("damaged.etl"), damaged);
            try {
                Trace t = new EtlTraceReader().read(file, "damaged.etl", ReadOptions.DEFAULT);
                assertTrue(t.size() >= 0);
                read++;
            } catch (BadInputException expected) {
                assertTrue(expected.getMessage().startsWith("damaged.etl: "), expected.getMessage());
                rejected++;
            }
        }
        assertTrue(read > 100, "most damage is local and counted: read " + read + ", rejected " + rejected);
    }
}
