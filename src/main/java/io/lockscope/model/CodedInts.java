package io.lockscope.model;

import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;

/**
 * A growable int column of few distinct values (thread ids, NTSTATUS results), stored as the code of
 * each value in a dictionary: one or two bytes per event ({@link NarrowInts}) plus one entry per
 * distinct value.
 */
final class CodedInts {
    private final IntIntHashMap codeOf = new IntIntHashMap();
    private final IntArrayList values = new IntArrayList();
    private final NarrowInts codes = new NarrowInts();
    /**
     * The last two distinct values coded and their codes (-1 before there are any): runs of events of one
     * thread, and of one result, are the rule, and so are two values taking turns (a kernel address's
     * upper half and 0, {@link KernelIds}); a compare costs less than a hash lookup.
     */
    private int lastValue;
    private int lastCode = -1;
    private int otherValue;
    private int otherCode = -1;

    int size() {
        return codes.size();
    }

    int get(int i) {
        return values.get(codes.get(i));
    }

    void add(int value) {
        codes.add(code(value));
    }

    void set(int i, int value) {
        codes.set(i, code(value));
    }

    /** The code of {@code value}, given on first sight. */
    private int code(int value) {
        if (value == lastValue && lastCode >= 0) {
            return lastCode;
        }
        int code;
        if (value == otherValue && otherCode >= 0) {
            code = otherCode;
        } else {
            code = codeOf.getIfAbsent(value, -1);
            if (code < 0) {
                code = values.size();
                values.add(value);
                codeOf.put(value, code);
            }
        }
        otherValue = lastValue;
        otherCode = lastCode;
        lastValue = value;
        lastCode = code;
        return code;
    }

    /** Bytes held by the codes and the dictionary (about 16 per distinct value). */
    long retainedBytes() {
        return codes.retainedBytes() + 16L * values.size();
    }

    void ensureCapacity(int capacity) {
        codes.ensureCapacity(capacity);
    }

    void trimToSize() {
        codes.trimToSize();
    }
}
