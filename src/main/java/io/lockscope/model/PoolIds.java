package io.lockscope.model;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * The ids in one {@link StringPool} of the texts of another, which a thread of its own filled while reading
 * a part of a file: a text is interned into the target when first asked for ({@link #applyAsInt}), or
 * every text below an id at once, in the order the other pool got them ({@link #upTo}).
 */
public final class PoolIds implements IntUnaryOperator {
    private final StringPool from;
    private final StringPool to;
    /** By id in {@link #from}: the id in {@link #to} + 1, 0 until first asked for. */
    private int[] ids;
    /** Every id below it has been asked for. */
    private int upTo = 1;

    public PoolIds(StringPool from, StringPool to) {
        this.from = from;
        this.to = to;
        this.ids = new int[Math.max(16, from.size())];
    }

    public StringPool from() {
        return from;
    }

    /** The id in the target of text {@code id}; -1 (no text) and 0 (the empty text, 0 in every pool) stay. */
    @Override
    public int applyAsInt(int id) {
        if (id <= 0) {
            return id;
        }
        if (id >= ids.length) {
            ids = Arrays.copyOf(ids, Math.max(id + 1, ids.length * 2));
        }
        int mapped = ids[id];
        if (mapped == 0) {
            mapped = to.intern(from.get(id)) + 1;
            ids[id] = mapped;
        }
        return mapped - 1;
    }

    /** Interns every text below {@code end} not yet asked for into the target, in the order they were made. */
    public void upTo(int end) {
        for (; upTo < end; upTo++) {
            applyAsInt(upTo);
        }
    }
}
