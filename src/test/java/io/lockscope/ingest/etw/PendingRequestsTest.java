package io.lockscope.ingest.etw;

import io.lockscope.ingest.etw.kernel.KernelEvent;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingRequestsTest {
    private record Expected(int event, KernelEvent.FileCreate create, int createBefore) {
    }

    @Test
    void aTakenRequestIsGoneAndALaterRequestWithTheSameIrpReplacesTheEarlier() {
        PendingRequests pending = new PendingRequests();
        KernelEvent.FileCreate create = new KernelEvent.FileCreate(0x10, 0x20, 4, 0, 0, 0, "\\x");
        pending.put(0x10, 1, create, 7);
        pending.put(0x10, 2, null, -1);
        assertTrue(pending.take(0x10));
        assertEquals(2, pending.event());
        assertNull(pending.create());
        assertFalse(pending.take(0x10));
        pending.put(0, 3, create, 7); // IRP 0 is a key like any other
        assertTrue(pending.take(0));
        assertSame(create, pending.create());
        assertEquals(7, pending.createBefore());
    }

    /**
     * Puts and takes as a trace does them (IRPs of a small pool, a few thousand in flight at most, which
     * grows the table and wraps its probe runs), checked against a HashMap at every step.
     */
    @Test
    void agreesWithAMapOverAMillionRandomPutsAndTakes() {
        Random random = new Random(12);
        PendingRequests pending = new PendingRequests();
        Map<Long, Expected> oracle = new HashMap<>();
        for (int n = 0; n < 1_000_000; n++) {
            int pool = n < 500_000 ? 5_000 : 300;
            long irp = 0xFFFFB00000001000L + ((long) random.nextInt(pool) << 8);
            if (random.nextBoolean()) {
                KernelEvent.FileCreate create = random.nextBoolean()
                        ? new KernelEvent.FileCreate(irp, n, 4, 0, 0, 0, "\\f") : null;
                pending.put(irp, n, create, n - 1);
                oracle.put(irp, new Expected(n, create, n - 1));
            } else {
                Expected expected = oracle.remove(irp);
                assertEquals(expected != null, pending.take(irp), "request " + n);
                if (expected != null) {
                    assertEquals(expected, new Expected(pending.event(), pending.create(), pending.createBefore()),
                            "request " + n);
                }
            }
        }
        for (Map.Entry<Long, Expected> left : oracle.entrySet()) {
            assertTrue(pending.take(left.getKey()));
            assertEquals(left.getValue().event(), pending.event());
        }
    }
}
