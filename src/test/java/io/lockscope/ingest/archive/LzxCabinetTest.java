package io.lockscope.ingest.archive;

import io.lockscope.ingest.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.lockscope.ingest.archive.LzxEncoder.BlockType.ALIGNED;
import static io.lockscope.ingest.archive.LzxEncoder.BlockType.UNCOMPRESSED;
import static io.lockscope.ingest.archive.LzxEncoder.BlockType.VERBATIM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LZX folders: the fixture cabinets whose content cabextract (libmspack) extracted byte for byte when
 * they were made (src/test/resources/archive/cab/README.md), round trips through the test encoder over
 * every window and block mix, and damage, which must end as one error naming member and byte.
 */
class LzxCabinetTest {
    @TempDir
    Path dir;

    static List<LzxFixtures.Fixture> fixtures() {
        return LzxFixtures.all();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void decodesEachFixtureToTheBytesCabextractExtracted(LzxFixtures.Fixture f) throws Exception {
        Expansion e = expand(resource(f.name()));
        assertEquals(f.members().size(), e.files().size(), e.refused() + " " + e.errors());
        int i = 0;
        for (Map.Entry<String, byte[]> member : f.members().entrySet()) {
            Expansion.File file = e.files().get(i++);
            assertEquals(f.name() + "!/" + member.getKey(), file.displayName());
            assertArrayEquals(member.getValue(), Files.readAllBytes(file.path()), member.getKey());
        }
        assertTrue(e.refused().isEmpty() && e.errors().isEmpty());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void theTestEncoderStillWritesTheCommittedFixtures(LzxFixtures.Fixture f) throws Exception {
        // the fixtures' README tells how they were made; this keeps that true
        Path again = LzxFixtures.write(f, Files.createDirectories(dir.resolve("again")));
        assertArrayEquals(Files.readAllBytes(resource(f.name())), Files.readAllBytes(again), f.name());
    }

    @Test
    void theE8FixtureReallyTranslatesCalls() {
        LzxFixtures.Fixture f = LzxFixtures.all().get(0);
        byte[] driver = f.members().get("oposdrv.sys");
        byte[] translated = LzxEncoder.translateE8(driver, f.e8FileSize());
        int changed = 0;
        for (int i = 0; i < driver.length; i++) {
            changed += driver[i] != translated[i] ? 1 : 0;
        }
        assertTrue(changed > 10_000, changed + " bytes of CALL targets differ in the stream from the plain file");
    }

    @Test
    void roundTripsOverEveryWindowAndAMixOfBlocks() throws Exception {
        Random random = new Random(17);
        for (int window = LzxDecoder.MIN_WINDOW_BITS; window <= LzxDecoder.MAX_WINDOW_BITS; window++) {
            for (int round = 0; round < 3; round++) {
                Map<String, byte[]> files = new LinkedHashMap<>();
                files.put("a.sys", LzxFixtures.x86Like(random.nextInt(60_000), random.nextLong()));
                files.put("CBS.log", LzxFixtures.cbsLog(random.nextInt(1_500), random.nextLong()));
                files.put("b.bin", randomBytes(random, random.nextInt(5_000)));
                int size = files.values().stream().mapToInt(b -> b.length).sum();
                List<LzxEncoder.Block> plan = randomPlan(random, size);
                int e8 = random.nextBoolean() ? LzxFixtures.E8_FILE_SIZE : 0;
                String name = "w" + window + "-" + round + ".cab";
                Path cab = Cabinets.writeLzx(dir.resolve(name), files, window, e8, plan, true);
                Expansion e = expand(cab);
                assertEquals(3, e.files().size(), name + " " + plan + " " + e.refused() + e.errors());
                int i = 0;
                for (byte[] content : files.values()) {
                    assertArrayEquals(content, Files.readAllBytes(e.files().get(i++).path()), name + " " + plan);
                }
            }
        }
    }

    @Test
    void everyDamagedStreamDecodesOrEndsAsOneErrorNamingMemberAndByte() throws Exception {
        LzxFixtures.Fixture f = LzxFixtures.all().get(0);
        byte[] clean = Files.readAllBytes(Cabinets.writeLzx(dir.resolve("clean.cab"), f.members(), f.windowBits(),
                f.e8FileSize(), f.plan(), false));
        int dataStart = ByteBuffer.wrap(clean).order(ByteOrder.LITTLE_ENDIAN).getInt(36);
        Random random = new Random(23);
        int errors = 0;
        for (int round = 0; round < 120; round++) {
            byte[] cab = clean.clone();
            int flips = 1 + random.nextInt(4);
            for (int k = 0; k < flips; k++) {
                int at = dataStart + random.nextInt(cab.length - dataStart);
                cab[at] ^= (byte) (1 << random.nextInt(8));
            }
            Path damaged = Files.write(dir.resolve("damaged" + round + ".cab"), cab);
            try {
                expand(damaged);
            } catch (BadInputException.Corrupt e) {
                errors++;
                assertTrue(e.getMessage().matches("damaged\\d+\\.cab: entry (oposdrv\\.sys|CbsPersist_20261130101010"
                        + "\\.log): broken archive: at byte \\d+: .+"), e.getMessage());
            }
        }
        assertTrue(errors > 60, errors + " of 120 damaged streams refused");
    }

    @Test
    void aStreamCutShortSaysWhereItEnds() throws Exception {
        LzxFixtures.Fixture f = LzxFixtures.all().get(2);
        byte[] cab = Files.readAllBytes(Cabinets.writeLzx(dir.resolve("whole.cab"), f.members(), f.windowBits(),
                f.e8FileSize(), f.plan(), false));
        ByteBuffer b = ByteBuffer.wrap(cab).order(ByteOrder.LITTLE_ENDIAN);
        int dataAt = b.getInt(36);
        int compressed = Short.toUnsignedInt(b.getShort(dataAt + 4));
        b.putShort(dataAt + 4, (short) (compressed - 40)); // the block keeps only its first bytes
        Path cut = Files.write(dir.resolve("cut.cab"), Arrays.copyOf(cab, cab.length - 40));
        BadInputException.Corrupt e = assertThrows(BadInputException.Corrupt.class, () -> expand(cut));
        assertTrue(e.getMessage().matches("cut\\.cab: entry setupapi\\.offline\\.log: broken archive: at byte \\d+: the "
                + "LZX data ends inside frame 0"), e.getMessage());
    }

    @Test
    void blocksReadFarAheadOfTheBitsBeingDecodedAreRefusedNotHeldInMemory() throws Exception {
        // all frames' bits in the first block, the later blocks' data never reached: libmspack would
        // read this, but no LZX compressor writes it, and each block read ahead would be held
        LzxFixtures.Fixture f = LzxFixtures.all().get(1);
        byte[] all = f.members().values().stream().reduce(new byte[0], LzxCabinetTest::concat);
        List<byte[]> chunks = LzxEncoder.compress(all, f.windowBits(), f.e8FileSize(), f.plan());
        List<byte[]> shifted = new ArrayList<>(List.of(chunks.stream().reduce(new byte[0], LzxCabinetTest::concat)));
        for (int i = 1; i < chunks.size(); i++) {
            shifted.add(new byte[1_000]);
        }
        Path ahead = Cabinets.writeLzx(dir.resolve("ahead.cab"), f.members(), f.windowBits(), shifted, true);
        BadInputException.Corrupt e = assertThrows(BadInputException.Corrupt.class, () -> expand(ahead));
        assertTrue(e.getMessage().matches("ahead\\.cab: entry CBS\\.log: broken archive: at byte \\d+: frame 3 is "
                + "still decoded from data 3 blocks before its own"), e.getMessage());
        Path same = Cabinets.writeLzx(dir.resolve("same.cab"), f.members(), f.windowBits(), chunks, true);
        assertEquals(2, expand(same).files().size(), "the same bits, one frame per block, are read");
    }

    @Test
    void aWindowOutsideLzxsRangeIsRefusedAtTheFolderEntry() throws Exception {
        byte[] cab = Files.readAllBytes(resource("lzx15.cab"));
        cab[36 + 7] = 22; // typeCompress high byte: window 2^22
        Path wide = Files.write(dir.resolve("wide.cab"), cab);
        BadInputException.Corrupt e = assertThrows(BadInputException.Corrupt.class, () -> expand(wide));
        assertEquals("wide.cab: at the archive header: broken archive: at byte 42: folder 0 is LZX with a window of "
                + "2^22 bytes (2^15 to 2^21 are defined)", e.getMessage());
    }

    private static List<LzxEncoder.Block> randomPlan(Random random, int size) {
        List<LzxEncoder.Block> plan = new ArrayList<>();
        LzxEncoder.BlockType[] types = {VERBATIM, ALIGNED, UNCOMPRESSED};
        for (int left = size; left > 0; ) {
            int n = Math.min(left, 1 + random.nextInt(random.nextBoolean() ? 2_000 : 70_000));
            plan.add(new LzxEncoder.Block(types[random.nextInt(3)], n));
            left -= n;
        }
        return plan;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private Expansion expand(Path cab) throws BadInputException, IOException {
        Path work = Files.createTempDirectory(dir, "work");
        return ArchiveExpander.expand(cab, cab.getFileName().toString(), work, ArchiveLimits.DEFAULT);
    }

    private Path resource(String name) throws IOException {
        Path copy = dir.resolve(name);
        if (!Files.exists(copy)) {
            try (InputStream in = LzxCabinetTest.class.getResourceAsStream("/archive/cab/" + name)) {
                Files.copy(in, copy);
            }
        }
        return copy;
    }
}
