package io.lockscope.generate.etw;

import io.lockscope.ingest.etw.etl.EtlReader;
import io.lockscope.ingest.etw.etl.EtlStats;
import io.lockscope.ingest.etw.etl.XpressLz77;
import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.ReadReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streaming ETL writer and generator, read back by the ETL reader. */
class EtlCaseWriterTest {
    @TempDir
    Path tmp;

    private record ReadBack(long records, long lastRaw, EtlStats stats, ReadReport report) {
    }

    private static ReadBack read(Path etl) throws Exception {
        ReadReport report = new ReadReport();
        long[] seen = new long[2];
        try (EtlReader r = EtlReader.open(etl, etl.getFileName().toString(), report)) {
            r.read(rec -> {
                assertTrue(rec.rawTime() >= seen[1], "records come out in timestamp order");
                seen[1] = rec.rawTime();
                seen[0]++;
            });
            return new ReadBack(seen[0], seen[1], r.stats(), report);
        }
    }

    @Test
    void generatedTracesReadBackWholePlainAndCompressed() throws Exception {
        long plainRecords = -1;
        for (boolean compressed : new boolean[]{false, true}) {
            Path etl = tmp.resolve("case" + compressed + ".etl");
            EtlCaseGenerator.Summary s = EtlCaseGenerator.write(etl, EtlCaseGenerator.Scenario.LOCK_HOLDER, 3_000_000,
                    compressed, 3);
            assertEquals(Files.size(etl), s.bytes());
            if (compressed) {
                assertEquals(plainRecords, s.records(), "same seed and size: same records");
                assertTrue(s.bytes() < 3_000_000 / 3, "XPRESS shrinks the trace: " + s.bytes());
            } else {
                plainRecords = s.records();
                assertTrue(s.bytes() >= 3_000_000 && s.bytes() < 3_000_000 + 3 * EtlCaseWriter.DEFAULT_BUFFER_SIZE,
                        "stops within a buffer per CPU of the target: " + s.bytes());
            }
            ReadBack back = read(etl);
            assertEquals(s.records() + 1, back.records(), "every record and the header record");
            assertEquals(compressed ? back.stats().buffers() - 1 : 0, back.stats().compressedBuffers());
            assertEquals(0, back.stats().corruptBuffers() + back.stats().truncatedBuffers()
                    + back.stats().corruptRecords() + back.stats().unreadableTailBytes());
            assertEquals(0, back.report().skippedTotal());
        }
    }

    /**
     * The noise's opens get the FILE_OBJECTs that Closes freed, as real opens do; every request of an
     * open is still named by its own Create, never by an earlier open of the same address.
     */
    @Test
    void freedFileObjectsAreOpenedAgainAndEachRequestKeepsItsOwnOpensPath() throws Exception {
        Path etl = tmp.resolve("reuse.etl");
        EtlCaseGenerator.write(etl, EtlCaseGenerator.Scenario.LOCK_HOLDER, 2_000_000, false, 5);
        EventStore e = Formats.readTrace(etl, "reuse.etl", ReadOptions.DEFAULT).events();
        Map<Long, String> openPath = new HashMap<>();
        Set<Long> addresses = new HashSet<>();
        int creates = 0;
        int requests = 0;
        for (int i = 0; i < e.size(); i++) {
            long fileObject = e.objectId(i);
            if (e.operation(i) == Operation.CREATE_FILE) {
                creates++;
                addresses.add(fileObject);
                openPath.put(fileObject, e.path(i));
            } else if (openPath.containsKey(fileObject) && (e.operation(i) == Operation.READ_FILE
                    || e.operation(i) == Operation.CLOSE_FILE || e.operation(i) == Operation.IRP_MJ_CLOSE)) {
                requests++;
                assertEquals(openPath.get(fileObject), e.path(i), "event " + i);
                if (e.operation(i) == Operation.IRP_MJ_CLOSE) {
                    openPath.remove(fileObject);
                }
            }
        }
        assertTrue(creates > 1000 && requests > 3 * 1000, creates + " opens, " + requests + " requests");
        assertTrue(addresses.size() < creates / 100, addresses.size() + " FILE_OBJECTs for " + creates + " opens");
    }

    @Test
    void buffersAreWrittenAsTheyFillNotAtClose() throws Exception {
        Path etl = tmp.resolve("stream.etl");
        try (EtlCaseWriter w = new EtlCaseWriter(etl, 1, 8, 4096, false)) {
            EtlPayload p = w.payload();
            for (int i = 0; i < 1000; i++) {
                w.perfinfo(0, 0x04, 76, 3, EtlCaseWriter.HEADER_RAW + 1 + i, p.reset().ptr(i).ptr(0).u32(0));
            }
            // 1000 OpEnd records of 40 bytes: 9 full 4 KB buffers written, the 10th pending
            assertEquals(4096L * 10, w.bytesWritten());
        }
        assertEquals(4096L * 11, Files.size(etl));
        assertEquals(1001, read(etl).records());
    }

    @Test
    void xpressEncoderRoundTripsThroughTheReadersDecoder() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        byte[] plain = new byte[200_000];
        for (int i = 0; i < plain.length; ) {
            int run = 1 + random.nextInt(i > 70_000 && i < 140_000 ? 70_000 : 40);
            if (random.nextBoolean() && i > 9000) {
                int back = 1 + random.nextInt(9000); // some beyond the 8 KB window: must not be used
                for (int k = 0; k < run && i < plain.length; k++, i++) {
                    plain[i] = plain[i - back];
                }
            } else {
                for (int k = 0; k < run && i < plain.length; k++, i++) {
                    plain[i] = (byte) random.nextInt(256);
                }
            }
        }
        byte[] packed = XpressEncoder.encode(plain);
        assertTrue(packed.length < plain.length, "repeats were found");
        byte[] out = new byte[plain.length];
        assertEquals(plain.length, XpressLz77.decode(packed, 0, packed.length, out, 0, out.length, false));
        assertArrayEquals(plain, out);
        byte[] zeros = new byte[100_000]; // one 16-bit-length match after the first byte
        byte[] z = new byte[zeros.length];
        byte[] zp = XpressEncoder.encode(zeros);
        assertTrue(zp.length < 40, "length " + zp.length);
        assertEquals(z.length, XpressLz77.decode(zp, 0, zp.length, z, 0, z.length, false));
        assertTrue(Arrays.equals(zeros, z));
    }
}
