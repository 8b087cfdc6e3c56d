package io.lockscope.model;

import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.FilterDetail;
import io.lockscope.model.detail.HandleDetail;
import io.lockscope.model.vocab.DetailFormat;
import io.lockscope.model.vocab.NumberStyle;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The additive model pieces the ETL reader needs: kernel ids per event and the handle/filter details. */
class KernelIdsAndEtwDetailsTest {

    @Test
    void kernelIdsAreKeptPerEventAndZeroWhenNotRecorded() {
        TraceBuilder b = new TraceBuilder("t.etl", "etl");
        int p = b.addProcess(ProcessInfo.of(4, "System"));
        int create = b.addEvent(1, 2, p, 8, Operation.CREATE_FILE, 0, 0, Detail.None.INSTANCE, StackTable.NONE);
        int other = b.addEvent(3, 4, p, 8, Operation.READ_FILE, 0, 0, Detail.None.INSTANCE, StackTable.NONE);
        b.setKernelIds(create, 0xFFFFA00000001000L, 0xFFFFA00000002000L);
        assertThrows(IllegalArgumentException.class, () -> b.setKernelIds(5, 1, 1));
        Trace t = b.build();
        assertEquals(0xFFFFA00000001000L, t.events().objectId(create));
        assertEquals(0xFFFFA00000002000L, t.events().irp(create));
        assertEquals(0, t.events().objectId(other));
        assertEquals(0, t.events().irp(other));
    }

    @Test
    void fileKeysLearntOutOfCreateOrderAreFoundByEventAndALaterKeyReplacesTheEarlier() {
        TraceBuilder b = new TraceBuilder("t.etl", "etl");
        int p = b.addProcess(ProcessInfo.of(4, "System"));
        int[] creates = new int[6];
        for (int i = 0; i < creates.length; i++) {
            creates[i] = b.addEvent(i, 1, p, 8, Operation.CREATE_FILE, 0, 0, Detail.None.INSTANCE, StackTable.NONE);
        }
        // each open's first request comes when it comes, not in the order of the Creates
        b.setFileKey(creates[4], 0x4444);
        b.setFileKey(creates[1], 0x1111);
        b.setFileKey(creates[5], 0x5555);
        b.setFileKey(creates[1], 0x1112);
        b.setFileKey(creates[2], 0); // no key: not recorded
        EventStore e = b.build().events();
        long[] want = {0, 0x1112, 0, 0, 0x4444, 0x5555};
        for (int i = 0; i < creates.length; i++) {
            assertEquals(want[i], e.fileKey(creates[i]), "Create " + i);
        }
    }

    @Test
    void fileKeysLearntInCreateOrderAreFoundByEvent() {
        TraceBuilder b = new TraceBuilder("t.etl", "etl");
        int p = b.addProcess(ProcessInfo.of(4, "System"));
        for (int i = 0; i < 1000; i++) {
            int create = b.addEvent(i, 1, p, 8, Operation.CREATE_FILE, 0, 0, Detail.None.INSTANCE, StackTable.NONE);
            b.addEvent(i, 1, p, 8, Operation.READ_FILE, 0, 0, Detail.None.INSTANCE, StackTable.NONE);
            b.setFileKey(create, 0x10000 + i);
        }
        EventStore e = b.build().events();
        for (int i = 0; i < 1000; i++) {
            assertEquals(0x10000 + i, e.fileKey(2 * i));
            assertEquals(0, e.fileKey(2 * i + 1));
        }
    }

    @Test
    void createWithoutARecordedAccessMaskRendersWithoutDesiredAccess() {
        io.lockscope.model.detail.CreateFileDetail etw = new io.lockscope.model.detail.CreateFileDetail(-1, 1, 0x60,
                0x80, 1, -1, 1, null);
        assertEquals("Disposition: Open, Options: Synchronous IO Non-Alert, Non-Directory File, Attributes: N, "
                + "ShareMode: Read, AllocationSize: n/a, OpenResult: Opened",
                DetailFormat.render(Operation.CREATE_FILE, etw, NumberStyle.EN_US));
    }

    @Test
    void handleAndFilterDetailsRoundTripAndRender() {
        TraceBuilder b = new TraceBuilder("t.etl", "etl");
        int p = b.addProcess(ProcessInfo.of(1880, "ntrtscan.exe"));
        HandleDetail handle = new HandleDetail(0x1A4, "File", null, -1, -1);
        HandleDetail duplicate = new HandleDetail(0x10, "Key", "\\REGISTRY\\MACHINE", 700, 0x20);
        FilterDetail filter = new FilterDetail("C:\\Windows\\system32\\drivers\\tmevtmgr.sys", 0xFFFFF80050001234L, 0, 0xCB0);
        int h = b.addOtherEvent(1, -1, p, 1, "Object/CreateHandle", EventClass.HANDLE, 0, 0, handle, StackTable.NONE);
        int d = b.addOtherEvent(2, -1, p, 1, "Object/DuplicateHandle", EventClass.HANDLE, 0, 0, duplicate, StackTable.NONE);
        int f = b.addOtherEvent(3, -1, p, 1, "FileIO/PostOpFailure", EventClass.FILTER, 0xC0000022, 0, filter, StackTable.NONE);
        Trace t = b.build();
        assertEquals(handle, t.events().detail(h));
        assertEquals(duplicate, t.events().detail(d));
        assertEquals(filter, t.events().detail(f));
        assertEquals("Handle: 0x1a4, Type: File", DetailFormat.render(Operation.OTHER, handle, NumberStyle.EN_US));
        assertEquals("Handle: 0x10, Type: Key, Name: \\REGISTRY\\MACHINE, Target PID: 700, Target Handle: 0x20",
                DetailFormat.render(Operation.OTHER, duplicate, NumberStyle.EN_US));
        assertEquals("Driver: tmevtmgr.sys, Routine: 0xfffff80050001234, Major Function: 0",
                DetailFormat.render(Operation.OTHER, filter, NumberStyle.EN_US));
    }
}
