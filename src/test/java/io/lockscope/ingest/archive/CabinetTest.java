package io.lockscope.ingest.archive;

import io.lockscope.ingest.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pure-Java cabinet reader, on cabinets made by gcab 1.6 (src/test/resources/archive/cab, see its
 * README) and on ones written by {@link Cabinets} for what no tool makes: bombs and damage. LZX folders
 * are tested in {@link LzxCabinetTest}.
 */
class CabinetTest {
    @TempDir
    Path dir;

    @Test
    void readsAnMszipCabinetOfGcabWhoseBlocksReachIntoThePreviousOne() throws Exception {
        Expansion e = expand(fixture("mszip.cab"));
        assertEquals(List.of("mszip.cab!/in/CBS.log", "mszip.cab!/in/FilterList.log"), names(e));
        byte[] cbs = Files.readAllBytes(e.files().get(0).path());
        assertEquals(349_890, cbs.length, "11 blocks of up to 32 KiB");
        assertTrue(new String(cbs, StandardCharsets.US_ASCII).endsWith("step 2999\r\n"));
        assertEquals("WdFilter 328010\r\noposflt 370010\r\n", Files.readString(e.files().get(1).path()));
        assertTrue(e.refused().isEmpty() && e.errors().isEmpty());
    }

    @Test
    void readsAStoredCabinetOfGcab() throws Exception {
        Expansion e = expand(fixture("stored.cab"));
        assertEquals(List.of("stored.cab!/FilterList.log", "stored.cab!/CbsPersist.log"), names(e));
        assertEquals(70_000, Files.size(e.files().get(1).path()));
        byte[] mszipCbs = Files.readAllBytes(expand(fixture("mszip.cab")).files().get(0).path());
        assertArrayEquals(Arrays.copyOf(mszipCbs, 70_000), Files.readAllBytes(e.files().get(1).path()),
                "the stored copy is the first 70,000 bytes of the same log");
    }

    @Test
    void membersOfAQuantumFolderAreRefusedOneByOneWithTheReason() throws Exception {
        byte[] cab = Files.readAllBytes(fixture("stored.cab"));
        cab[36 + 6] = 0x02; // CFFOLDER typeCompress: Quantum
        Path quantum = Files.write(dir.resolve("CbsPersist_20261201.cab"), cab);
        Expansion e = expand(quantum);
        assertTrue(e.files().isEmpty());
        assertEquals(2, e.refused().size());
        assertTrue(e.refused().get(0).startsWith("CbsPersist_20261201.cab!/FilterList.log: Quantum-compressed"),
                e.refused().get(0));
    }

    @Test
    void aDamagedBlockIsNamedByItsChecksumAndByteOffset() throws Exception {
        byte[] cab = Files.readAllBytes(fixture("mszip.cab"));
        cab[cab.length - 40] ^= 0x55;
        Path damaged = Files.write(dir.resolve("damaged.cab"), cab);
        BadInputException.Corrupt e = assertThrows(BadInputException.Corrupt.class, () -> expand(damaged));
        assertTrue(e.getMessage().matches("damaged\\.cab: entry in\\\\CBS\\.log: broken archive: at byte \\d+: data "
                + "block checksum [0-9A-F]{8}, the block has [0-9A-F]{8}"), e.getMessage());
    }

    @Test
    void aTruncatedCabinetSaysWhatIsMissing() throws Exception {
        byte[] cab = Files.readAllBytes(fixture("mszip.cab"));
        Path cut = Files.write(dir.resolve("cut.cab"), Arrays.copyOf(cab, 60));
        BadInputException.Corrupt e = assertThrows(BadInputException.Corrupt.class, () -> expand(cut));
        assertTrue(e.getMessage().startsWith("cut.cab: at the archive header: broken archive: at byte"), e.getMessage());
    }

    @Test
    void checksumMatchesWhatGcabWrote() throws Exception {
        // the first CFDATA of mszip.cab: csum at 105, cbData/cbUncomp at 109, data at 113
        byte[] cab = Files.readAllBytes(fixture("mszip.cab"));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(cab).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int length = Short.toUnsignedInt(b.getShort(109));
        byte[] data = Arrays.copyOfRange(cab, 113, 113 + length);
        assertEquals(b.getInt(105), Cabinet.checksum(data, length, b.getInt(109)));
    }

    @Test
    void aCabinetBombIsStoppedByTheRatioLimit() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("CBS.log", new byte[40 << 20]);
        files.put("FilterList.log", "WdFilter\r\n".getBytes(StandardCharsets.US_ASCII));
        Path bomb = Cabinets.write(dir.resolve("bomb.cab"), files, true);
        assertTrue(Files.size(bomb) < 200_000, "40 MiB of zeros in " + Files.size(bomb) + " bytes");
        Expansion e = expand(bomb);
        assertEquals(List.of("bomb.cab!/FilterList.log"), names(e), "the member after the bomb is still read");
        assertTrue(e.refused().get(0).startsWith("bomb.cab!/CBS.log: expands more than 250 times"), e.refused().toString());
    }

    @Test
    void aCabinetInsideAZipIsExpandedInPlace() throws Exception {
        Map<String, byte[]> logs = new LinkedHashMap<>();
        logs.put("CbsPersist_20261130101010.log", "2026-11-30 10:10:10, Info CBS x\r\n".getBytes(StandardCharsets.US_ASCII));
        Path cab = Cabinets.write(dir.resolve("inner.cab"), logs, true);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("CBS/CbsPersist_20261130101010.cab", Files.readAllBytes(cab));
        Path zip = Archives.zip(dir.resolve("upload.zip"), entries);
        Expansion e = expand(zip);
        assertEquals(List.of("upload.zip!/CBS/CbsPersist_20261130101010.cab!/CbsPersist_20261130101010.log"), names(e));
    }

    @Test
    void storedCabinetsOfTheTestWriterReadBackExactly() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        byte[] big = new byte[100_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + i / 7);
        }
        files.put("a.bin", big);
        files.put("empty.txt", new byte[0]);
        files.put("b.txt", "b".getBytes(StandardCharsets.US_ASCII));
        Expansion e = expand(Cabinets.write(dir.resolve("t.cab"), files, false));
        assertEquals(List.of("t.cab!/a.bin", "t.cab!/empty.txt", "t.cab!/b.txt"), names(e));
        assertArrayEquals(big, Files.readAllBytes(e.files().get(0).path()));
        assertEquals(0, Files.size(e.files().get(1).path()));
    }

    private Expansion expand(Path cab) throws BadInputException, IOException {
        Path work = Files.createTempDirectory(dir, "work");
        return ArchiveExpander.expand(cab, cab.getFileName().toString(), work, ArchiveLimits.DEFAULT);
    }

    private Path fixture(String name) throws IOException {
        try (InputStream in = CabinetTest.class.getResourceAsStream("/archive/cab/" + name)) {
            Path copy = dir.resolve(name);
            Files.copy(in, copy);
            return copy;
        }
    }

    private static List<String> names(Expansion e) {
        return e.files().stream().map(Expansion.File::displayName).toList();
    }
}
