package io.lockscope.ingest.etw;

import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.etw.testing.SyntheticEtl;
import io.lockscope.generate.etw.EtlPayload;
import io.lockscope.model.EventClass;
import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.Trace;
import io.lockscope.model.detail.HandleDetail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticRegistryAndHandleTraceTest {
    @TempDir
    Path tmp;

    private static final long T0 = SyntheticEtl.HEADER_RAW;

    private Trace read(SyntheticEtl etl) throws Exception {
        return new EtlTraceReader().read(etl.write(tmp.resolve("t.etl")), "t.etl", ReadOptions.DEFAULT);
    }

    private static int find(Trace t, String operationName) {
        for (int i = 0; i < t.size(); i++) {
            if (t.events().operationName(i).equals(operationName)) {
                return i;
            }
        }
        throw new AssertionError("no " + operationName);
    }

    @Test
    void registryOperationsGetTheFullKeyFromTheKcbRundownStatusAndElapsedTime() throws Exception {
        long kcb = 0xFFFFC0000000AB00L;
        Trace t = read(new SyntheticEtl(1)
                .system(0, 0x09, 11, 2, 1880, 100, T0 + 50, new EtlPayload().u64(T0 + 20).u32(0xC0000034).u32(0).ptr(kcb)
                        .utf16z("Oposdrv"))
                .system(0, 0x09, 16, 2, 1880, 100, T0 + 60, new EtlPayload().u64(T0 + 55).u32(0).u32(0).ptr(kcb)
                        .utf16z("ImagePath"))
                // the KCB is named only by the rundown at the end of the trace
                .perfinfo(0, 0x09, 25, 2, T0 + 900, new EtlPayload().u64(0).u32(0).u32(0).ptr(kcb)
                        .utf16z("\\REGISTRY\\MACHINE\\SYSTEM\\CurrentControlSet\\Services")));
        EventStore e = t.events();
        int open = find(t, "RegOpenKey");
        assertEquals(Operation.REG_OPEN_KEY, e.operation(open));
        assertEquals("HKLM\\SYSTEM\\CurrentControlSet\\Services\\Oposdrv", e.path(open));
        assertEquals(0xC0000034, e.result(open));
        assertEquals(30, e.duration(open), "event time minus InitialTime");
        assertEquals(1880, t.process(open).pid());
        int query = find(t, "RegQueryValue");
        assertEquals("HKLM\\SYSTEM\\CurrentControlSet\\Services\\ImagePath", e.path(query));
        int rundown = find(t, "Registry/KCBRundownEnd");
        assertEquals(EventClass.REGISTRY, e.eventClass(rundown));
    }

    @Test
    void duplicatedAndRundownHandlesKeepBothProcessesAndTheTypeName() throws Exception {
        Trace t = read(new SyntheticEtl(1)
                .perfinfo(0, 0x11, 36, 2, T0 + 1, new EtlPayload().u16(37).u16(0).utf16z("File"))
                .system(0, 0x11, 34, 2, 600, 8, T0 + 2, new EtlPayload().ptr(0xB0).u32(0x10).u32(0x20).u32(700).u16(37).u32(600))
                .perfinfo(0, 0x11, 39, 2, T0 + 3, new EtlPayload().ptr(0xB1).u32(1880).u32(0x1A4).u16(37)
                        .utf16z("\\Device\\HarddiskVolume3\\x.dll")));
        EventStore e = t.events();
        int dup = find(t, "Object/DuplicateHandle");
        assertEquals(600, t.process(dup).pid());
        assertEquals(new HandleDetail(0x10, "File", null, 700, 0x20), e.detail(dup));
        assertEquals(0xB0, e.objectId(dup));
        int outstanding = find(t, "Object/HandleDCStop");
        assertEquals(1880, t.process(outstanding).pid(), "rundown handles carry their process in the payload");
        HandleDetail h = assertInstanceOf(HandleDetail.class, e.detail(outstanding));
        assertEquals(0x1A4, h.handle());
        assertEquals("\\Device\\HarddiskVolume3\\x.dll", e.path(outstanding), "no volume map in this trace");
    }

    @Test
    void shortKernelPayloadIsASkipCountedWithItsPlace() throws Exception {
        Trace t = read(new SyntheticEtl(1)
                .perfinfo(0, 0x04, 64, 3, T0 + 1, new EtlPayload().ptr(0x11).u32(1))
                .perfinfo(0, 0x0F, 46, 2, T0 + 2, new EtlPayload().ptr(0).u32(0)));
        assertEquals(1L, t.report().skippedByReason().get("ETW event payload shorter than its layout: Windows Kernel/FileIO/Create"));
        assertTrue(t.report().warnings().get(0).startsWith("t.etl: buffer 1 (file byte 0x1000) record at +0x48"),
                t.report().warnings().get(0));
        assertEquals("PerfInfo/Sample", t.events().operationName(t.size() - 1), "reading went on");
    }
}
