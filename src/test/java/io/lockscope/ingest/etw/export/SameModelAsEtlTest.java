package io.lockscope.ingest.etw.export;

import io.lockscope.generate.etw.EtlPayload;
import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.etw.testing.LockScenario;
import io.lockscope.ingest.etw.testing.SyntheticEtl;
import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.Trace;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.vocab.NtStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The events of the export fixtures written as a binary ETL and read by the native reader give the same
 * model as the tracerpt CSV, tracerpt XML and xperf dumper exports: operations, times, durations,
 * processes, paths, results, details and FILE_OBJECT/IRP.
 */
class SameModelAsEtlTest {
    static final long SCANNER_IRP = 0xFFFFB00000001001L;

    @TempDir
    Path tmp;

    /** One model event, its time relative to the trace's first event. */
    record Row(long time, long duration, Operation operation, String name, int pid, String process, String path,
               int result, long objectId, long irp, Detail detail) {
    }

    /** One process, its start relative to the trace's first event. */
    record Proc(int pid, int parentPid, String name, String commandLine, long start) {
    }

    /**
     * The events from the first process start on: not the ETL's own logfile header event ("EventTrace",
     * PID 0), which the fixtures leave out, nor the volume mapping, which xperf applies itself.
     */
    static List<Row> rows(Trace t) {
        EventStore e = t.events();
        long t0 = firstProcessStart(t);
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < e.size(); i++) {
            if (e.time(i) < t0) {
                continue;
            }
            ProcessInfo p = t.process(i);
            boolean file = e.operation(i) != Operation.OTHER;
            out.add(new Row(e.time(i) - t0, e.duration(i), e.operation(i), e.operationName(i), p.pid(), p.name(),
                    e.path(i), e.result(i), e.objectId(i), e.irp(i), file ? e.detail(i) : null));
        }
        return out;
    }

    static long firstProcessStart(Trace t) {
        EventStore e = t.events();
        for (int i = 0; i < e.size(); i++) {
            if ("Process/Start".equals(e.operationName(i))) {
                return e.time(i);
            }
        }
        throw new AssertionError("no Process/Start");
    }

    /** The processes seen starting; without command lines when the form has none. */
    static List<Proc> processes(Trace t, boolean commandLines) {
        long t0 = firstProcessStart(t);
        List<Proc> out = new ArrayList<>();
        for (ProcessInfo p : t.processes().all()) {
            if (p.startTime() == ProcessInfo.UNKNOWN_TIME) {
                continue; // a process named only by a header PID: the ETL header's PID 0, the volume mapping's 4
            }
            out.add(new Proc(p.pid(), p.parentPid(), p.name(), commandLines ? p.commandLine() : null,
                    p.startTime() - t0));
        }
        return out;
    }

    static EtlPayload process(int pid, int parent, String image) {
        return new EtlPayload().ptr(0xFFFF800000000000L + pid).u32(pid).u32(parent).u32(1).u32(259).ptr(0x1AB000)
                .u32(0).u32(0).ansiz(image).utf16z(image + " -x").utf16z("").utf16z("");
    }

    /** The fixtures' events (src/test/resources/etw/export/README.md) as a 64-bit ETL. */
    static SyntheticEtl etl() {
        long r = SyntheticEtl.HEADER_RAW;
        return new SyntheticEtl(1)
                .classic(0, UUID.fromString(KernelClasses.SYS_CONFIG_GUID), 35, 2, 4, 8, r,
                        new EtlPayload().utf16z("\\Device\\HarddiskVolume3\\").utf16z("C:\\"))
                .perfinfo(0, 0x03, 1, 4, r + 10_000, process(1880, 600, "ntrtscan.exe"))
                .system(0, 0x05, 1, 3, 1880, 100, r + 10_010, LockScenario.thread(1880, 100))
                .perfinfo(0, 0x03, 1, 4, r + 20_000, process(3000, 700, "TiWorker.exe"))
                .system(0, 0x05, 1, 3, 3000, 200, r + 20_010, LockScenario.thread(3000, 200))
                .perfinfo(0, 0x04, 64, 3, r + 100_000,
                        LockScenario.create(SCANNER_IRP, ExportedLockScenarioTest.FO_SCANNER, 100, 1, 0x60, 1))
                .perfinfo(0, 0x04, 76, 3, r + 100_500, LockScenario.opEnd(SCANNER_IRP, 1, 0))
                .perfinfo(0, 0x04, 64, 3, r + 200_000,
                        LockScenario.create(0xFFFFB00000002002L, ExportedLockScenarioTest.FO_INSTALLER, 200, 1, 0x40, 7))
                .perfinfo(0, 0x04, 76, 3, r + 200_800,
                        LockScenario.opEnd(0xFFFFB00000002002L, 0, NtStatus.SHARING_VIOLATION))
                .perfinfo(0, 0x04, 65, 3, r + 300_000,
                        LockScenario.simple(0xFFFFB00000003003L, ExportedLockScenarioTest.FO_SCANNER, 100))
                .perfinfo(0, 0x04, 76, 3, r + 300_200, LockScenario.opEnd(0xFFFFB00000003003L, 0, 0))
                .perfinfo(0, 0x04, 66, 3, r + 310_000,
                        LockScenario.simple(0xFFFFB00000004004L, ExportedLockScenarioTest.FO_SCANNER, 100))
                .perfinfo(0, 0x04, 76, 3, r + 310_200, LockScenario.opEnd(0xFFFFB00000004004L, 0, 0));
    }

    @Test
    void kernelExportsGiveTheModelOfTheNativeEtlReader() throws Exception {
        Path file = etl().write(tmp.resolve("lock.etl"));
        Trace native_ = Formats.readTrace(file, "lock.etl", ReadOptions.DEFAULT);
        assertEquals("etl", native_.format());
        List<Row> expected = rows(native_);
        assertEquals(8, expected.size());
        for (String name : List.of("lock-scenario.tracerpt.csv", "lock-scenario.tracerpt.xml")) {
            Trace t = ExportedLockScenarioTest.read(name);
            assertEquals(expected, rows(t), name);
            assertEquals(processes(native_, true), processes(t, true), name);
        }
        Trace dumper = ExportedLockScenarioTest.read("lock-scenario.xperf-dumper.txt");
        assertEquals(expected, rows(dumper));
        assertEquals(processes(native_, false), processes(dumper, false));
    }
}
