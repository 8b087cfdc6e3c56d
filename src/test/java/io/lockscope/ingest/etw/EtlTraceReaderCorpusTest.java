package io.lockscope.ingest.etw;

import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.TraceReader;
import io.lockscope.ingest.etw.testing.EtwCorpus;
import io.lockscope.ingest.etw.testing.TraceEventBaseline;
import io.lockscope.model.EventStore;
import io.lockscope.model.Module;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.TimeBase;
import io.lockscope.model.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three corpus ETLs read through the registered reader into the model. */
class EtlTraceReaderCorpusTest {
    @TempDir
    Path tmp;

    private static void assertTimeOrder(Trace trace) {
        EventStore e = trace.events();
        for (int i = 1; i < e.size(); i++) {
            assertTrue(e.time(i) >= e.time(i - 1), "event " + i + " earlier than the one before");
        }
    }

    @Test
    void mergedCompressedTraceCountsEqualTraceEventPerTaskOpcode() throws Exception {
        Path etl = EtwCorpus.unzipEtl("perfview/net.4.5.2.x64.etl.zip", tmp);
        Path renamed = Files.move(etl, tmp.resolve("upload.dat")); // sniffed by content, not by name
        TraceReader reader = Formats.detect(renamed).traceReader();
        assertInstanceOf(EtlTraceReader.class, reader);
        Trace trace = Formats.readTrace(renamed, "upload.dat", ReadOptions.DEFAULT);
        assertEquals(TimeBase.UTC, trace.timeBase());
        assertEquals(ZoneOffset.ofHours(-7), trace.zone(), "Pacific (bias 480) in July: daylight time, UTC-7");
        assertTimeOrder(trace);

        TraceEventBaseline baseline = new TraceEventBaseline(EtwCorpus.file("perfview/net.4.5.2.x64.baseline.txt"));
        Map<String, Long> ours = new TreeMap<>();
        EventStore e = trace.events();
        for (int i = 0; i < e.size(); i++) {
            ours.merge(e.operationName(i), 1L, Long::sum);
        }
        int compared = 0;
        for (Map.Entry<String, Long> c : baseline.counts().entrySet()) {
            String key = c.getKey();
            // TraceEvent's baseline is read through a TraceLog, which keeps only some CPU samples
            if (key.startsWith("Windows Kernel/") && !key.equals("Windows Kernel/PerfInfo/Sample")) {
                assertEquals(c.getValue(), ours.get(key.substring("Windows Kernel/".length())), key);
                compared++;
            }
        }
        assertEquals(46, compared, "every Windows Kernel COUNT line of the baseline but PerfInfo/Sample");
        assertTrue(ours.get("PerfInfo/Sample") > baseline.counts().get("Windows Kernel/PerfInfo/Sample"));

        // user providers are counted per provider GUID in the read report, never silently dropped
        assertEquals(562L, trace.report().skippedByReason().get(
                "user-provider (manifest/TraceLogging) event not decoded: provider edd08927-9cc4-4e65-b970-c2560fb5c289"),
                "Microsoft-Windows-Kernel-File/Create:562 in the baseline");
    }

    @Test
    void processesHaveModulesAndTheSystemProcessHasTheKernelImages() throws Exception {
        Path etl = EtwCorpus.unzipEtl("perfview/net.4.5.2.x64.etl.zip", tmp);
        Trace trace = Formats.readTrace(etl, "net.etl", ReadOptions.DEFAULT);
        ProcessInfo perfView = trace.processes().all().stream()
                .filter(p -> p.pid() == 3988 && "PerfView.exe".equals(p.name())).findFirst().orElseThrow();
        assertTrue(perfView.modules().size() > 20, "modules: " + perfView.modules().size());
        assertTrue(perfView.imagePath().endsWith("\\PerfView.exe"), perfView.imagePath());
        Module ntoskrnl = trace.processes().system().moduleAt(0xfffff80021489000L + 0x1000);
        assertNotNull(ntoskrnl);
        assertEquals("C:\\Windows\\system32\\ntoskrnl.exe", ntoskrnl.path());
        assertEquals(7_634_944, ntoskrnl.size(), "baseline Image/DCStart ImageSize=7,634,944");
        List<ProcessInfo> started = trace.processes().all().stream().filter(p -> p.startTime() != ProcessInfo.UNKNOWN_TIME).toList();
        assertEquals(1, started.size(), "one Process/Start in the baseline");
        assertTrue(started.get(0).endTime() > started.get(0).startTime(), "and its Process/Stop");
    }

    @Test
    void stackWalkRecordsBecomeStacksOfTheirEventsResolvedToModules() throws Exception {
        Path etl = EtwCorpus.unzipEtl("perfview/net.4.5.2.x64.etl.zip", tmp);
        Trace trace = Formats.readTrace(etl, "net.etl", ReadOptions.DEFAULT);
        EventStore e = trace.events();
        Map<String, long[]> withStacks = new TreeMap<>();
        for (int i = 0; i < e.size(); i++) {
            long[] c = withStacks.computeIfAbsent(e.operationName(i), k -> new long[2]);
            c[0]++;
            if (e.stackId(i) != io.lockscope.model.StackTable.NONE) {
                c[1]++;
            }
        }
        long[] readInit = withStacks.get("DiskIO/ReadInit");
        assertEquals(readInit[0], readInit[1], "every DiskIO/ReadInit was stack-walked");
        assertTrue(withStacks.get("PerfInfo/Sample")[1] > 6000);
        assertEquals(0, withStacks.get("ImageID")[1], "classic KernelTraceControl events take no kernel stack");
        ProcessInfo system = trace.processes().system();
        long frames = 0;
        long resolved = 0;
        for (int s = 0; s < trace.stacks().size(); s++) {
            for (io.lockscope.model.StackTable.Frame f : trace.stacks().frames(s)) {
                frames++;
                if (f.module() != null) {
                    resolved++;
                    if (f.kernel()) {
                        assertEquals(f.module(), system.moduleAt(f.address()).path(), "kernel frames are System's modules");
                        assertEquals(f.address() - system.moduleAt(f.address()).base(), f.offset());
                    }
                }
            }
        }
        assertTrue(resolved > frames * 3 / 4, resolved + " of " + frames + " frames in a known module");
    }

    @Test
    void uncompressedKernelLoggerTraceReadsInOrderWithPidReuseSafeInstances() throws Exception {
        Trace trace = Formats.readTrace(EtwCorpus.file("etl-parser/ShutdownPerfDiagLogger.etl"), "shutdown.etl",
                ReadOptions.DEFAULT);
        assertTimeOrder(trace);
        assertEquals(ZoneOffset.ofHours(1), trace.zone(), "bias -60 in February: standard time, UTC+1");
        assertEquals(0, trace.report().skippedTotal(), trace.report().warnings().toString());
        assertEquals(17078, trace.size(), "every record of the file (EtlReader test counts them)");
        long stops = trace.processes().all().stream().filter(p -> p.endTime() != ProcessInfo.UNKNOWN_TIME).count();
        assertEquals(60, stops, "60 Process/Stop records, each ending its own instance");
        assertTrue(trace.processes().all().stream().filter(p -> p.pid() == 3856).anyMatch(
                p -> p.modules().stream().anyMatch(m -> m.path().toLowerCase().endsWith("\\wpnapps.dll"))),
                "etw-formats.md §2.4: wpnapps.dll loaded in pid 3856");
    }

    @Test
    void tinySelfDescribingTraceSkipsItsOneTraceLoggingEvent() throws Exception {
        Trace trace = Formats.readTrace(EtwCorpus.file("perfview/SelfDescribingSingleEvent.etl"), "single.etl",
                ReadOptions.DEFAULT);
        assertTimeOrder(trace);
        long traceLogging = trace.report().skippedByReason().entrySet().stream()
                .filter(x -> x.getKey().startsWith("user-provider")).mapToLong(Map.Entry::getValue).sum();
        assertEquals(1, traceLogging);
        assertTrue(trace.size() > 0);
    }
}
