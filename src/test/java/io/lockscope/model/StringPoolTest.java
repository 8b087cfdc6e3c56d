package io.lockscope.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StringPoolTest {

    @Test
    void aSliceAndAStringOfTheSameTextGetOneId() {
        StringPool pool = new StringPool();
        assertEquals(0, pool.intern(""));
        char[] row = "#C:\\Windows\\INF\\oem7.inf#".toCharArray();
        int id = pool.intern(row, 1, row.length - 2);
        assertEquals(id, pool.intern("C:\\Windows\\INF\\oem7.inf"));
        assertEquals(id, pool.intern(new StringBuilder("C:\\Windows\\INF\\oem7.inf")));
        assertEquals(id, pool.find("C:\\Windows\\INF\\oem7.inf"));
        assertEquals(-1, pool.find("C:\\Windows\\INF\\oem8.inf"));
        assertEquals("C:\\Windows\\INF\\oem7.inf", pool.get(id));
        assertEquals(0, pool.intern(row, 3, 0));
    }

    /** Many strings (the table grows several times), interned by slice before and after {@link StringPool#compact}. */
    @Test
    void keepsEveryIdThroughGrowthAndCompaction() {
        Random random = new Random(3);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            texts.add("\\Device\\HarddiskVolume3\\Windows\\WinSxS\\" + Long.toHexString(random.nextLong())
                    + (random.nextBoolean() ? "\u00E9\u4E2D" : "").repeat(random.nextInt(3)));
        }
        StringPool pool = new StringPool();
        int[] ids = new int[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            ids[i] = i % 2 == 0 ? pool.intern(texts.get(i)) : intern(pool, texts.get(i));
        }
        pool.compact();
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(ids[i], intern(pool, texts.get(i)), texts.get(i));
            assertEquals(texts.get(i), pool.get(ids[i]));
        }
        int added = intern(pool, "after compaction");
        assertEquals(pool.size() - 1, added);
        assertEquals(added, pool.intern("after compaction"));
    }

    @Test
    void aSlicesHashIsTheStringsHashCode() {
        for (String s : List.of("", "a", "ab", "abc", "abcd", "abcde", "C:\\Windows\\System32\\drivers\\oem.sys", "\u00E9\u4E2D")) {
            char[] padded = ("xy" + s + "z").toCharArray();
            assertEquals(s.hashCode(), StringPool.hash(padded, 2, s.length()), s);
        }
    }

    private static int intern(StringPool pool, String s) {
        char[] padded = ("~" + s + "~").toCharArray();
        return pool.intern(padded, 1, s.length());
    }

    @Test
    void textsOfOneHashKeepTheirOwnIdsThroughGrowth() {
        StringPool pool = new StringPool();
        // "Aa" and "BB" share String.hashCode, and so every text made of them with the same length
        String[] same = {"AaAa", "AaBB", "BBAa", "BBBB"};
        int[] ids = new int[same.length];
        for (int i = 0; i < same.length; i++) {
            ids[i] = pool.intern(same[i]);
        }
        for (int i = 0; i < 5000; i++) {
            pool.intern("C:\\Windows\\System32\\drivers\\d" + i + ".sys");
        }
        for (int i = 0; i < same.length; i++) {
            assertEquals(ids[i], pool.find(same[i]));
            assertEquals(ids[i], pool.intern(same[i].toCharArray(), 0, 4));
            assertEquals(same[i], pool.get(ids[i]));
        }
        assertEquals(-1, pool.find("AaAB"));
        assertEquals(5000 + same.length + 1, pool.size());
    }
}
