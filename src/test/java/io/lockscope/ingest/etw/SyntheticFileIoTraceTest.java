package io.lockscope.ingest.etw;

import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.etw.testing.LockScenario;
import io.lockscope.ingest.etw.testing.SyntheticEtl;
import io.lockscope.model.EventClass;
import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.TimeBase;
import io.lockscope.model.Trace;
import io.lockscope.model.detail.CreateFileDetail;
import io.lockscope.model.detail.FilterDetail;
import io.lockscope.model.detail.HandleDetail;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.lockscope.ingest.etw.testing.LockScenario.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link LockScenario} read back through the registered ETL reader. */
class SyntheticFileIoTraceTest {
    @TempDir
    static Path tmp;

    static Trace trace;

    @BeforeAll
    static void writeAndRead() throws Exception {
        Path file = LockScenario.etl().write(tmp.resolve("boot-trace.bin"));
        trace = Formats.readTrace(file, "boot-trace.bin", ReadOptions.DEFAULT);
    }

    private static List<Integer> events(Operation op, String otherName) {
        return events(trace, op, otherName);
    }

    private static List<Integer> events(Trace t, Operation op, String otherName) {
        List<Integer> out = new ArrayList<>();
        EventStore e = t.events();
        for (int i = 0; i < e.size(); i++) {
            if (e.operation(i) == op && (otherName == null || otherName.equals(e.operationName(i)))) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void readThroughTheServiceRegistryByContentInUtc() {
        assertEquals("etl", trace.format());
        assertEquals(TimeBase.UTC, trace.timeBase());
        assertEquals(0, trace.report().skippedTotal(), trace.report().warnings().toString());
        EventStore e = trace.events();
        for (int i = 1; i < e.size(); i++) {
            assertTrue(e.time(i) >= e.time(i - 1), "event " + i + " out of time order");
        }
    }

    @Test
    void createsCarryShareModeResultDurationAndFileObject() {
        List<Integer> creates = events(Operation.CREATE_FILE, null);
        assertEquals(2, creates.size());
        EventStore e = trace.events();
        int scanner = creates.get(0);
        ProcessInfo p = trace.process(scanner);
        assertEquals(SCANNER, p.pid());
        assertEquals("ntrtscan.exe", p.name());
        assertEquals("ntrtscan.exe -x", p.commandLine());
        assertEquals(SCANNER_TID, e.tid(scanner));
        assertEquals(DOS_PATH, e.path(scanner));
        assertEquals(SyntheticEtl.START_TIME + 100, e.time(scanner));
        assertEquals(50, e.duration(scanner), "OperationEnd 50 ticks later");
        assertEquals(0, e.result(scanner));
        CreateFileDetail d = assertInstanceOf(CreateFileDetail.class, e.detail(scanner));
        assertEquals(CreateFileDetail.SHARE_READ, d.shareMode());
        assertEquals(1, d.disposition());
        assertEquals(0x60, d.options());
        assertEquals(1, d.openResult(), "FILE_OPENED from the OperationEnd ExtraInfo");
        assertEquals(FO_SCANNER, e.objectId(scanner));
        assertEquals(0x1001, e.irp(scanner));

        int installer = creates.get(1);
        assertEquals("TiWorker.exe", trace.process(installer).name());
        assertEquals(DOS_PATH, e.path(installer), "a second Create of a path gets the path the first one did");
        assertEquals(STATUS_SHARING_VIOLATION, e.result(installer));
        assertEquals(7, ((CreateFileDetail) e.detail(installer)).shareMode());
        assertEquals(-1, ((CreateFileDetail) e.detail(installer)).openResult());
        assertEquals(FO_INSTALLER, e.objectId(installer));
    }

    @Test
    void theInstallersCreateCarriesItsKernelStackWithTheMinifilterFrame() {
        EventStore e = trace.events();
        int installer = events(Operation.CREATE_FILE, null).get(1);
        List<io.lockscope.model.StackTable.Frame> frames = trace.stacks().frames(e.stackId(installer));
        assertEquals(2, frames.size());
        assertEquals("tmevtmgr.sys", frames.get(0).moduleFileName());
        assertEquals(0x2000, frames.get(0).offset());
        assertTrue(frames.get(0).kernel());
        assertEquals(null, frames.get(1).module(), "an address in no loaded module");
        assertEquals(io.lockscope.model.StackTable.NONE, e.stackId(events(Operation.CREATE_FILE, null).get(0)));
    }

    @Test
    void cleanupAndCloseEndTheScannersOpenOnTheSameFileObject() {
        EventStore e = trace.events();
        List<Integer> cleanups = events(Operation.CLOSE_FILE, null);
        List<Integer> closes = events(Operation.IRP_MJ_CLOSE, null);
        assertEquals(1, cleanups.size());
        assertEquals(1, closes.size());
        for (int i : List.of(cleanups.get(0), closes.get(0))) {
            assertEquals(FO_SCANNER, e.objectId(i));
            assertEquals(DOS_PATH, e.path(i));
            assertEquals(SCANNER, trace.process(i).pid());
            assertEquals(0, e.result(i));
            assertEquals(10, e.duration(i));
        }
        assertTrue(e.time(cleanups.get(0)) > e.time(events(Operation.CREATE_FILE, null).get(1)));
        assertEquals(0, events(Operation.OTHER, "FileIO/OperationEnd").size(), "every OperationEnd was joined");
    }

    /**
     * A FILE_OBJECT opened before the trace began has no Create to name it; when Close frees it, the
     * next open, of another file, may get the same address. Its path stays unknown (and counted) rather
     * than taken from that later open.
     */
    @Test
    void aFileObjectFromBeforeTheTraceIsNotNamedByALaterOpenAtItsAddress(@TempDir Path dir) throws Exception {
        Path file = new SyntheticEtl(1)
                .volumeMapping(0, T0, "\\Device\\HarddiskVolume3\\", "C:\\")
                .perfinfo(0, 0x03, 3, 4, T0 + 1, process(SCANNER, 600, "ntrtscan.exe"))
                .system(0, 0x05, 3, 3, SCANNER, SCANNER_TID, T0 + 2, thread(SCANNER, SCANNER_TID))
                .perfinfo(0, 0x04, 65, 3, T0 + 10, simple(0x1001, FO_SCANNER, SCANNER_TID))
                .perfinfo(0, 0x04, 76, 3, T0 + 11, opEnd(0x1001, 0, 0))
                .perfinfo(0, 0x04, 66, 3, T0 + 12, simple(0x1002, FO_SCANNER, SCANNER_TID))
                .perfinfo(0, 0x04, 76, 3, T0 + 13, opEnd(0x1002, 0, 0))
                .perfinfo(0, 0x04, 64, 3, T0 + 20, create(0x1003, FO_SCANNER, SCANNER_TID, 1, 0x60, 1))
                .perfinfo(0, 0x04, 76, 3, T0 + 21, opEnd(0x1003, 1, 0))
                .write(dir.resolve("reused.etl"));
        Trace reused = Formats.readTrace(file, "reused.etl", ReadOptions.DEFAULT);
        EventStore e = reused.events();
        List<Integer> cleanups = events(reused, Operation.CLOSE_FILE, null);
        List<Integer> closes = events(reused, Operation.IRP_MJ_CLOSE, null);
        List<Integer> creates = events(reused, Operation.CREATE_FILE, null);
        assertEquals(List.of(1, 1, 1), List.of(cleanups.size(), closes.size(), creates.size()));
        assertEquals("", e.path(cleanups.get(0)));
        assertEquals("", e.path(closes.get(0)));
        assertEquals(DOS_PATH, e.path(creates.get(0)));
        assertTrue(reused.report().warnings().stream().anyMatch(w -> w.contains("2 file events name a FILE_OBJECT")),
                reused.report().warnings().toString());
    }

    @Test
    void handleEventsNameTheTypeAndTheFileObjectsPath() {
        EventStore e = trace.events();
        List<Integer> opened = events(Operation.OTHER, "Object/CreateHandle");
        List<Integer> closed = events(Operation.OTHER, "Object/CloseHandle");
        assertEquals(1, opened.size());
        assertEquals(1, closed.size());
        int i = opened.get(0);
        assertEquals(EventClass.HANDLE, e.eventClass(i));
        HandleDetail h = assertInstanceOf(HandleDetail.class, e.detail(i));
        assertEquals(0x1A4, h.handle());
        assertEquals("File", h.objectType());
        assertEquals(FO_SCANNER, e.objectId(i));
        assertEquals(DOS_PATH, e.path(i));
        assertEquals(SCANNER, trace.process(i).pid());
        assertEquals(FO_SCANNER, e.objectId(closed.get(0)));
    }

    @Test
    void minifilterFailureNamesItsDriverAndJoinsTheInstallersIrp() {
        EventStore e = trace.events();
        List<Integer> failures = events(Operation.OTHER, "FileIO/PostOpFailure");
        assertEquals(1, failures.size());
        int i = failures.get(0);
        assertEquals(EventClass.FILTER, e.eventClass(i));
        assertEquals(STATUS_ACCESS_DENIED, e.result(i));
        FilterDetail f = assertInstanceOf(FilterDetail.class, e.detail(i));
        assertEquals("C:\\Windows\\system32\\drivers\\tmevtmgr.sys", f.driver());
        assertEquals(DRIVER_BASE + 0x1234, f.routineAddress());
        assertEquals(0, f.majorFunction(), "IRP_MJ_CREATE");
        assertEquals(FO_INSTALLER, e.objectId(i));
        assertEquals(0x2002, e.irp(i));
        assertEquals(INSTALLER, trace.process(i).pid(), "PERFINFO header: process from the IRP's request");
        assertEquals(DOS_PATH, e.path(i));
        ProcessInfo system = trace.processes().system();
        assertEquals("System", system.name());
        assertEquals("C:\\Windows\\system32\\drivers\\tmevtmgr.sys", system.moduleAt(DRIVER_BASE + 0x1234).path(),
                "kernel images (ProcessId 0) are the System process's modules");
    }
}
