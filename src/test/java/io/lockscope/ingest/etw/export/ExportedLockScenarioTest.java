package io.lockscope.ingest.etw.export;

import io.lockscope.analysis.kb.KnowledgeAttribution;
import io.lockscope.batch.CaseAnalyzer;
import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.model.EventClass;
import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.TimeBase;
import io.lockscope.model.Trace;
import io.lockscope.model.detail.CreateFileDetail;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.rules.VerdictKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The lock scenario (a scanner holds oposdrv.dll open sharing read only; the installer's open fails
 * with SHARING VIOLATION; the scanner then closes) exported in the four forms of issue 6 reads to the
 * same file operations and the same verdict (the must-show of issue 6 names the three kernel-event forms;
 * the WPA File I/O table, without FILE_OBJECTs, reaches it from the open/close pairs).
 */
class ExportedLockScenarioTest {
    static final Path DIR = Path.of("src/test/resources/etw/export");
    static final String DOS_PATH =
            "C:\\Windows\\System32\\DriverStore\\FileRepository\\oposdrv.inf_amd64_1234\\oposdrv.dll";
    static final long T0 = 134192737938202515L;
    static final long FO_SCANNER = 0xFFFFA0010000A000L;
    static final long FO_INSTALLER = 0xFFFFA0010000B000L;

    /** One file operation as the analysis sees it. */
    record FileOp(Operation operation, String path, int result, int pid, String process, int tid) {
    }

    static final List<FileOp> EXPECTED = List.of(
            new FileOp(Operation.CREATE_FILE, DOS_PATH, 0, 1880, "ntrtscan.exe", 100),
            new FileOp(Operation.CREATE_FILE, DOS_PATH, NtStatus.SHARING_VIOLATION, 3000, "TiWorker.exe", 200),
            new FileOp(Operation.CLOSE_FILE, DOS_PATH, 0, 1880, "ntrtscan.exe", 100),
            new FileOp(Operation.IRP_MJ_CLOSE, DOS_PATH, 0, 1880, "ntrtscan.exe", 100));

    static Trace read(String name) throws Exception {
        return Formats.readTrace(DIR.resolve(name), name, ReadOptions.DEFAULT);
    }

    static List<FileOp> fileOps(Trace t) {
        List<FileOp> out = new ArrayList<>();
        EventStore e = t.events();
        for (int i = 0; i < e.size(); i++) {
            if (e.operation(i) != Operation.OTHER && e.eventClass(i) == EventClass.FILE_SYSTEM) {
                ProcessInfo p = t.process(i);
                out.add(new FileOp(e.operation(i), e.path(i), e.result(i), p.pid(), p.name(), e.tid(i)));
            }
        }
        return out;
    }

    static int first(Trace t, Operation op, int pid) {
        EventStore e = t.events();
        for (int i = 0; i < e.size(); i++) {
            if (e.operation(i) == op && t.process(i).pid() == pid) {
                return i;
            }
        }
        throw new AssertionError("no " + op + " by " + pid);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lock-scenario.tracerpt.csv", "lock-scenario.tracerpt.xml", "lock-scenario.xperf-dumper.txt",
            "lock-scenario.wpa-fileio-de.csv"})
    void everyFormReadsToTheSameFileOperations(String name) throws Exception {
        Trace t = read(name);
        assertEquals(0, t.report().skippedTotal(), t.report().warnings().toString());
        assertEquals(EXPECTED, fileOps(t));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lock-scenario.tracerpt.csv", "lock-scenario.tracerpt.xml", "lock-scenario.xperf-dumper.txt"})
    void kernelFormsKeepTimesDurationsShareModesAndFileObjects(String name) throws Exception {
        Trace t = read(name);
        assertEquals(TimeBase.UTC, t.timeBase());
        EventStore e = t.events();
        int scanner = first(t, Operation.CREATE_FILE, 1880);
        assertEquals(T0 + 100_000, e.time(scanner));
        assertEquals(500, e.duration(scanner), "OperationEnd 50 µs later");
        assertEquals(FO_SCANNER, e.objectId(scanner));
        assertEquals(0xFFFFB00000001001L, e.irp(scanner));
        CreateFileDetail d = assertInstanceOf(CreateFileDetail.class, e.detail(scanner));
        assertEquals(CreateFileDetail.SHARE_READ, d.shareMode());
        assertEquals(1, d.disposition(), "FILE_OPEN from the top byte of CreateOptions");
        assertEquals(1, d.openResult(), "FILE_OPENED from the OperationEnd's ExtraInfo");
        int installer = first(t, Operation.CREATE_FILE, 3000);
        assertEquals(FO_INSTALLER, e.objectId(installer));
        assertEquals(800, e.duration(installer));
        assertEquals(7, assertInstanceOf(CreateFileDetail.class, e.detail(installer)).shareMode());
        int cleanup = first(t, Operation.CLOSE_FILE, 1880);
        assertEquals(FO_SCANNER, e.objectId(cleanup));
        ProcessInfo scannerProcess = t.process(scanner);
        assertEquals(600, scannerProcess.parentPid());
        assertEquals(T0 + 10_000, scannerProcess.startTime());
        assertNotEquals(t.events().processKey(scanner), t.events().processKey(installer));
    }

    @Test
    void tracerptFormsNameKernelEventsAsTraceEventDoes() throws Exception {
        for (String name : List.of("lock-scenario.tracerpt.csv", "lock-scenario.tracerpt.xml")) {
            Trace t = read(name);
            List<String> others = new ArrayList<>();
            EventStore e = t.events();
            for (int i = 0; i < e.size(); i++) {
                if (e.operation(i) == Operation.OTHER) {
                    others.add(e.operationName(i));
                }
            }
            assertEquals(List.of("SysConfig/VolumeMapping", "Process/Start", "Thread/Start", "Process/Start",
                    "Thread/Start"), others, name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lock-scenario.tracerpt.csv", "lock-scenario.tracerpt.xml", "lock-scenario.xperf-dumper.txt",
            "lock-scenario.wpa-fileio-de.csv"})
    void theSameCaseGivesTheSameVerdictInEveryForm(String name) throws Exception {
        CaseAnalyzer.Result result = new CaseAnalyzer(ReadOptions.DEFAULT, List.of("oposdrv.dll"),
                KnowledgeAttribution.standard(), "en", "test").analyze(List.of(DIR.resolve(name)));
        assertEquals(VerdictKind.LOCK_HOLDER, result.diagnosis().verdict().kind());
        Trace t = result.loaded().traces().get(0);
        ProcessInfo holder = t.processes().get(result.diagnosis().verdict().blame().holder().processKey());
        assertEquals(1880, holder.pid());
        assertEquals("ntrtscan.exe", holder.name());
    }
}
