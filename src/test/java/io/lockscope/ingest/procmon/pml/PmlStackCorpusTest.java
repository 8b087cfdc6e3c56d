package io.lockscope.ingest.procmon.pml;

import io.lockscope.ingest.ReadOptions;
import io.lockscope.model.EventClass;
import io.lockscope.model.StackTable;
import io.lockscope.model.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stack frames of the 64-bit Windows 10 corpus PML resolve against the System and process modules. */
class PmlStackCorpusTest {
    @TempDir
    Path temp;

    @Test
    void kernelFramesNameTheFilterDriversUserFramesTheProcessModules() throws Exception {
        PmlCorpus.assumePresent();
        PmlCorpus.Pair pair = PmlCorpus.inflatePair("CompressedLogfileTests64bitUTC", temp);
        Trace t = new PmlReader().read(pair.pml(), pair.name(), ReadOptions.DEFAULT);
        int withDefenderFilter = 0;
        int withFilterManager = 0;
        int userFramesInNtdll = 0;
        for (int i = 0; i < t.size(); i++) {
            List<StackTable.Frame> frames = t.stacks().frames(t.events().stackId(i));
            boolean defender = false;
            boolean fltmgr = false;
            for (StackTable.Frame f : frames) {
                String module = f.moduleFileName();
                defender |= f.kernel() && "WdFilter.sys".equalsIgnoreCase(module);
                fltmgr |= f.kernel() && "FLTMGR.SYS".equalsIgnoreCase(module);
                if (!f.kernel() && "ntdll.dll".equalsIgnoreCase(module)) {
                    userFramesInNtdll++;
                    assertEquals(f.address() - f.offset(), baseOf(t, i, f.module()), "offset from the module base");
                }
            }
            if (defender && t.events().eventClass(i) == EventClass.FILE_SYSTEM) {
                withDefenderFilter++;
            }
            if (fltmgr) {
                withFilterManager++;
            }
        }
        // procmon-formats.md §0.3: 36 file-system events of this sample have WdFilter.sys in their stack
        assertEquals(36, withDefenderFilter);
        assertTrue(withFilterManager > 1000, "FLTMGR.SYS frames: " + withFilterManager);
        assertTrue(userFramesInNtdll > 1000, "ntdll.dll user frames: " + userFramesInNtdll);
    }

    private static long baseOf(Trace t, int event, String modulePath) {
        return t.process(event).modules().stream().filter(m -> m.path().equals(modulePath)).findFirst()
                .orElseThrow().base();
    }
}
