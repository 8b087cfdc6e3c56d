package io.lockscope.ingest.etw.export;

import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.model.EventClass;
import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.Trace;
import io.lockscope.model.detail.FilterDetail;
import io.lockscope.model.detail.HandleDetail;
import io.lockscope.model.vocab.NtStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Registry operations (KCB name + relative key), ObTrace handles (type index → name) and minifilter
 * failures (RoutineAddr → kernel driver, process by IRP) mapped as the ETL reader maps them.
 */
class RegistryHandleFilterExportTest {
    static final String PATH = "\\Device\\HarddiskVolume3\\Windows\\System32\\drivers\\oposdrv.sys";
    static final long FO = 0xFFFFA0010000B000L;
    static final long KCB = 0xFFFFC0000000AAAAL;

    @TempDir
    Path tmp;

    Trace read(String name, String text) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return Formats.readTrace(p, name, ReadOptions.DEFAULT);
    }

    static String row(String cls, String type, int version, int opcode, String pid, String tid, long time, String payload) {
        return String.join(", ", cls, type, "0", Integer.toString(version), "0", "0", Integer.toString(opcode), "0", "0x0",
                pid, tid, "0", "", "", "{00000000-0000-0000-0000-000000000000}", "", Long.toString(time), "0", "0", payload) + "\n";
    }

    static int find(EventStore e, String name) {
        for (int i = 0; i < e.size(); i++) {
            if (name.equals(e.operationName(i))) {
                return i;
            }
        }
        throw new AssertionError("no " + name);
    }

    @Test
    void tracerptCsvKernelClassesBeyondFileIo() throws Exception {
        long t = 134192737938202515L;
        String csv = String.join(", ", TracerptCsvReader.HEADER) + "\n"
                + row("SysConfig", "VolumeMapping", 2, 35, "0x4", "0x8", t, "\"\\Device\\HarddiskVolume3\\\", \"C:\\\"")
                + row("SysConfig", "VolumeMapping", 2, 35, "0x4", "0x8", t, "\"\\SystemRoot\\\", \"C:\\Windows\\\"")
                + row("Image", "DCStart", 3, 3, "0x0", "0x0", t, "0xFFFFF80050000000, 0x40000, 0, 0, 0, 0, 0, 0, 0x0, 0, 0, 0, 0, "
                        + "\"\\SystemRoot\\system32\\drivers\\tmevtmgr.sys\"")
                + row("Thread", "DCStart", 3, 3, "0xBB8", "0xC8", t, "3000, 200, 0, 0, 0, 0, 0, 0, 0, 0, 8, 5, 2, 0")
                + row("ObTrace", "TypeDCEnd", 2, 37, "0x0", "0x0", t + 1, "37, 0, \"File\"")
                + row("Registry", "KCBRundownEnd", 2, 25, "0x4", "0x8", t + 2,
                        "0, 0x0, 0, 0xFFFFC0000000AAAA, \"\\REGISTRY\\MACHINE\\SYSTEM\\CurrentControlSet\\Services\\oposdrv\"")
                + row("Registry", "Open", 2, 11, "0xBB8", "0xC8", t + 3, "0, 0xC0000034, 0, 0xFFFFC0000000AAAA, \"Parameters\"")
                + row("FileIo", "Create", 3, 64, "0xFFFFFFFF", "0xFFFFFFFF", t + 10,
                        "0x2002, 0xFFFFA0010000B000, 200, 0x01000040, 0x80, 0x7, \"" + PATH + "\"")
                + row("ObTrace", "CreateHandle", 2, 32, "0xBB8", "0xC8", t + 11, "0xFFFFA0010000B000, 0x1A4, 37, \"\"")
                + row("FileIo", "PostOpFailure", 3, 101, "0xFFFFFFFF", "0xFFFFFFFF", t + 12,
                        "0xFFFFF80050001234, 0xFFFFA0010000B000, 0x0, 0x2002, 0xCB0, 0, 0xC0000022")
                + row("FileIo", "OperationEnd", 3, 76, "0xFFFFFFFF", "0xFFFFFFFF", t + 20, "0x2002, 0x0, 0xC0000043");
        Trace trace = read("kernel.csv", csv);
        assertEquals(0, trace.report().skippedTotal(), trace.report().warnings().toString());
        EventStore e = trace.events();

        int open = find(e, "RegOpenKey");
        assertEquals(Operation.REG_OPEN_KEY, e.operation(open));
        assertEquals("HKLM\\SYSTEM\\CurrentControlSet\\Services\\oposdrv\\Parameters", e.path(open));
        assertEquals(NtStatus.NAME_NOT_FOUND, e.result(open));
        assertEquals(3000, trace.process(open).pid());

        int handle = find(e, "Object/CreateHandle");
        HandleDetail h = assertInstanceOf(HandleDetail.class, e.detail(handle));
        assertEquals("File", h.objectType());
        assertEquals(0x1A4, h.handle());
        assertEquals("C:\\Windows\\System32\\drivers\\oposdrv.sys", e.path(handle));
        assertEquals(FO, e.objectId(handle));

        int filter = find(e, "FileIO/PostOpFailure");
        assertEquals(EventClass.FILTER, e.eventClass(filter));
        FilterDetail f = assertInstanceOf(FilterDetail.class, e.detail(filter));
        assertEquals("C:\\Windows\\system32\\drivers\\tmevtmgr.sys", f.driver());
        assertEquals(0xFFFFF80050001234L, f.routineAddress());
        assertEquals(NtStatus.ACCESS_DENIED, e.result(filter));
        assertEquals(3000, trace.process(filter).pid(), "the process of the request with the same IRP");
        assertEquals(0x2002, e.irp(filter));
        assertEquals(FO, e.objectId(filter));

        int create = find(e, "CreateFile");
        assertEquals(NtStatus.SHARING_VIOLATION, e.result(create));
        assertEquals(3000, trace.process(create).pid(), "TTID 200 → PID 3000 from Thread/DCStart");
    }

    @Test
    void dumperRegistryRowsReadByTheirHeaderLine() throws Exception {
        String text = "BeginHeader\n"
                + "RegOpenKey,  TimeStamp, Process Name ( PID), ThreadID, Status, KeyName\n"
                + "SomeNewEvent,  TimeStamp, Process Name ( PID), ThreadID, Whatever\n"
                + "EndHeader\n"
                + "OS Version: 10.0.19043, Trace Size: 1KB, Trace Start: 134192737938202515, PointerSize: 8\n"
                + " RegOpenKey, 5, TiWorker.exe (3000), 200, 0xc0000034, \"\\REGISTRY\\MACHINE\\SOFTWARE\\x\"\n"
                + " SomeNewEvent, 7, TiWorker.exe (3000), 200, 1\n";
        Trace t = read("reg.txt", text);
        assertEquals(0, t.report().skippedTotal(), t.report().warnings().toString());
        EventStore e = t.events();
        assertEquals(Operation.REG_OPEN_KEY, e.operation(0));
        assertEquals("HKLM\\SOFTWARE\\x", e.path(0));
        assertEquals(NtStatus.NAME_NOT_FOUND, e.result(0));
        assertEquals("TiWorker.exe", t.process(0).name());
        assertEquals(Operation.OTHER, e.operation(1));
        assertEquals("SomeNewEvent", e.operationName(1));
        assertEquals(134192737938202515L + 70, e.time(1));
        assertEquals(200, e.tid(1));
    }

    @Test
    void wpaRegistryMiniFilterAndHandleTables() throws Exception {
        Trace reg = read("reg.csv", "Process,Entire Key (Base+Remainder),Operation,Thread ID,Status,Operation Time (s),Elapsed Time (µs)\n"
                + "TiWorker.exe (3000),\\REGISTRY\\MACHINE\\SYSTEM\\x,RegOpenKey,200,0xC0000034,1.5,2.5\n");
        assertEquals(Operation.REG_OPEN_KEY, reg.events().operation(0));
        assertEquals("HKLM\\SYSTEM\\x", reg.events().path(0));
        assertEquals(NtStatus.NAME_NOT_FOUND, reg.events().result(0));
        assertEquals(15_000_000L, reg.events().time(0));
        assertEquals(25L, reg.events().duration(0));

        Trace flt = read("flt.csv", "Process Name,ProcessID,File Name,Mini-Filter Driver,Major Function Name (Count),"
                + "ThreadID,NTStatus,Duration (µs),Start (s)\n"
                + "TiWorker.exe,3000,C:\\x\\oposdrv.dll,tmevtmgr.sys,IRP_MJ_CREATE,200,0xC0000022,12,2\n");
        EventStore e = flt.events();
        assertEquals(EventClass.FILTER, e.eventClass(0));
        assertEquals("FileIO/PostOpFailure", e.operationName(0));
        FilterDetail f = assertInstanceOf(FilterDetail.class, e.detail(0));
        assertEquals("tmevtmgr.sys", f.driver());
        assertEquals(0, f.majorFunction());
        assertEquals(NtStatus.ACCESS_DENIED, e.result(0));
        assertEquals("C:\\x\\oposdrv.dll", e.path(0));
        assertEquals(3000, flt.process(0).pid());
        assertEquals("TiWorker.exe", flt.process(0).name());

        Trace handles = read("h.csv", "Handle Type,Owning Process,Object Name,Create Time (s),Close Time (s)\n"
                + "File,ntrtscan.exe (1880),C:\\x\\oposdrv.dll,1,3\n"
                + "File,ntrtscan.exe (1880),C:\\x\\other.dll,2,\n");
        EventStore h = handles.events();
        assertEquals(2, h.size());
        assertEquals("Object/CreateHandle", h.operationName(0));
        assertEquals(10_000_000L, h.time(0));
        assertEquals(20_000_000L, h.duration(0), "open from 1 s to 3 s");
        assertEquals("C:\\x\\other.dll", h.path(1));
        assertEquals(EventStore.NO_DURATION, h.duration(1), "still open when the trace ended");
        assertEquals(1880, handles.process(1).pid());
    }
}
