package io.lockscope.ingest.etw.etl;

import io.lockscope.format.etw.etl.EtlLayout;
import io.lockscope.generate.etw.EtlCaseGenerator;
import io.lockscope.ingest.BadInputException;
import io.lockscope.model.ReadReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compressed buffers decompressed on a helper thread ahead of the merge give the same records, in the
 * same order, with the same damage reported, as decompressed by the merge itself, in both passes.
 */
class DecompressAheadTest {
    @TempDir
    Path tmp;

    private record Reading(List<String> records, List<String> warnings, long corruptBuffers) {
    }

    private static Reading read(Path etl, boolean ahead) throws Exception {
        ReadReport report = new ReadReport();
        List<String> records = new ArrayList<>();
        try (EtlReader reader = EtlReader.open(etl, "boot.etl", report, MappedFile.DEFAULT_WINDOW, XpressBuffers.preferred(),
                EtlReader.DECOMPRESSED_BUDGET, ahead)) {
            for (int pass = 0; pass < 2; pass++) {
                int p = pass;
                reader.read(r -> records.add(p + ":" + r.rawTime() + "/" + r.cpu() + "/" + r.group() + "." + r.type()
                        + "+" + r.payloadLength() + "@" + r.where()));
            }
            return new Reading(records, report.warnings(), reader.stats().corruptBuffers());
        }
    }

    /** A compressed boot trace over several CPUs' buffers, every fifth compressed buffer damaged mid-stream. */
    private Path damagedTrace() throws Exception {
        Path etl = tmp.resolve("boot.etl");
        EtlCaseGenerator.write(etl, EtlCaseGenerator.Scenario.LOCK_HOLDER, 3_000_000, true, 5);
        byte[] file = Files.readAllBytes(etl);
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int index = 0;
        for (int offset = 0; offset + EtlLayout.BUFFER_HEADER_SIZE <= file.length; index++) {
            BufferHeader h = BufferHeader.read(b, offset);
            if (h.compressed() && index % 5 == 2) {
                file[offset + (int) (h.bufferSize() / 2)] ^= (byte) 0x5A;
                file[offset + (int) (h.bufferSize() / 2) + 9] ^= (byte) 0xC3;
            }
            offset += (int) h.bufferSize();
        }
        return Files.write(tmp.resolve("damaged.etl"), file);
    }

    @Test
    void aheadAndInlineReadTheSameRecordsAndReportTheSameDamage() throws Exception {
        Path etl = damagedTrace();
        Reading inline = read(etl, false);
        Reading ahead = read(etl, true);
        assertTrue(inline.records().size() > 20_000, "records: " + inline.records().size());
        assertEquals(inline.records(), ahead.records());
        assertEquals(inline.warnings(), ahead.warnings());
        assertEquals(inline.corruptBuffers(), ahead.corruptBuffers());
    }

    @Test
    void aPassThatStopsEarlyStopsItsHelper() throws Exception {
        Path etl = damagedTrace();
        BadInputException stop = new BadInputException.Corrupt("boot.etl", null, "the visitor stops here");
        try (EtlReader reader = EtlReader.open(etl, "boot.etl", new ReadReport(), MappedFile.DEFAULT_WINDOW,
                XpressBuffers.preferred(), EtlReader.DECOMPRESSED_BUDGET, true)) {
            int[] seen = new int[1];
            assertSame(stop, assertThrows(BadInputException.class, () -> reader.read(r -> {
                if (++seen[0] == 1000) {
                    throw stop;
                }
            })));
            assertFalse(Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().startsWith("lockscope-etl-decompress")), "helper thread still running");
            List<Long> times = new ArrayList<>();
            reader.read(r -> times.add(r.rawTime()));
            assertTrue(times.size() > seen[0], "the reader reads again after a pass that stopped early");
        }
    }
}
