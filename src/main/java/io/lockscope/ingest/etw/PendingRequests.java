package io.lockscope.ingest.etw;

import io.lockscope.ingest.etw.kernel.KernelEvent;

/**
 * The FileIo requests of an ETL waiting for their OperationEnd, by IRP: the latest request of each IRP,
 * since IRPs are reused (etw-formats.md §2.1). A trace has a few hundred in flight but passes millions
 * through, so they live in open-addressed arrays, a request costing no object, and a removal shifts
 * the entries after it back instead of leaving a tombstone that later probes would have to walk.
 */
final class PendingRequests {
    private static final long FIBONACCI = 0x9E3779B97F4A7C15L;

    private int shift = 64 - 6;
    private boolean[] used = new boolean[64];
    private long[] irps = new long[64];
    private int[] events = new int[64];
    private KernelEvent.FileCreate[] creates = new KernelEvent.FileCreate[64];
    private int[] createsBefore = new int[64];
    private int size;

    private int takenEvent;
    private KernelEvent.FileCreate takenCreate;
    private int takenCreateBefore;

    /**
     * Request event {@code event} waits for the OperationEnd of {@code irp}; {@code create} (null for
     * other requests) and the Create its FILE_OBJECT waited with before go with it. Replaces the
     * request that waited with that IRP, which then never completes.
     */
    void put(long irp, int event, KernelEvent.FileCreate create, int createBefore) {
        int i = slot(irp);
        if (!used[i]) {
            if (2 * (size + 1) > used.length) {
                grow();
                i = slot(irp);
            }
            used[i] = true;
            irps[i] = irp;
            size++;
        }
        events[i] = event;
        creates[i] = create;
        createsBefore[i] = createBefore;
    }

    /**
     * Takes the request waiting for {@code irp}'s OperationEnd: false when none waits; else its event,
     * Create and earlier Create are {@link #event()}, {@link #create()} and {@link #createBefore()}
     * until the next take.
     */
    boolean take(long irp) {
        int i = slot(irp);
        if (!used[i]) {
            return false;
        }
        takenEvent = events[i];
        takenCreate = creates[i];
        takenCreateBefore = createsBefore[i];
        remove(i);
        return true;
    }

    int event() {
        return takenEvent;
    }

    KernelEvent.FileCreate create() {
        return takenCreate;
    }

    int createBefore() {
        return takenCreateBefore;
    }

    /** The slot holding {@code irp}, else the empty slot where it would go (linear probing). */
    private int slot(long irp) {
        int mask = used.length - 1;
        int i = home(irp);
        while (used[i] && irps[i] != irp) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private int home(long irp) {
        return (int) (irp * FIBONACCI >>> shift);
    }

    /** Empties slot {@code hole}, moving back each later entry of the run whose home is not after the hole. */
    private void remove(int hole) {
        int mask = used.length - 1;
        for (int j = (hole + 1) & mask; used[j]; j = (j + 1) & mask) {
            int home = home(irps[j]);
            // j's entry may fill the hole when its home is not cyclically within (hole, j]
            boolean movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
            if (movable) {
                irps[hole] = irps[j];
                events[hole] = events[j];
                creates[hole] = creates[j];
                createsBefore[hole] = createsBefore[j];
                hole = j;
            }
        }
        used[hole] = false;
        creates[hole] = null;
        size--;
    }

    private void grow() {
        boolean[] oldUsed = used;
        long[] oldIrps = irps;
        int[] oldEvents = events;
        KernelEvent.FileCreate[] oldCreates = creates;
        int[] oldBefore = createsBefore;
        int capacity = 2 * oldUsed.length;
        shift--;
        used = new boolean[capacity];
        irps = new long[capacity];
        events = new int[capacity];
        creates = new KernelEvent.FileCreate[capacity];
        createsBefore = new int[capacity];
        size = 0;
        for (int k = 0; k < oldUsed.length; k++) {
            if (oldUsed[k]) {
                put(oldIrps[k], oldEvents[k], oldCreates[k], oldBefore[k]);
            }
        }
    }
}
