package io.lockscope.ingest.etw.export;

import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.TimeBase;
import io.lockscope.model.Trace;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real exports in the shared corpus read without error. */
class ExportCorpusTest {
    static final Path CORPUS = Path.of("../shared/corpus/etw");

    static Trace read(String relative) throws Exception {
        Path file = CORPUS.resolve(relative);
        assumeTrue(Files.isRegularFile(file), "shared corpus not present: " + file);
        return Formats.readTrace(file, file.getFileName().toString(), ReadOptions.DEFAULT);
    }

    @Test
    void realTracerptCsvRowIsTheEventTraceHeaderWithHexIdsAndFiletime() throws Exception {
        Trace t = read("regprobe/tracerpt-eventtrace-header-row.filtered.csv");
        assertEquals("tracerpt-csv", t.format());
        assertEquals(0, t.report().skippedTotal(), t.report().warnings().toString());
        assertEquals(1, t.events().size());
        EventStore e = t.events();
        assertEquals("EventTrace", e.operationName(0));
        assertEquals(134192737938202515L, e.time(0));
        assertEquals(0x1894, t.process(0).pid());
        assertEquals(0xBF4, e.tid(0));
    }

    @Test
    void wpaexporterDiskTableIsRecognisedKeptAsOtherEventsAndNamedNotAnalysed() throws Exception {
        Trace t = read("etwanalyzer/Disk_Usage_Utilization_by_Disk.csv");
        assertEquals("wpa-csv", t.format());
        assertEquals(TimeBase.TIME_OF_DAY, t.timeBase());
        assertEquals(0, t.report().skippedTotal(), t.report().warnings().toString());
        assertEquals(600, t.events().size());
        assertTrue(t.report().warnings().get(0).contains("is not one lockscope analyses"), t.report().warnings().get(0));
        EventStore e = t.events();
        assertEquals(Operation.OTHER, e.operation(0));
        assertEquals("WPA/Flush", e.operationName(0));
        assertEquals(11_765_678L, e.time(0), "Complete Time 1.176567818 s");
        assertEquals(59L, e.duration(0), "IO Time 5.909 µs");
        assertEquals(8876, t.process(0).pid());
        assertEquals("syngo.Common.Communication.DynamicServices.Host.exe", t.process(0).name());
        assertEquals(9468, e.tid(0));
        boolean grouped = false;
        for (int i = 0; i < e.size(); i++) {
            grouped |= e.duration(i) == 55_712L; // "5,571.225" µs: en-US grouping comma
        }
        assertTrue(grouped, "a grouped IO Time read as 5571.225 µs");
    }

    @Test
    void germanExportReadsTheDecimalCommaToTheSameTime() throws Exception {
        Trace t = read("etwanalyzer/Disk_Usage_Utilization_by_Disk_DE.csv");
        assertEquals("wpa-csv", t.format());
        assertEquals(1, t.events().size());
        assertEquals(11_765_678L, t.events().time(0), "\"1,176567818\" s");
    }

    @Test
    void headerOnlyExportIsAnEmptyTrace() throws Exception {
        Trace t = read("etwanalyzer/Disk_Usage_Utilization_by_Disk_Empty.csv");
        assertEquals("wpa-csv", t.format());
        assertEquals(0, t.events().size());
        assertEquals(0, t.report().skippedTotal());
    }
}
