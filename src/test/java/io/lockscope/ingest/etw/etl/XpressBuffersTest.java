package io.lockscope.ingest.etw.etl;

import io.lockscope.format.etw.etl.EtlLayout;
import io.lockscope.generate.etw.EtlCaseGenerator;
import io.lockscope.model.ReadReport;
import io.lockscope.nativeio.NativeXpress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A compressed trace read with the native and with the Java XPRESS decoder: same records, same errors. */
class XpressBuffersTest {
    @TempDir
    Path tmp;

    private record Reading(List<String> records, List<String> warnings, long corruptBuffers, String decoder) {
    }

    private static Reading read(Path etl, XpressBuffers xpress) throws Exception {
        ReadReport report = new ReadReport();
        List<String> records = new ArrayList<>();
        try (EtlReader reader = EtlReader.open(etl, "boot.etl", report, MappedFile.DEFAULT_WINDOW, xpress,
                EtlReader.DECOMPRESSED_BUDGET, true)) {
            reader.read(r -> records.add(r.rawTime() + "/" + r.cpu() + "/" + r.group() + "." + r.type() + "@" + r.where()));
            return new Reading(records, report.warnings(), reader.stats().corruptBuffers(), reader.xpressDecoder());
        }
    }

    @Test
    void nativeAndJavaReadTheSameRecordsAndReportTheSameDamage() throws Exception {
        assumeTrue(NativeXpress.available(), () -> "no native XPRESS decoder: " + NativeXpress.unavailableBecause());
        Path etl = tmp.resolve("boot.etl");
        EtlCaseGenerator.write(etl, EtlCaseGenerator.Scenario.LOCK_HOLDER, 2_000_000, true, 3);
        byte[] file = Files.readAllBytes(etl);
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        // damage the middle of every third compressed buffer's stream, past the first record
        int damaged = 0;
        int index = 0;
        for (int offset = 0; offset + EtlLayout.BUFFER_HEADER_SIZE <= file.length; index++) {
            BufferHeader h = BufferHeader.read(b, offset);
            if (h.compressed() && index % 3 == 1) {
                int middle = offset + (int) (h.bufferSize() / 2);
                for (int k = 0; k < 6; k++) {
                    file[middle + k * 7] ^= (byte) 0xA5;
                }
                damaged++;
            }
            offset += (int) h.bufferSize();
        }
        Path broken = tmp.resolve("broken.etl");
        Files.write(broken, file);

        for (Path p : List.of(etl, broken)) {
            Reading java = read(p, XpressBuffers.java());
            Reading nat = read(p, XpressBuffers.preferred());
            assertTrue(nat.decoder().startsWith("native"), nat.decoder());
            assertTrue(java.decoder().startsWith("Java"), java.decoder());
            assertEquals(java.records(), nat.records(), p + ": records");
            assertEquals(java.warnings(), nat.warnings(), p + ": warnings");
            assertEquals(java.corruptBuffers(), nat.corruptBuffers(), p + ": corrupt buffers");
        }
        assertTrue(damaged > 3, "damaged " + damaged);
        Reading brokenJava = read(broken, XpressBuffers.java());
        assertTrue(brokenJava.corruptBuffers() > 0 && brokenJava.warnings().stream().anyMatch(w -> w.contains("compressed byte")),
                "the damage shows as corrupt buffers with their position: " + brokenJava.warnings());
    }
}
