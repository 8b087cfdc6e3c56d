package io.lockscope.ingest.procmon.pml;

import io.lockscope.model.StringPool;

import java.util.Arrays;

/**
 * A cache in front of the {@link StringPool} for the paths of events: a path seen before is found by
 * comparing {@code char[]} arrays (a vectorised intrinsic) instead of a String character by character,
 * and without allocating. Boot logs repeat a few hundred thousand paths millions of times.
 */
final class PathInterner {
    private final StringPool pool;
    private int[] slots = new int[1 << 12];
    private char[][] keys = new char[1 << 11][];
    private int[] hashes = new int[1 << 11];
    private int[] ids = new int[1 << 11];
    private int size;

    PathInterner(StringPool pool) {
        this.pool = pool;
    }

    /** The pool id of {@code chars[0, length)}, hashing the characters. */
    int intern(char[] chars, int length) {
        long h = length;
        for (int k = 0; k < length; k++) {
            h = (h ^ chars[k]) * 0x9E3779B97F4A7C15L;
        }
        return intern(chars, length, h);
    }

    /**
     * The pool id of {@code chars[0, length)} given a hash of their source bytes. The same text must
     * always come with the same hash for the cache to hit; a different hash for the same text only
     * costs a second cache entry (the pool still returns one id).
     */
    int intern(char[] chars, int length, long sourceHash) {
        int h = StackInterner.mix((int) (sourceHash ^ (sourceHash >>> 32)));
        int mask = slots.length - 1;
        for (int s = h & mask; ; s = (s + 1) & mask) {
            int slot = slots[s];
            if (slot == 0) {
                int id = pool.intern(chars, 0, length);
                add(s, h, Arrays.copyOf(chars, length), id);
                return id;
            }
            int e = slot - 1;
            char[] key = keys[e];
            if (hashes[e] == h && key.length == length && Arrays.equals(key, 0, length, chars, 0, length)) {
                return ids[e];
            }
        }
    }

    private void add(int slotIndex, int hash, char[] key, int id) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
            ids = Arrays.copyOf(ids, size * 2);
        }
        keys[size] = key;
        hashes[size] = hash;
        ids[size] = id;
        slots[slotIndex] = ++size;
        if (size * 2 > slots.length) {
            int[] bigger = new int[slots.length * 2];
            int mask = bigger.length - 1;
            for (int e = 0; e < size; e++) {
                int s = hashes[e] & mask;
                while (bigger[s] != 0) {
                    s = (s + 1) & mask;
                }
                bigger[s] = e + 1;
            }
            slots = bigger;
        }
    }
}
