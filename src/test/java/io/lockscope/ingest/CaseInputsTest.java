package io.lockscope.ingest;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.kb.KnowledgeAttribution;
import io.lockscope.export.pml.PmlWriter;
import io.lockscope.generate.CaseFormats;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.GenerateOptions;
import io.lockscope.generate.Scenario;
import io.lockscope.model.EventStore;
import io.lockscope.model.StackTable;
import io.lockscope.model.Trace;
import io.lockscope.rules.Rules;
import io.lockscope.rules.VerdictKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
