package io.lockscope.ingest.etw;

import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.Readers;
import io.lockscope.ingest.etw.testing.SyntheticEtl;
import io.lockscope.ingest.etw.testing.SyntheticEtl.Payload;
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
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scenario lockscope exists for, as a synthetic 64-bit ETL: a scanner (ntrtscan.exe) opens the
 * driver's DLL for read without FILE_SHARE_DELETE and holds a File handle on it; the installer
 * (TiWorker.exe) then opens it for delete and fails with SHARING VIOLATION while a minifilter
 * (tmevtmgr.sys) fails the same IRP; the scanner then closes.
 */
class SyntheticFileIoTraceTest {
    @TempDir
    static Path tmp;

    static final long T0 = SyntheticEtl.HEADER_RAW;
    static final int SCANNER = 1880;
    static final int SCANNER_TID = 100;
    static final int INSTALLER = 3000;
    static final int INSTALLER_TID = 200;
    static final long FO_SCANNER = 0xFFFFA0010000A000L;
    static final long FO_INSTALLER = 0xFFFFA0010000B000L;
    static final long FILE_KEY = 0xFFFFC00012345000L;
    static final long DRIVER_BASE = 0xFFFFF80050000000L;
    static final String NT_PATH = "\\Device\\HarddiskVolume3\\Windows\\System32\\DriverStore\\FileRepository\\"
            + "oposdrv.inf_amd64_1234\\oposdrv.dll";
    static final String DOS_PATH = "C:\\Windows\\System32\\DriverStore\\FileRepository\\oposdrv.inf_amd64_1234\\oposdrv.dll";
    static final int STATUS_SHARING_VIOLATION = 0xC0000043;
    static final int STATUS_ACCESS_DENIED = 0xC0000022;

    static Trace trace;

    static Payload process(int pid, int parent, String image) {
        return new Payload().ptr(0xFFFF800000000000L + pid).u32(pid).u32(parent).u32(0).u32(259).ptr(0x1000)
                .u32(0).u32(0).ansiz(image).utf16z(image + " -x").utf16z("").utf16z("");
    }

    static Payload thread(int pid, int tid) {
        return new Payload().u32(pid).u32(tid).ptr(0).ptr(0).ptr(0).ptr(0).ptr(0).ptr(0).ptr(0).u32(0)
                .u8(8).u8(5).u8(2).u8(0);
    }

    static Payload create(long irp, long fileObject, int ttid, int disposition, int options, int share) {
        return new Payload().ptr(irp).ptr(fileObject).u32(ttid).u32(disposition << 24 | options).u32(0x80).u32(share)
                .utf16z(NT_PATH);
    }

    static Payload opEnd(long irp, long extraInfo, int status) {
        return new Payload().ptr(irp).ptr(extraInfo).u32(status);
    }

    static Payload simple(long irp, long fileObject, int ttid) {
        return new Payload().ptr(irp).ptr(fileObject).ptr(FILE_KEY).u32(ttid);
    }

    static Payload handle(long object, int handle, int type) {
        return new Payload().ptr(object).u32(handle).u16(type).utf16z("");
    }

    @BeforeAll
    static void writeAndRead() throws Exception {
        SyntheticEtl etl = new SyntheticEtl(2);
        etl.classic(0, UUID.fromString("9b79ee91-b5fd-41c0-a243-4248e266e9d0"), 35, 2, 0, 0, T0,
                        new Payload().utf16z("\\Device\\HarddiskVolume3\\").utf16z("C:\\"))
                .classic(0, UUID.fromString("9b79ee91-b5fd-41c0-a243-4248e266e9d0"), 35, 2, 0, 0, T0,
                        new Payload().utf16z("\\SystemRoot\\").utf16z("C:\\Windows\\"))
                .perfinfo(0, 0x03, 3, 4, T0, process(4, 0, "System"))
                .perfinfo(0, 0x03, 3, 4, T0 + 1, process(SCANNER, 600, "ntrtscan.exe"))
                .perfinfo(0, 0x03, 3, 4, T0 + 2, process(INSTALLER, 700, "TiWorker.exe"))
                .system(0, 0x05, 3, 3, SCANNER, SCANNER_TID, T0 + 3, thread(SCANNER, SCANNER_TID))
                .system(0, 0x05, 3, 3, INSTALLER, INSTALLER_TID, T0 + 4, thread(INSTALLER, INSTALLER_TID))
                .perfinfo(0, 0x14, 3, 3, T0 + 5, new Payload().ptr(DRIVER_BASE).ptr(0x40000).u32(0).u32(0).u32(0)
                        .u32(0).ptr(0).u32(0).u32(0).u32(0).u32(0).utf16z("\\SystemRoot\\system32\\drivers\\tmevtmgr.sys"))
                .perfinfo(0, 0x11, 36, 2, T0 + 6, new Payload().u16(37).u16(0).utf16z("File"))
                // the scanner opens for read, sharing read only (FILE_OPEN = 1)
                .perfinfo(0, 0x04, 64, 3, T0 + 100, create(0x1001, FO_SCANNER, SCANNER_TID, 1, 0x60, 1))
                .flush(0)
                .perfinfo(1, 0x04, 76, 3, T0 + 150, opEnd(0x1001, 1, 0))
                .system(1, 0x11, 32, 2, SCANNER, SCANNER_TID, T0 + 160, handle(FO_SCANNER, 0x1A4, 37))
                // the installer opens the same file for delete: sharing violation, and a minifilter fails it too
                .perfinfo(1, 0x04, 64, 3, T0 + 200, create(0x2002, FO_INSTALLER, INSTALLER_TID, 1, 0x1000, 7))
                // the kernel stack of the installer's create, by cached key, defined only at the end
                .perfinfo(1, 0x18, 37, 2, T0 + 201, new Payload().u64(T0 + 200).u32(INSTALLER).u32(INSTALLER_TID).ptr(0x5000))
                .perfinfo(1, 0x04, 101, 3, T0 + 220, new Payload().ptr(DRIVER_BASE + 0x1234).ptr(FO_INSTALLER)
                        .ptr(0).ptr(0x2002).ptr(0xCB0).u32(0).u32(STATUS_ACCESS_DENIED))
                .perfinfo(1, 0x04, 76, 3, T0 + 250, opEnd(0x2002, 0, STATUS_SHARING_VIOLATION))
                .flush(1)
                // the scanner closes: handle, Cleanup, Close
                .system(0, 0x11, 33, 2, SCANNER, SCANNER_TID, T0 + 300, handle(FO_SCANNER, 0x1A4, 37))
                .perfinfo(0, 0x04, 65, 3, T0 + 310, simple(0x3003, FO_SCANNER, SCANNER_TID))
                .perfinfo(1, 0x04, 76, 3, T0 + 320, opEnd(0x3003, 0, 0))
                .perfinfo(0, 0x04, 66, 3, T0 + 330, simple(0x4004, FO_SCANNER, SCANNER_TID))
                .perfinfo(1, 0x04, 76, 3, T0 + 340, opEnd(0x4004, 0, 0))
                .perfinfo(1, 0x18, 36, 2, T0 + 900, new Payload().ptr(0x5000).ptr(DRIVER_BASE + 0x2000).ptr(0xFFFFF80012345678L));
        Path file = etl.write(tmp.resolve("boot-trace.bin"));
        trace = Readers.read(file, "boot-trace.bin", ReadOptions.DEFAULT);
    }

    private static List<Integer> events(Operation op, String otherName) {
        List<Integer> out = new ArrayList<>();
        EventStore e = trace.events();
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
