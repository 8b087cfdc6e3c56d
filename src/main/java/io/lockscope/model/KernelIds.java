package io.lockscope.model;

import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

/**
 * A growable column of kernel addresses (FILE_OBJECTs, IRPs, objects of handle events), 0 where an event
 * has none. An x64 kernel's addresses lie at the top of the address space (0xFFFF8000'00000000 and up)
 * and a trace's objects come from a few pool regions, so the upper 32 bits of its addresses take few
 * values (a 32-bit trace's, only 0). Each row keeps its lower 32 bits as an int and its upper 32 bits as
 * the code of one of those values ({@link CodedInts}, which widens its codes if a trace has many): five
 * bytes per row instead of eight, whatever the number of distinct addresses.
 */
final class KernelIds {
    private final IntArrayList low;
    private final CodedInts high = new CodedInts();

    /** @param capacity rows to size for, like the other columns, so that a trace of known size copies none */
    KernelIds(int capacity) {
        low = new IntArrayList(capacity);
        high.ensureCapacity(capacity);
    }

    int size() {
        return low.size();
    }

    long get(int i) {
        return (long) high.get(i) << 32 | (low.get(i) & 0xFFFF_FFFFL);
    }

    /** Sets row {@code i} to {@code id}, rows before it that were never set to 0. */
    void put(int i, long id) {
        while (low.size() < i) {
            low.add(0);
            high.add(0);
        }
        if (i == low.size()) {
            low.add((int) id);
            high.add((int) (id >>> 32));
        } else {
            low.set(i, (int) id);
            high.set(i, (int) (id >>> 32));
        }
    }

    /** Bytes held by the lower halves and the coded upper halves. */
    long retainedBytes() {
        return 4L * low.size() + high.retainedBytes();
    }

    void trimToSize() {
        low.trimToSize();
        high.trimToSize();
    }
}
