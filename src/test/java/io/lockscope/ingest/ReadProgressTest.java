package io.lockscope.ingest;

import io.lockscope.generate.CaseFormats;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.GenerateOptions;
import io.lockscope.generate.Scenario;
import io.lockscope.generate.etw.EtlCaseGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every reader tells how far it has come, so that the CLI's bar moves through each format. */
class ReadProgressTest {
    @TempDir
    Path dir;

    /** What a reader told: one begin, positions, one end. */
    private static final class Recorded implements ReadProgress {
        final List<String> begun = new ArrayList<>();
        final List<Long> sizes = new ArrayList<>();
        final List<Long> positions = new ArrayList<>();
        int ended;

        @Override
        public void begin(String input, long bytes) {
            begun.add(input);
            sizes.add(bytes);
        }

        @Override
        public void at(long position) {
            positions.add(position);
        }

        @Override
        public void end() {
            ended++;
        }

        void assertMovedThrough(String input, long bytes) {
            assertEquals(List.of(input), begun);
            assertEquals(List.of(bytes), sizes);
            assertEquals(1, ended);
            assertTrue(!positions.isEmpty(), input + ": told at least once");
            for (int i = 0; i < positions.size(); i++) {
                assertTrue(positions.get(i) >= (i == 0 ? 0 : positions.get(i - 1)) && positions.get(i) <= bytes,
                        input + ": positions go forward within the file: " + positions);
            }
        }
    }

    private Recorded read(Path file) throws Exception {
        Recorded progress = new Recorded();
        Formats.readTrace(file, file.getFileName().toString(), ReadOptions.DEFAULT.withProgress(progress));
        progress.assertMovedThrough(file.getFileName().toString(), Files.size(file));
        return progress;
    }

    @Test
    void procmonCsvXmlAndPml() throws Exception {
        CaseGenerator.generate(Scenario.LOCK_HOLDER, dir, GenerateOptions.defaults().withEvents(10_000)
                .withFormats(CaseFormats.parse("csv,xml,pml")));
        for (String name : List.of("boot_log.csv", "boot_log.xml")) {
            Recorded r = read(dir.resolve(name));
            assertTrue(r.positions.size() >= 3, name + ": told every megabyte: " + r.positions);
        }
        read(dir.resolve("boot_log.pml"));
    }

    @Test
    void etlInTwoPassesMovesOnce() throws Exception {
        Path etl = dir.resolve("boot.etl");
        EtlCaseGenerator.write(etl, EtlCaseGenerator.Scenario.LOCK_HOLDER, 2_000_000, false, 1);
        Recorded r = read(etl);
        long last = r.positions.get(r.positions.size() - 1);
        assertTrue(last > Files.size(etl) * 9 / 10, "the second pass ends near the end: " + last);
    }

    @Test
    void aSplitPmlCountsThroughAllItsParts() throws Exception {
        Path one = dir.resolve("one");
        CaseGenerator.generate(Scenario.LOCK_HOLDER, one, GenerateOptions.defaults().withEvents(20_000)
                .withFormats(CaseFormats.parse("pml")));
        Path split = Files.createDirectories(dir.resolve("split"));
        Files.copy(one.resolve("boot_log.pml"), split.resolve("Boot.pml"));
        Files.copy(one.resolve("boot_log.pml"), split.resolve("Boot-1.pml"));
        Recorded progress = new Recorded();
        CaseInputs.load(List.of(split), ReadOptions.DEFAULT.withProgress(progress));
        long part = Files.size(split.resolve("Boot.pml"));
        progress.assertMovedThrough("split/Boot.pml", 2 * part);
        assertTrue(progress.positions.get(progress.positions.size() - 1) > part, "counts on into the second part");
    }
}
