package io.lockscope.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A growable int column kept in the narrowest of byte, short and int arrays that holds every value
 * stored so far; a value that does not fit widens the whole column once. Process keys, stack ids and
 * dictionary codes ({@link CodedInts}) seldom need more than two bytes, so such a column costs one or
 * two bytes per event instead of four.
 */
final class NarrowInts {
    private byte[] bytes = new byte[16];
    private short[] shorts;
    private int[] ints;
    private int size;

    int size() {
        return size;
    }

    int get(int i) {
        Objects.checkIndex(i, size);
        return ints != null ? ints[i] : shorts != null ? shorts[i] : bytes[i];
    }

    void add(int value) {
        // the common case first, one width test and one bounds test: every event adds to several columns
        int i = size;
        if (ints != null) {
            if (i < ints.length) {
                ints[i] = value;
                size = i + 1;
                return;
            }
        } else if (shorts != null) {
            if (i < shorts.length && value == (short) value) {
                shorts[i] = (short) value;
                size = i + 1;
                return;
            }
        } else if (i < bytes.length && value == (byte) value) {
            bytes[i] = (byte) value;
            size = i + 1;
            return;
        }
        if (i == capacity()) {
            resize(Math.max(16, i + (i >> 1)));
        }
        size = i + 1;
        set(i, value);
    }

    void set(int i, int value) {
        Objects.checkIndex(i, size);
        if (ints != null) {
            ints[i] = value;
        } else if (shorts != null) {
            if (value != (short) value) {
                widenToInts();
                ints[i] = value;
            } else {
                shorts[i] = (short) value;
            }
        } else if (value != (byte) value) {
            if (value == (short) value) {
                widenToShorts();
                shorts[i] = (short) value;
            } else {
                widenToInts();
                ints[i] = value;
            }
        } else {
            bytes[i] = (byte) value;
        }
    }

    /** Bytes per value now: 1, 2 or 4. */
    int width() {
        return ints != null ? 4 : shorts != null ? 2 : 1;
    }

    /** Bytes held by the values (capacity included). */
    long retainedBytes() {
        return (long) capacity() * width();
    }

    /** Makes room for {@code capacity} values at the present width, so that adding them copies nothing. */
    void ensureCapacity(int capacity) {
        if (capacity > capacity()) {
            resize(capacity);
        }
    }

    void trimToSize() {
        if (size < capacity()) {
            resize(size);
        }
    }

    private int capacity() {
        return ints != null ? ints.length : shorts != null ? shorts.length : bytes.length;
    }

    private void resize(int capacity) {
        if (ints != null) {
            ints = Arrays.copyOf(ints, capacity);
        } else if (shorts != null) {
            shorts = Arrays.copyOf(shorts, capacity);
        } else {
            bytes = Arrays.copyOf(bytes, capacity);
        }
    }

    private void widenToShorts() {
        shorts = new short[bytes.length];
        for (int k = 0; k < size; k++) {
            shorts[k] = bytes[k];
        }
        bytes = null;
    }

    private void widenToInts() {
        ints = new int[capacity()];
        for (int k = 0; k < size; k++) {
            ints[k] = shorts != null ? shorts[k] : bytes[k];
        }
        bytes = null;
        shorts = null;
    }
}
