package io.lockscope.ingest.etw.export;

import io.lockscope.ingest.Formats;
import io.lockscope.ingest.InputFormat;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.TraceReader;
import io.lockscope.model.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Each export is recognised from its content by its own reader and by no other. */
class ExportSniffTest {
    static final Map<String, InputFormat> FIXTURES = Map.of(
            "lock-scenario.tracerpt.csv", InputFormat.TRACERPT_CSV,
            "lock-scenario.tracerpt.xml", InputFormat.TRACERPT_XML,
            "lock-scenario.xperf-dumper.txt", InputFormat.XPERF_DUMPER,
            "lock-scenario.wpa-fileio-de.csv", InputFormat.WPA_CSV);

    @TempDir
    Path tmp;

    @Test
    void everyFixtureIsSniffedByItsReaderOnly() throws Exception {
        List<TraceReader> exportReaders = List.of(new TracerptCsvReader(), new TracerptXmlReader(),
                new XperfDumperReader(), new WpaCsvReader());
        for (Map.Entry<String, InputFormat> f : FIXTURES.entrySet()) {
            Path file = ExportedLockScenarioTest.DIR.resolve(f.getKey());
            TraceReader found = Formats.detect(file).traceReader();
            assertNotNull(found, f.getKey());
            assertEquals(f.getValue(), found.format(), f.getKey());
            byte[] head = Files.readAllBytes(file);
            int n = Math.min(head.length, Formats.HEAD_BYTES);
            for (TraceReader r : exportReaders) {
                assertEquals(r.format() == f.getValue(), r.sniff(head, n), r.format() + " on " + f.getKey());
            }
        }
    }

    @Test
    void procmonCsvIsNotTakenForAWpaTable() {
        byte[] procmon = "\"Time of Day\",\"Process Name\",\"PID\",\"Operation\",\"Path\",\"Result\",\"Detail\"\r\n"
                .getBytes(StandardCharsets.UTF_8);
        assertFalse(new WpaCsvReader().sniff(procmon, procmon.length));
        assertFalse(new TracerptCsvReader().sniff(procmon, procmon.length));
    }

    @Test
    void utf16TracerptCsvReadsToTheSameOperations() throws Exception {
        String text = Files.readString(ExportedLockScenarioTest.DIR.resolve("lock-scenario.tracerpt.csv"));
        Path utf16 = tmp.resolve("utf16.csv");
        byte[] body = text.replace("\uFEFF", "").getBytes(StandardCharsets.UTF_16LE);
        byte[] bytes = new byte[body.length + 2];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        System.arraycopy(body, 0, bytes, 2, body.length);
        Files.write(utf16, bytes);
        Trace t = Formats.readTrace(utf16, "utf16.csv", ReadOptions.DEFAULT);
        assertEquals("tracerpt-csv", t.format());
        assertEquals(ExportedLockScenarioTest.EXPECTED, ExportedLockScenarioTest.fileOps(t));
    }
}
