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
     * The value coded last and its code (-1 before the first): runs of events of one thread, and of
     * one result, are the rule, and a compare costs less than a hash lookup.
     */
    private int lastValue;
    private int lastCode = -1;

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
        int code = codeOf.getIfAbsent(value, -1);
        if (code < 0) {
            code = values.size();
            values.add(value);
            codeOf.put(value, code);
        }
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
