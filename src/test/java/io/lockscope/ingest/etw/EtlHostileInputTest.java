package io.lockscope.ingest.etw;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.etw.testing.LockScenario;
import io.lockscope.model.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutated ETLs ({@link LockScenario} with random bytes overwritten or cut, compressed and not) must read to
 * a trace or fail with a {@link BadInputException}: no other exception, no hang.
 */
class EtlHostileInputTest {
    @TempDir
    Path tmp;

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
