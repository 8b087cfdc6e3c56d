package io.lockscope.model;

import java.util.Arrays;

/**
 * Interns strings to dense int ids. Id 0 is always the empty string, so a zero-initialised column
 * means "no text". Lookups by {@link CharSequence} or by a {@code char[]} slice avoid allocating
 * a String for values already seen, which is most of them in a trace (paths, process names,
 * results).
 *
 * <p>Mutable while a trace is read, read-only afterwards (see {@link Trace}); not thread-safe.
 */
public final class StringPool {
    private String[] values = new String[1024];
    private int size;
    /** Open addressing: slot holds id + 1, 0 = empty. */
    private int[] slots = new int[2048];
    /**
     * The hash of each slot's string: a probe compares it before the string, which is elsewhere in
     * memory (a cache miss for each string of a large pool it passes), and growing reuses it.
     */
    private int[] slotHashes = new int[2048];
    /**
     * Every string's characters end to end while the pool is being filled: a slice is compared with
     * them by {@link Arrays#equals(char[], int, int, char[], int, int)}, many characters a step, where a
     * String's charAt costs a call per character (it was a tenth of a CSV read). Null once {@link #compact}ed.
     */
    private char[] arena = new char[16_384];
    private int arenaLength;
    private int[] arenaStarts = new int[1024];

    public StringPool() {
        intern("");
    }

    public int size() {
        return size;
    }

    public String get(int id) {
        if (id < 0 || id >= size) {
            throw new IllegalArgumentException("no string with id " + id);
        }
        return values[id];
    }

    public int intern(CharSequence s) {
        int h = hash(s);
        int mask = slots.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                return add(s.toString(), h, i);
            }
            if (slotHashes[i] == h && contentEquals(values[slot - 1], s)) {
                return slot - 1;
            }
        }
    }

    public int intern(char[] chars, int offset, int length) {
        if (arena == null) {
            rebuildArena();
        }
        int h = spread(hash(chars, offset, length));
        int mask = slots.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                return add(new String(chars, offset, length), h, i);
            }
            int id = slot - 1;
            int start = arenaStarts[id];
            if (slotHashes[i] == h && values[id].length() == length
                    && Arrays.equals(arena, start, start + length, chars, offset, offset + length)) {
                return id;
            }
        }
    }

    /** The id of {@code s}, or -1 when it was never interned. */
    public int find(CharSequence s) {
        int h = hash(s);
        int mask = slots.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                return -1;
            }
            if (slotHashes[i] == h && contentEquals(values[slot - 1], s)) {
                return slot - 1;
            }
        }
    }

    /** Bytes retained by the pool itself, strings included (for the memory report). */
    public long retainedBytes() {
        long bytes = 16L + values.length * 4L + slots.length * 8L;
        for (int i = 0; i < size; i++) {
            bytes += 24 + 16 + values[i].length() * (isLatin1(values[i]) ? 1L : 2L);
        }
        return bytes;
    }

    /** Drops what only interning needs; the pool is read from now on (interning still works, slower at first). */
    public void compact() {
        arena = null;
        arenaStarts = null;
    }

    private int add(String s, int hash, int slotIndex) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        if (arena != null) {
            addToArena(size, s);
        }
        values[size] = s;
        slots[slotIndex] = size + 1;
        slotHashes[slotIndex] = hash;
        size++;
        if (size * 2 > slots.length) {
            rehash();
        }
        return size - 1;
    }

    private void addToArena(int id, String s) {
        if (id == arenaStarts.length) {
            arenaStarts = Arrays.copyOf(arenaStarts, id * 2);
        }
        int n = s.length();
        if (arenaLength + n > arena.length) {
            long grown = Math.max(arenaLength + (long) n, arena.length * 2L);
            if (grown > Integer.MAX_VALUE - 8) {
                throw new OutOfMemoryError("more than 2 G characters of distinct strings");
            }
            arena = Arrays.copyOf(arena, (int) grown);
        }
        s.getChars(0, n, arena, arenaLength);
        arenaStarts[id] = arenaLength;
        arenaLength += n;
    }

    private void rebuildArena() {
        arena = new char[16_384];
        arenaLength = 0;
        arenaStarts = new int[values.length];
        for (int id = 0; id < size; id++) {
            addToArena(id, values[id]);
        }
    }

    private void rehash() {
        int[] bigger = new int[slots.length * 2];
        int[] biggerHashes = new int[bigger.length];
        int mask = bigger.length - 1;
        for (int old = 0; old < slots.length; old++) {
            if (slots[old] == 0) {
                continue;
            }
            int h = slotHashes[old];
            int i = h & mask;
            while (bigger[i] != 0) {
                i = (i + 1) & mask;
            }
            bigger[i] = slots[old];
            biggerHashes[i] = h;
        }
        slots = bigger;
        slotHashes = biggerHashes;
    }

    /**
     * {@link String#hashCode} of a slice, four characters a step: the four products are independent,
     * so the loop is not one long chain of multiplications (interning paths is a hot loop of ingest).
     */
    public static int hash(char[] c, int offset, int length) {
        int h = 0;
        int i = offset;
        int end = offset + length;
        for (; i + 3 < end; i += 4) {
            h = 923_521 * h + 29_791 * c[i] + 961 * c[i + 1] + 31 * c[i + 2] + c[i + 3];
        }
        for (; i < end; i++) {
            h = 31 * h + c[i];
        }
        return h;
    }

    /** {@link #hash(char[], int, int)} of {@code s}'s characters, spread; a String's is cached in it. */
    private static int hash(CharSequence s) {
        if (s instanceof String string) {
            return spread(string.hashCode());
        }
        int h = 0;
        for (int k = 0, n = s.length(); k < n; k++) {
            h = 31 * h + s.charAt(k);
        }
        return spread(h);
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private static boolean contentEquals(String v, CharSequence s) {
        return v.length() == s.length() && v.contentEquals(s);
    }

    private static boolean isLatin1(String s) {
        for (int k = 0, n = s.length(); k < n; k++) {
            if (s.charAt(k) > 0xFF) {
                return false;
            }
        }
        return true;
    }
}
