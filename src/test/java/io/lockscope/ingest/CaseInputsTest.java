package io.lockscope.ingest;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.kb.KnowledgeAttribution;
import io.lockscope.export.pml.PmlWriter;
import io.lockscope.generate.CaseFormats;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.GenerateOptions;
import io.lockscope.generate.Scenario;
import io.lockscope.model.EventStore;
import io.lockscope.model.ReadReport;
import io.lockscope.model.StackTable;
import io.lockscope.model.Trace;
import io.lockscope.rules.Rules;
import io.lockscope.rules.VerdictKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaseInputsTest {

    @Test
    void aSplitProcmonCaptureInAFolderIsOneCapture(@TempDir Path dir) throws Exception {
        Path generated = dir.resolve("generated");
        CaseGenerator.generate(Scenario.LOCK_HOLDER, generated, GenerateOptions.defaults().withEvents(3000)
                .withFormats(CaseFormats.parse("pml")));
        Trace whole = Formats.readTrace(generated.resolve("boot_log.pml"), "boot_log.pml", ReadOptions.DEFAULT);
        Path upload = Files.createDirectories(dir.resolve("upload"));
        writePart(whole, 0, 1700, upload.resolve("Boot.pml"));
        writePart(whole, 1700, whole.size(), upload.resolve("Boot-1.pml"));

        CaseInputs.Loaded loaded = CaseInputs.load(List.of(upload), ReadOptions.DEFAULT);
        assertEquals(1, loaded.traces().size(), "Boot.pml and Boot-1.pml are one capture");
        assertTrue(loaded.unrecognised().isEmpty() && loaded.errors().isEmpty());
        Trace joined = loaded.traces().get(0);
        assertEquals(whole.size(), joined.size());
        assertEquals(whole.events().path(2500), joined.events().path(2500));
        var verdict = Rules.diagnose(CaseFacts.analyse(loaded.traces(), List.of(), KnowledgeAttribution.standard())).verdict();
        assertEquals(VerdictKind.LOCK_HOLDER, verdict.kind());

        // named on its own, a later part is read as what it is
        assertEquals(whole.size() - 1700,
                CaseInputs.load(List.of(upload.resolve("Boot-1.pml")), ReadOptions.DEFAULT).traces().get(0).size());
    }

    @Test
    void theTracesOfACaseKeepAtMostMaxEventsInAll(@TempDir Path dir) throws Exception {
        Path upload = dir.resolve("upload");
        Scenario[] scenarios = {Scenario.LOCK_HOLDER, Scenario.DECOY, Scenario.TWO_HOLDERS};
        for (int i = 0; i < scenarios.length; i++) {
            CaseGenerator.generate(scenarios[i], upload.resolve("case-" + i), GenerateOptions.defaults().withEvents(2000)
                    .withFormats(CaseFormats.parse("csv")));
        }
        Path first = upload.resolve("case-0").resolve("boot_log.csv");
        Path second = upload.resolve("case-1").resolve("boot_log.csv");
        int firstSize = Formats.readTrace(first, "first", ReadOptions.DEFAULT).size();
        int secondSize = Formats.readTrace(second, "second", ReadOptions.DEFAULT).size();

        CaseInputs.Loaded loaded = CaseInputs.load(List.of(upload), ReadOptions.DEFAULT.withMaxEvents(firstSize + 100));
        assertEquals(2, loaded.traces().size(), loaded.refused().toString());
        Trace whole = loaded.traces().get(0);
        assertEquals(firstSize, whole.size());
        assertNull(whole.report().eventLimit());
        Trace limited = loaded.traces().get(1);
        assertEquals(100, limited.size());
        assertEquals(new ReadReport.EventLimit(100, secondSize - 100), limited.report().eventLimit());
        assertEquals(List.of("upload/case-2/boot_log.csv: not read: the case already holds "
                + String.format(Locale.ROOT, "%,d", firstSize + 100) + " events, its most (--max-events)"), loaded.refused());
    }

    private static void writePart(Trace t, int from, int to, Path file) throws Exception {
        EventStore e = t.events();
        try (PmlWriter w = PmlWriter.open(file, PmlWriter.Machine.DEFAULT)) {
            t.processes().all().forEach(w::addProcess);
            for (int i = from; i < to; i++) {
                List<StackTable.Frame> frames = t.stacks().frames(e.stackId(i));
                long[] stack = frames.stream().mapToLong(StackTable.Frame::address).toArray();
                w.event(e.time(i), e.duration(i), e.processKey(i), e.tid(i), e.operation(i), e.operationName(i),
                        e.result(i), e.path(i), e.detail(i), stack, stack.length);
            }
        }
    }
}
