package io.lockscope.ingest.procmon;

import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.procmon.pml.PmlCorpus;
import io.lockscope.ingest.procmon.pml.PmlReader;
import io.lockscope.model.Module;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.TraceBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CapturingProcmonTest {

    private static ProcessInfo process(int pid, String name, String version, List<Module> modules) {
        return new ProcessInfo(pid, 0, name, null, null, null, null, version, null, null, 0, null, true, false,
                ProcessInfo.UNKNOWN_TIME, ProcessInfo.UNKNOWN_TIME, modules);
    }

    @Test
    void procmonsProcessAndDriverAreNamedWithTheirVersions() {
        TraceBuilder b = new TraceBuilder("boot.pml", "procmon-pml");
        b.addProcess(process(4, "System", null, List.of(new Module(0xFFFFF80116000000L, 0x1E000,
                "C:\\Windows\\System32\\drivers\\PROCMON24.SYS", "Sysinternals", "3.51", "Process Monitor Driver", 0))));
        b.addProcess(process(6120, "Procmon64.exe", "3.96", List.of()));
        assertEquals("Procmon64.exe 3.96; driver PROCMON24.SYS 3.51", CapturingProcmon.describe(b.build()));

        TraceBuilder none = new TraceBuilder("boot.csv", "procmon-csv");
        none.addProcess(ProcessInfo.of(1320, "Explorer.EXE"));
        assertNull(CapturingProcmon.describe(none.build()), "a log that shows no procmon names none");
    }

    @Test
    void theWindows7CaptureShowsProcmon34(@TempDir Path temp) throws Exception {
        PmlCorpus.assumePresent();
        PmlCorpus.Pair pair = PmlCorpus.inflatePair("CompressedLogfileTests32bitUTC", temp);
        assertEquals("Procmon.exe 3.4; driver PROCMON23.SYS",
                CapturingProcmon.describe(new PmlReader().read(pair.pml(), "t.pml", ReadOptions.DEFAULT)),
                "Explorer mapped the Procmon.exe on the desktop; the driver has no version string");
    }
}
