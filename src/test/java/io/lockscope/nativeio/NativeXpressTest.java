package io.lockscope.nativeio;

import io.lockscope.generate.etw.EtlCaseGenerator;
import io.lockscope.format.etw.etl.EtlLayout;
import io.lockscope.ingest.etw.etl.BufferHeader;
import io.lockscope.ingest.etw.etl.XpressLz77;
import io.lockscope.ingest.etw.testing.EtwCorpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The native XPRESS decoder against the Java oracle ({@link XpressLz77}) on every compressed buffer of
 * the ETW corpus and of generated traces (identical bytes), and on thousands of damaged copies of them
 * (the same verdict: decoded to the same bytes, or corrupt at the same compressed byte). Skipped where
 * the build had no C compiler, so no library is there to load.
 */
class NativeXpressTest {
    @TempDir
    static Path tmp;

    /** One compressed ETL buffer: its payload after the header and its decompressed payload size. */
    record CompressedBuffer(String where, byte[] payload, int decompressedSize) {
    }

    static List<CompressedBuffer> buffers;

    @BeforeAll
    static void collectBuffers() throws IOException {
        assumeTrue(NativeXpress.available(), () -> "no native XPRESS decoder: " + NativeXpress.unavailableBecause());
        buffers = new ArrayList<>();
        for (EtlCaseGenerator.Scenario s : EtlCaseGenerator.Scenario.values()) {
            Path etl = tmp.resolve(s + ".etl");
            EtlCaseGenerator.write(etl, s, 3_000_000, true, 7);
            buffers.addAll(compressedBuffers(etl));
        }
        if (Files.isDirectory(EtwCorpus.DIR)) {
            List<Path> corpus;
            try (Stream<Path> files = Files.walk(EtwCorpus.DIR)) {
                corpus = files.filter(p -> p.toString().endsWith(".etl") || p.toString().endsWith(".etl.zip")).sorted().toList();
            }
            for (Path p : corpus) {
                Path etl = p.toString().endsWith(".zip")
                        ? EtwCorpus.unzipEtl(EtwCorpus.DIR.relativize(p).toString(), Files.createTempDirectory(tmp, "corpus"))
                        : p;
                buffers.addAll(compressedBuffers(etl));
            }
        }
    }

    /** The compressed buffers of {@code etl}, found by walking its buffer headers. */
    static List<CompressedBuffer> compressedBuffers(Path etl) throws IOException {
        byte[] file = Files.readAllBytes(etl);
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<CompressedBuffer> out = new ArrayList<>();
        for (long offset = 0; offset + EtlLayout.BUFFER_HEADER_SIZE <= file.length; ) {
            BufferHeader h = BufferHeader.read(b, (int) offset);
            if (h.bufferSize() < EtlLayout.BUFFER_HEADER_SIZE || offset + h.bufferSize() > file.length) {
                break;
            }
            if (h.compressed()) {
                int from = (int) offset + EtlLayout.BUFFER_HEADER_SIZE;
                out.add(new CompressedBuffer(etl.getFileName() + " @0x" + Long.toHexString(offset),
                        Arrays.copyOfRange(file, from, (int) (offset + h.bufferSize())),
                        (int) h.savedOffset() - EtlLayout.BUFFER_HEADER_SIZE));
            }
            offset += h.bufferSize();
        }
        return out;
    }

    /** The Java verdict: the decoded bytes, or the corrupt position as {@code -1 - position}. */
    private static Object javaDecode(byte[] payload, int size) {
        byte[] out = new byte[size];
        try {
            int n = XpressLz77.decode(payload, 0, payload.length, out, 0, size, false);
            return Arrays.copyOf(out, n);
        } catch (XpressLz77.CorruptStreamException e) {
            return -1 - e.inputPosition();
        }
    }

    private static Object nativeDecode(byte[] payload, int size) {
        ByteBuffer in = ByteBuffer.allocateDirect(Math.max(payload.length, 1)).put(0, payload);
        ByteBuffer out = ByteBuffer.allocateDirect(Math.max(size, 1));
        int n = NativeXpress.decode(in, payload.length, out, size);
        if (n < 0) {
            return n;
        }
        byte[] bytes = new byte[n];
        out.get(0, bytes);
        return bytes;
    }

    private static void assertSameVerdict(String where, byte[] payload, int size) {
        Object expected = javaDecode(payload, size);
        Object actual = nativeDecode(payload, size);
        if (expected instanceof byte[] e) {
            assertTrue(actual instanceof byte[], () -> where + ": Java decodes it, native says corrupt at " + actual);
            assertArrayEquals(e, (byte[]) actual, where);
        } else {
            assertEquals(expected, actual, () -> where + ": Java says corrupt at " + expected + ", native differs");
        }
    }

    @Test
    void everyCompressedBufferDecodesToTheSameBytes() {
        assertTrue(buffers.size() > 30, "too few compressed buffers found: " + buffers.size());
        for (CompressedBuffer c : buffers) {
            Object java = javaDecode(c.payload(), c.decompressedSize());
            assertTrue(java instanceof byte[] b && b.length == c.decompressedSize(), c.where() + " does not decode whole in Java");
            assertSameVerdict(c.where(), c.payload(), c.decompressedSize());
        }
    }

    @Test
    void damagedBuffersGetTheSameVerdict() {
        SplittableRandom random = new SplittableRandom(12);
        int corrupt = 0;
        for (int i = 0; i < 3000; i++) {
            CompressedBuffer c = buffers.get(random.nextInt(buffers.size()));
            byte[] damaged = c.payload().clone();
            int size = c.decompressedSize();
            switch (i % 4) {
                case 0 -> damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
                case 1 -> damaged = Arrays.copyOf(damaged, random.nextInt(damaged.length));
                case 2 -> size = random.nextInt(size); // the header claims less than the stream holds
                default -> {
                    for (int k = 0; k < 8; k++) {
                        damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                    }
                }
            }
            if (javaDecode(damaged, size) instanceof Integer) {
                corrupt++;
            }
            assertSameVerdict(c.where() + " damaged #" + i, damaged, size);
        }
        assertTrue(corrupt > 500, "the damage should make many buffers corrupt, made " + corrupt);
    }

    @Test
    void tinyAndEmptyStreams() {
        assertSameVerdict("empty", new byte[0], 16);
        assertSameVerdict("flag word only", new byte[]{0, 0, 0, 0}, 16);
        assertSameVerdict("match before any output", new byte[]{0, 0, 0, (byte) 0x80, 0x10, 0x00}, 16);
        assertSameVerdict("cut flag word", new byte[]{1, 2}, 16);
        // the long-length chain: 7 in the token, 15 in the half-byte, 255, then u16 0 and a u32
        byte[] longMatch = {0, 0, 0, 0x40, 'a', 0x07, 0x00, 0x0F, (byte) 0xFF, 0, 0, 0x20, 0, 0, 0};
        assertSameVerdict("u32 length", longMatch, 100);
        assertSameVerdict("u32 length, room", longMatch, 40);
    }
}
