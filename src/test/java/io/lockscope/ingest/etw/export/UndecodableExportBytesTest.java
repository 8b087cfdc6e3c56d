package io.lockscope.ingest.etw.export;

import io.lockscope.ingest.ReadOptions;
import io.lockscope.model.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A byte that is not text in a tracerpt or xperf export used to end the read at its line ("bytes that
 * are not valid text in the file's encoding"); it is now U+FFFD, counted per file in the report.
 */
class UndecodableExportBytesTest {
    private static final Path FIXTURES = Path.of("src", "test", "resources", "etw", "export");

    @Test
    void tracerptCsvKeepsEveryRowAroundAnUndecodableByte(@TempDir Path dir) throws Exception {
        assertOneReplacementKeepsAllEvents(new TracerptCsvReader(), "lock-scenario.tracerpt.csv", "ntrtscan.exe -x", dir);
    }

    @Test
    void xperfDumperKeepsEveryRowAroundAnUndecodableByte(@TempDir Path dir) throws Exception {
        assertOneReplacementKeepsAllEvents(new XperfDumperReader(), "lock-scenario.xperf-dumper.txt", "ntrtscan.exe", dir);
    }

    private static void assertOneReplacementKeepsAllEvents(ExportReader reader, String fixture, String text, Path dir)
            throws Exception {
        Path clean = FIXTURES.resolve(fixture);
        Trace original = reader.read(clean, fixture, ReadOptions.DEFAULT);
        byte[] bytes = Files.readAllBytes(clean);
        int at = indexOf(bytes, text) + 1;
        bytes[at] = (byte) 0xC0; // a two-byte lead that can never start valid UTF-8
        Trace t = reader.read(Files.write(dir.resolve(fixture), bytes), fixture, ReadOptions.DEFAULT);
        assertEquals(original.size(), t.size());
        assertTrue(t.report().warnings().contains(fixture
                        + ": 1 byte sequence is not valid UTF-8 text, shown as U+FFFD (the first at byte " + at + ")"),
                t.report().warnings().toString());
    }

    private static int indexOf(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found: " + needle);
    }
}
