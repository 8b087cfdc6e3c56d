package io.lockscope.ingest.procmon.pml;

import io.lockscope.export.pml.PmlWriter;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.Trace;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.vocab.NtStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Boot.pml, Boot-1.pml, … read as one capture. */
class PmlSplitCaptureTest {
    private static final long T0 = 132_400_000_000_000_000L;

    @TempDir
    Path temp;

    @Test
    void partsAreFoundInOrder() throws Exception {
        for (String n : List.of("Boot.pml", "Boot-1.pml", "Boot-2.pml", "Boot-4.pml", "Other-1.pml")) {
            Files.write(temp.resolve(n), new byte[1]);
        }
        assertEquals(List.of(temp.resolve("Boot.pml"), temp.resolve("Boot-1.pml"), temp.resolve("Boot-2.pml")),
                new PmlReader().parts(temp.resolve("Boot.pml")));
        assertEquals(List.of(temp.resolve("Boot-1.pml")), new PmlReader().parts(temp.resolve("Boot-1.pml")));
    }

    @Test
    void partsReadAsOneTraceWithSharedProcesses() throws Exception {
        ProcessInfo system = new ProcessInfo(4, 0, "System", "", "", "", "", "", "NT AUTHORITY\\SYSTEM",
                "00000000:000003e7", 0, "System", true, false, T0 - 100, ProcessInfo.UNKNOWN_TIME, List.of());
        ProcessInfo worker = new ProcessInfo(620, 4, "TiWorker.exe", "C:\\Windows\\WinSxS\\TiWorker.exe", "", "", "", "",
                "NT AUTHORITY\\SYSTEM", "00000000:000003e7", 0, "System", true, false, T0, ProcessInfo.UNKNOWN_TIME,
                List.of());
        ProcessInfo workerEnded = worker.withTimes(T0, T0 + 5000);
        writePart(temp.resolve("Boot.pml"), List.of(system, worker), 0, 3);
        writePart(temp.resolve("Boot-1.pml"), List.of(workerEnded, system), 3, 2);

        Trace t = new PmlReader().readAll(new PmlReader().parts(temp.resolve("Boot.pml")), "Boot.pml", ReadOptions.DEFAULT);
        assertEquals(5, t.size());
        assertEquals(2, t.processes().size(), "System and TiWorker once each");
        for (int i = 0; i < 5; i++) {
            assertEquals(T0 + i, t.events().time(i));
            assertEquals(620, t.process(i).pid());
        }
        assertEquals(T0 + 5000, t.process(4).endTime(), "the later part's end time is kept");
        assertEquals(t.events().processKey(0), t.events().processKey(4));
    }

    private static void writePart(Path file, List<ProcessInfo> processes, int first, int count) throws Exception {
        try (PmlWriter w = PmlWriter.open(file, PmlWriter.Machine.DEFAULT)) {
            int worker = -1;
            for (ProcessInfo p : processes) {
                int index = w.addProcess(p);
                if (p.pid() == 620) {
                    worker = index;
                }
            }
            for (int i = first; i < first + count; i++) {
                w.event(T0 + i, 1, worker, 9, Operation.CLOSE_FILE, null, NtStatus.SUCCESS, "C:\\x" + i,
                        Detail.None.INSTANCE, new long[0], 0);
            }
        }
    }
}
