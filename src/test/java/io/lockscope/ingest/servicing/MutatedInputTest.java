package io.lockscope.ingest.servicing;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.Formats;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Damaged copies of every fixture (bytes replaced by digits, separators and noise, lines cut) either
 * read or fail with a {@link BadInputException}: never another exception.
 */
class MutatedInputTest {
    private static final byte[] ALPHABET = "0123456789:/.-| \r\n\t!x\u00ff".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"cbs-17763-doq-rollback.log", "cbs-shtd-noncritical.log",
            "setupapi-install-driver-updates-failure.log", "fltmc-filters.txt", "fltmc-instances.txt",
            "FilterList.log", "sc-query-qc.txt", "dism-list.txt", "dism-table.txt", "pnputil-enum-drivers.txt"})
    void damagedCopiesNeverThrowAnythingElse(String fixture) throws Exception {
        byte[] original = Files.readAllBytes(Fixtures.path(fixture));
        Random random = new Random(fixture.hashCode());
        Path file = dir.resolve("mutated");
        int read = 0;
        for (int round = 0; round < 60; round++) {
            byte[] copy = original.clone();
            int edits = 1 + random.nextInt(12);
            for (int e = 0; e < edits; e++) {
                copy[random.nextInt(copy.length)] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            int length = random.nextInt(4) == 0 ? random.nextInt(copy.length) + 1 : copy.length;
            Files.write(file, java.util.Arrays.copyOf(copy, length));
            try {
                Formats.readServicingLog(file, "mutated-" + round);
                read++;
            } catch (BadInputException expected) {
                assertTrue(expected.getMessage().startsWith("mutated-" + round + ": "), expected.getMessage());
            }
        }
        assertTrue(read > 0, "most damaged copies still read");
    }
}
