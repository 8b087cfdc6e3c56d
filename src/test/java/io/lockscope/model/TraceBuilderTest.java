package io.lockscope.model;

import io.lockscope.model.detail.CreateFileDetail;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.DetailCodec;
import io.lockscope.model.detail.IoDetail;
import io.lockscope.model.detail.LockDetail;
import io.lockscope.model.detail.ProcessDetail;
import io.lockscope.model.detail.RegValueDetail;
import io.lockscope.model.detail.RenameDetail;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceBuilderTest {

    @Test
    void expectedEventsAreSizedToTheEventLimitAtMost() {
        TraceBuilder limited = new TraceBuilder("t.pml", "procmon-pml", 10);
        // a count read from a file: unbounded, it would ask for 2^31 rows of every column
        limited.expectEvents(Long.MAX_VALUE);
        limited.expectEvents(-1);
        int p = limited.addProcess(ProcessInfo.of(4, "System"));
        for (int i = 0; i < 12; i++) {
            limited.addEvent(i, 0, p, 8, Operation.CREATE_FILE, 0, 0, Detail.None.INSTANCE, StackTable.NONE);
        }
        assertEquals(10, limited.build().events().size());
    }

    @Test
    void anEventPackedElsewhereIsStoredAsItsDetailWouldBeAndARichOneOnlyAsAnObject() {
        TraceBuilder b = new TraceBuilder("t.pml", "procmon-pml", 2);
        int p = b.addProcess(ProcessInfo.of(4, "System"));
        Detail io = new IoDetail(4096, 512, -1, -1);
        DetailCodec.Packed packed = new DetailCodec.Packed();
        new DetailCodec(b.strings(), List.of()).pack(io, packed);
        assertEquals(0, b.addPackedEvent(10, 1, p, 8, Operation.READ_FILE, 0, 0, packed, StackTable.NONE));
        DetailCodec.Packed rich = new DetailCodec.Packed();
        rich.kind = DetailCodec.RICH;
        assertThrows(IllegalArgumentException.class,
                () -> b.addPackedEvent(11, 1, p, 8, Operation.READ_FILE, 0, 0, rich, StackTable.NONE));
        assertEquals(1, b.addPackedEvent(12, 1, p, 8, Operation.READ_FILE, 0, 0, packed, StackTable.NONE));
        assertEquals(TraceBuilder.NOT_KEPT, b.addPackedEvent(13, 1, p, 8, Operation.READ_FILE, 0, 0, packed, StackTable.NONE));
        Trace t = b.build();
        assertEquals(io, t.events().detail(1));
        assertEquals(1, t.report().eventLimit().notKept());
    }

    @Test
    void detailsSurviveThePackedColumns() {
        TraceBuilder b = new TraceBuilder("t.csv", "procmon-csv");
        int p = b.addProcess(ProcessInfo.of(1880, "ntrtscan.exe"));
        int path = b.strings().intern("C:\\Windows\\System32\\DriverStore\\FileRepository\\x\\oposdrv.dll");
        List<Detail> details = List.of(
                new CreateFileDetail(0x10000, 1, 0x200060, 0x80, 1, -1, -1, null),
                new CreateFileDetail(0x120089, 3, 0x40, 0, 7, 4096, 1, "NT AUTHORITY\\SYSTEM"),
                new IoDetail(10_937_344, 4096, 0x43, 3),
                new LockDetail(2_147_483_538L, 1, true, false, true),
                new RenameDetail(true, "C:\\x\\y.tmp"),
                new RegValueDetail(-1, null, 4, 4, "1"),
                new ProcessDetail(3232, -1, -1, List.of(new ProcessDetail.Field("PID", "3232"))),
                new Detail.Text("Control: FSCTL_REQUEST_OPLOCK"),
                Detail.None.INSTANCE);
        for (Detail d : details) {
            b.addEvent(1, 2, p, 7, Operation.CREATE_FILE, 0, path, d, StackTable.NONE);
        }
        Trace t = b.build();
        for (int i = 0; i < details.size(); i++) {
            assertEquals(details.get(i), t.events().detail(i), "event " + i);
        }
        assertEquals("ntrtscan.exe", t.process(0).name());
        assertEquals("C:\\Windows\\System32\\DriverStore\\FileRepository\\x\\oposdrv.dll", t.events().path(0));
    }

    @Test
    void anEventIsCompletedWithWhatComesAfterIt() {
        TraceBuilder b = new TraceBuilder("t.etl", "etl");
        int p = b.addProcess(ProcessInfo.of(1880, "ntrtscan.exe"));
        int create = b.addEvent(100, EventStore.NO_DURATION, p, 7, Operation.CREATE_FILE, 0x103, 0,
                new CreateFileDetail(-1, 1, 0x60, 0x80, 1, -1, -1, null), StackTable.NONE);
        int read = b.addEvent(120, EventStore.NO_DURATION, p, 7, Operation.READ_FILE, 0x103, 0,
                new IoDetail(0, 4096, 0, -1), StackTable.NONE);
        assertEquals(100, b.time(create));
        b.complete(create, 0xC0000043, 50);
        b.setDetail(create, new CreateFileDetail(-1, 1, 0x60, 0x80, 1, -1, 1, null));
        assertThrows(IllegalArgumentException.class, () -> b.complete(2, 0, 0));
        Trace t = b.build();
        assertEquals(0xC0000043, t.events().result(create));
        assertEquals(50, t.events().duration(create));
        assertEquals(Operation.CREATE_FILE, t.events().operation(create));
        assertEquals(new CreateFileDetail(-1, 1, 0x60, 0x80, 1, -1, 1, null), t.events().detail(create));
        assertEquals(0x103, t.events().result(read), "the other event keeps its own");
        assertEquals(EventStore.NO_DURATION, t.events().duration(read));
        assertEquals(new IoDetail(0, 4096, 0, -1), t.events().detail(read));
        assertThrows(IllegalStateException.class, () -> b.complete(create, 0, 0));
    }

    @Test
    void unknownOperationKeepsItsSpellingAndClass() {
        TraceBuilder b = new TraceBuilder("t.csv", "procmon-csv");
        int p = b.addProcess(ProcessInfo.of(4, "System"));
        b.addOtherEvent(0, -1, p, 8, "QuerySatLxInformation", EventClass.FILE_SYSTEM, 0, 0, Detail.None.INSTANCE, -1);
        Trace t = b.build();
        assertEquals(Operation.OTHER, t.events().operation(0));
        assertEquals("QuerySatLxInformation", t.events().operationName(0));
        assertEquals(EventClass.FILE_SYSTEM, t.events().eventClass(0));
    }

    @Test
    void eventsNeedAKnownProcess() {
        TraceBuilder b = new TraceBuilder("t.csv", "procmon-csv");
        assertThrows(IllegalArgumentException.class,
                () -> b.addEvent(0, 0, 0, 0, Operation.CREATE_FILE, 0, 0, Detail.None.INSTANCE, -1));
    }

    @Test
    void stringPoolInternsSlicesAndStrings() {
        StringPool pool = new StringPool();
        char[] chars = "xxSUCCESSyy".toCharArray();
        int id = pool.intern(chars, 2, 7);
        assertEquals(id, pool.intern("SUCCESS"));
        assertEquals(0, pool.intern(""));
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i + 2, pool.intern("s" + i));
        }
        assertEquals("s9999", pool.get(10_001));
        assertEquals(-1, pool.find("never"));
    }

    @Test
    void eventsPastTheLimitAreCountedAndDropped() {
        TraceBuilder b = new TraceBuilder("t.csv", "procmon-csv", 2);
        int p = b.addProcess(ProcessInfo.of(4, "System"));
        assertEquals(0, b.addEvent(1, 1, p, 8, Operation.CREATE_FILE, 0, 0, Detail.None.INSTANCE, StackTable.NONE));
        int other = b.addOtherEvent(2, 1, p, 8, "QuerySatLxInformation", EventClass.FILE_SYSTEM, 0, 0,
                Detail.None.INSTANCE, StackTable.NONE);
        b.setKernelIds(other, 0xFFFF_A000L, 0);
        for (int i = 0; i < 3; i++) {
            int dropped = b.addOtherEvent(3 + i, 1, p, 8, "Thread Exit", EventClass.PROCESS, 0, 0,
                    Detail.None.INSTANCE, StackTable.NONE);
            assertEquals(TraceBuilder.NOT_KEPT, dropped);
            b.setKernelIds(dropped, 0xFFFF_B000L, 0xFFFF_C000L);
        }
        Trace t = b.build();
        assertEquals(2, t.size());
        assertEquals("QuerySatLxInformation", t.events().operationName(1));
        assertEquals(new ReadReport.EventLimit(2, 3), t.report().eventLimit());
        assertEquals(List.of("event limit reached: the first 2 events were kept, 3 more were not (--max-events)"),
                t.report().warnings());
    }

    @Test
    void everyEventIsKeptUpToTheLimit() {
        TraceBuilder b = new TraceBuilder("t.csv", "procmon-csv", 1);
        int p = b.addProcess(ProcessInfo.of(4, "System"));
        b.addEvent(1, 1, p, 8, Operation.CREATE_FILE, 0, 0, Detail.None.INSTANCE, StackTable.NONE);
        Trace t = b.build();
        assertEquals(1, t.size());
        assertEquals(null, t.report().eventLimit());
        assertThrows(IllegalArgumentException.class, () -> new TraceBuilder("t", "f", TraceBuilder.MAX_EVENTS + 1));
    }
}
