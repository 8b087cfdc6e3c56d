package io.lockscope.ingest.etw.etl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One String per distinct UTF-16LE text of a trace (file and key names, logged millions of times),
 * found from a record's bytes: hashed eight bytes at a time and compared with the bytes the value was
 * first seen as, in one array comparison, so a text seen before costs neither a String nor work per
 * character. Shared by the passes of one reader; not thread-safe.
 */
final class Utf16Texts {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MIX = 0x9E3779B97F4A7C15L;

    private byte[][] encoded = new byte[256][];
    private String[] strings = new String[256];
    private int[] hashes = new int[256];
    private int size;
    /** Open addressing: slot holds index + 1, 0 = empty. */
    private int[] slots = new int[512];

    /** The String of the UTF-16LE text in {@code bytes[0, length)}. */
    String intern(byte[] bytes, int length) {
        return text(id(bytes, length));
    }

    /**
     * The id of the UTF-16LE text in {@code bytes[0, length)}: its number among the distinct texts, in
     * the order first seen. A consumer may key by it what it makes of a text, without touching the
     * String again.
     */
    int id(byte[] bytes, int length) {
        int h = hash(bytes, length);
        int mask = slots.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                return add(Arrays.copyOf(bytes, length), h, i);
            }
            byte[] seen = encoded[slot - 1];
            if (hashes[slot - 1] == h && seen.length == length && Arrays.equals(seen, 0, length, bytes, 0, length)) {
                return slot - 1;
            }
        }
    }

    /** The String of text {@code id}. */
    String text(int id) {
        return strings[id];
    }

    private int add(byte[] bytes, int h, int slotIndex) {
        if (size == strings.length) {
            encoded = Arrays.copyOf(encoded, 2 * size);
            strings = Arrays.copyOf(strings, 2 * size);
            hashes = Arrays.copyOf(hashes, 2 * size);
        }
        int id = size;
        encoded[id] = bytes;
        strings[id] = new String(bytes, StandardCharsets.UTF_16LE);
        hashes[id] = h;
        slots[slotIndex] = ++size;
        if (2 * size > slots.length) {
            rehash();
        }
        return id;
    }

    private void rehash() {
        int[] bigger = new int[2 * slots.length];
        int mask = bigger.length - 1;
        for (int k = 0; k < size; k++) {
            int i = hashes[k] & mask;
            while (bigger[i] != 0) {
                i = (i + 1) & mask;
            }
            bigger[i] = k + 1;
        }
        slots = bigger;
    }

    /**
     * The bytes of UTF-16LE text in {@code bytes[0, length)} before its first NUL character (all of
     * them when there is none), looked for four characters at a time.
     */
    static int bytesBeforeNul(byte[] bytes, int length) {
        int k = 0;
        for (; k + 8 <= length; k += 8) {
            long x = (long) LONGS.get(bytes, k);
            if (((x - 0x0001_0001_0001_0001L) & ~x & 0x8000_8000_8000_8000L) != 0) {
                break; // a zero character among these four
            }
        }
        for (; k + 2 <= length; k += 2) {
            if ((bytes[k] | bytes[k + 1]) == 0) {
                return k;
            }
        }
        return k;
    }

    private static int hash(byte[] bytes, int length) {
        long h = length;
        int k = 0;
        for (; k + 8 <= length; k += 8) {
            h = (h ^ (long) LONGS.get(bytes, k)) * MIX;
        }
        for (; k < length; k++) {
            h = (h ^ (bytes[k] & 0xFF)) * MIX;
        }
        h ^= h >>> 32;
        return (int) (h ^ (h >>> 16));
    }
}
