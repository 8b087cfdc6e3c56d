package io.lockscope.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NarrowColumnsTest {
    @Test
    void narrowIntsWidenOnlyWhenAValueNeedsItAndKeepEveryValue() {
        NarrowInts column = new NarrowInts();
        for (int i = -1; i < 100; i++) {
            column.add(i);
        }
        assertEquals(1, column.width());
        column.add(40_000 - 65_536); // fits a short
        assertEquals(2, column.width());
        column.set(3, 128);
        assertEquals(2, column.width());
        column.add(Integer.MIN_VALUE);
        assertEquals(4, column.width());
        column.set(0, Integer.MAX_VALUE);
        assertEquals(Integer.MAX_VALUE, column.get(0));
        assertEquals(0, column.get(1));
        assertEquals(128, column.get(3));
        assertEquals(98, column.get(99));
        assertEquals(40_000 - 65_536, column.get(101));
        assertEquals(Integer.MIN_VALUE, column.get(102));
        assertEquals(103, column.size());
        column.trimToSize();
        assertEquals(103L * 4, column.retainedBytes());
        assertThrows(IndexOutOfBoundsException.class, () -> column.get(103));
    }

    @Test
    void aColumnSizedAheadHoldsItsRowsWithoutGrowing() {
        NarrowInts column = new NarrowInts();
        column.ensureCapacity(1000);
        assertEquals(1000, column.retainedBytes());
        for (int i = 0; i < 1000; i++) {
            column.add(i % 100);
        }
        assertEquals(1000, column.retainedBytes(), "no slack from growing by halves");
        column.ensureCapacity(10); // never shrinks
        assertEquals(1000, column.size());
        assertEquals(99, column.get(999));
    }

    @Test
    void aValueThatNeedsAWiderColumnWhenTheColumnIsFullWidensAndGrowsIt() {
        NarrowInts column = new NarrowInts();
        column.ensureCapacity(16);
        for (int i = 0; i < 16; i++) {
            column.add(i);
        }
        column.add(300);
        assertEquals(2, column.width());
        for (int i = 17; i < 40; i++) {
            column.add(i);
        }
        column.add(70_000);
        assertEquals(4, column.width());
        assertEquals(15, column.get(15));
        assertEquals(300, column.get(16));
        assertEquals(39, column.get(39));
        assertEquals(70_000, column.get(40));
        assertEquals(41, column.size());
    }

    @Test
    void codedIntsGiveBackEachValueFromFewDistinctOnes() {
        CodedInts column = new CodedInts();
        int[] results = {0, 0xC0000043, 0, 0x103, 0xC0000043};
        for (int i = 0; i < 1000; i++) {
            column.add(results[i % results.length]);
        }
        for (int i = 0; i < 1000; i++) {
            assertEquals(results[i % results.length], column.get(i));
        }
        column.trimToSize();
        assertEquals(1000 + 16L * 3, column.retainedBytes());
    }

    @Test
    void codedIntsKeepValuesThatTakeTurnsApartFromTheirNeighbours() {
        // the two values coded last are remembered; a third one and a return to an older one must still
        // find their own codes
        CodedInts column = new CodedInts();
        int[] values = {7, 0, 7, 0, 9, 7, 9, 0, 0, 11, 7, 11, 9};
        for (int v : values) {
            column.add(v);
        }
        column.set(1, 11);
        column.set(2, 9);
        for (int i = 0; i < values.length; i++) {
            int expected = i == 1 ? 11 : i == 2 ? 9 : values[i];
            assertEquals(expected, column.get(i), "row " + i);
        }
    }

    @Test
    void kernelIdsKeepEveryAddressInFiveBytesARowAndZeroForRowsNeverSet() {
        KernelIds column = new KernelIds(16);
        long fileObject = 0xFFFFA00200000100L;
        long handleObject = 0xFFFFB000_8000_0010L; // lower half negative as an int
        column.put(0, fileObject);
        column.put(3, handleObject); // rows 1 and 2 were never set
        column.put(4, -1L);
        column.put(5, 0x0000_0001_0000_0000L); // lower half 0
        column.put(1, fileObject + 0x40); // an earlier row, set later
        assertEquals(6, column.size());
        assertEquals(fileObject, column.get(0));
        assertEquals(fileObject + 0x40, column.get(1));
        assertEquals(0, column.get(2));
        assertEquals(handleObject, column.get(3));
        assertEquals(-1L, column.get(4));
        assertEquals(0x0000_0001_0000_0000L, column.get(5));
        column.trimToSize();
        // 4 bytes of lower half and a 1-byte code per row, 16 per distinct upper half (0xFFFFA002,
        // 0, 0xFFFFB000, 0xFFFFFFFF, 1)
        assertEquals(6 * 5 + 16L * 5, column.retainedBytes());
    }

    @Test
    void kernelIdsOfManyDistinctUpperHalvesStayExact() {
        // a hostile trace may give every address its own upper half: the codes widen, nothing is lost
        KernelIds column = new KernelIds(0);
        int rows = 100_000;
        for (int i = 0; i < rows; i++) {
            column.put(i, (long) i << 32 | 0x1000);
        }
        for (int i = 0; i < rows; i += 997) {
            assertEquals((long) i << 32 | 0x1000, column.get(i));
        }
        assertEquals(rows, column.size());
    }

    @Test
    void narrowLongsKeepValuesBeyondAnIntAside() {
        NarrowLongs column = new NarrowLongs();
        long[] values = {-1, 0, 12_345_678, Integer.MIN_VALUE, 5_000_000_000L, Long.MAX_VALUE, Integer.MAX_VALUE};
        for (long v : values) {
            column.add(v);
        }
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], column.get(i));
        }
    }

    @Test
    void codedIntsTakeANewValueForARowAlreadyAdded() {
        CodedInts column = new CodedInts();
        for (int i = 0; i < 300; i++) {
            column.add(0x103);
        }
        column.set(7, 0xC0000043);
        column.set(299, 0);
        column.set(8, 0x103);
        assertEquals(0xC0000043, column.get(7));
        assertEquals(0, column.get(299));
        assertEquals(0x103, column.get(8));
        assertEquals(0x103, column.get(298));
        assertEquals(300, column.size());
    }

    @Test
    void narrowLongsTakeANewValueForARowEitherSideOfAnInt() {
        NarrowLongs column = new NarrowLongs();
        for (int i = 0; i < 4; i++) {
            column.add(-1);
        }
        column.set(0, 5_000_000_000L);
        column.set(1, 40);
        column.set(2, Integer.MIN_VALUE);
        column.set(0, 12);
        column.set(2, 3);
        assertEquals(12, column.get(0));
        assertEquals(40, column.get(1));
        assertEquals(3, column.get(2));
        assertEquals(-1, column.get(3));
        assertEquals(16L * 4, column.retainedBytes(), "the first 16 int slots, and no value kept aside any more");
    }
}
