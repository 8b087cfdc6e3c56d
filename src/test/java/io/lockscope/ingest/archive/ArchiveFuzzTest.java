package io.lockscope.ingest.archive;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.Fuzzing;
import io.lockscope.ingest.ReadContract;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzz targets for the archive expander (zip, 7z, tar, tar.gz, cab, nested) and for the
 * LZX decoder of cabinets on its own. Besides the read contract ({@link ReadContract#checkRefusal}: one
 * error naming the archive, or an expansion), what the expander wrote must stay inside the work folder, be
 * regular files only, and stay under the expanded-bytes cap.
 */
@Timeout(Fuzzing.SECONDS_PER_INPUT)
class ArchiveFuzzTest {
    /** Small caps, so that a bomb is stopped within the time of one fuzz input. */
    private static final ArchiveLimits LIMITS = new ArchiveLimits(200, 8L << 20, 250, 1L << 20, 3);
    /** The most output an {@link #lzx} input asks for: 32 frames. */
    private static final int LZX_MAX_OUTPUT = 32 * LzxDecoder.FRAME_BYTES;

    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void expand(byte[] data) throws IOException {
        Path archive = ReadContract.write(data);
        Path work = Files.createTempDirectory("lockscope-fuzz-expand");
        try {
            Expansion expansion = ArchiveExpander.expand(archive, ReadContract.NAME, work, LIMITS);
            long total = 0;
            for (Expansion.File f : expansion.files()) {
                Path real = f.path().toRealPath();
                assertTrue(real.startsWith(work.toRealPath()), "written outside the work folder: " + real);
                assertTrue(Files.isRegularFile(f.path(), java.nio.file.LinkOption.NOFOLLOW_LINKS), f.displayName());
                assertTrue(f.displayName().startsWith(ReadContract.NAME + "!/"), f.displayName());
                total += Files.size(f.path());
            }
            assertTrue(total <= LIMITS.maxExpandedBytes(), "expanded " + total + " bytes");
            try (Stream<Path> all = Files.walk(work)) {
                assertFalse(all.anyMatch(Files::isSymbolicLink), "a link was created");
            }
        } catch (BadInputException e) {
            ReadContract.checkRefusal(e, data);
        } finally {
            try (Stream<Path> all = Files.walk(work)) {
                for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * A raw LZX stream decoded as one cabinet folder, where checksums do not stop the mutations: byte 0
     * picks the window (2^(15 + b % 7)), bytes 1-3 the output size (24 bits, little-endian, modulo
     * {@link #LZX_MAX_OUTPUT} + 1), the rest is the compressed data, all of it in the first CFDATA block
     * (the decoder reads a folder's blocks as one stream). It must give exactly that output, or fail with
     * an IOException that says at which byte.
     */
    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void lzx(byte[] data) {
        if (data.length < 4) {
            return;
        }
        int windowBits = LzxDecoder.MIN_WINDOW_BITS + (data[0] & 0xFF) % 7;
        int outputBytes = ((data[1] & 0xFF) | (data[2] & 0xFF) << 8 | (data[3] & 0xFF) << 16) % (LZX_MAX_OUTPUT + 1);
        byte[] stream = Arrays.copyOfRange(data, 4, data.length);
        int[] frame = {0};
        LzxDecoder decoder = new LzxDecoder(windowBits, () -> {
            int at = frame[0] * LzxDecoder.FRAME_BYTES;
            if (at >= outputBytes) {
                return null;
            }
            byte[] compressed = frame[0]++ == 0 ? stream : new byte[0];
            return new LzxDecoder.Block(compressed, Math.min(LzxDecoder.FRAME_BYTES, outputBytes - at), 4);
        });
        byte[] out = new byte[LzxDecoder.FRAME_BYTES];
        long decoded = 0;
        try {
            for (int n = decoder.decodeFrame(out); n >= 0; n = decoder.decodeFrame(out)) {
                decoded += n;
            }
            assertEquals(outputBytes, decoded);
        } catch (IOException e) {
            assertTrue(e.getMessage().matches("at byte \\d+: .+"), e.getMessage());
        }
    }
}
