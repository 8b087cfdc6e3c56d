package io.lockscope.model;

import org.eclipse.collections.impl.map.mutable.primitive.IntLongHashMap;

/**
 * A growable long column whose values nearly always fit an int (durations in 100 ns units: under
 * 214 s): ints in a {@link NarrowInts}, the rare value that does not fit in a side map, so a column of
 * durations costs four bytes per event instead of eight.
 */
final class NarrowLongs {
    /** Marks a row whose value is in {@link #outliers}. */
    private static final int OUTLIER = Integer.MIN_VALUE;

    private final NarrowInts values = new NarrowInts();
    private final IntLongHashMap outliers = new IntLongHashMap();

    int size() {
        return values.size();
    }

    long get(int i) {
        int v = values.get(i);
        return v != OUTLIER ? v : outliers.get(i);
    }

    void add(long value) {
        if (value == (int) value && value != OUTLIER) {
            values.add((int) value);
        } else {
            outliers.put(values.size(), value);
            values.add(OUTLIER);
        }
    }

    void set(int i, long value) {
        if (value == (int) value && value != OUTLIER) {
            if (values.get(i) == OUTLIER) {
                outliers.remove(i);
            }
            values.set(i, (int) value);
        } else {
            outliers.put(i, value);
            values.set(i, OUTLIER);
        }
    }

    /** Bytes held by the ints and the outliers (about 24 per outlier). */
    long retainedBytes() {
        return values.retainedBytes() + 24L * outliers.size();
    }

    void ensureCapacity(int capacity) {
        values.ensureCapacity(capacity);
    }

    void trimToSize() {
        values.trimToSize();
    }
}
