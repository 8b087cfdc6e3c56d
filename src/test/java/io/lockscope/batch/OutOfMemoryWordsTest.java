package io.lockscope.batch;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The heap's size as an operator reads it and as the {@code -Xmx} option that gives twice as much. */
class OutOfMemoryWordsTest {
    @Test
    void sizesInMebibytesBelowAGibibyteElseInGibibytes() {
        assertEquals("400 MiB", OutOfMemory.size(400L << 20));
        assertEquals("24 MiB", OutOfMemory.size((24L << 20) - 4096), "a part of a MiB rounds up");
        assertEquals("1.0 GiB", OutOfMemory.size(1L << 30));
        assertEquals("1.5 GiB", OutOfMemory.size(3L << 29));
    }

    @Test
    void xmxInWholeGibibytesWhereItIsOneElseInMebibytes() {
        assertEquals("-Xmx4g", OutOfMemory.xmx(4L << 30));
        assertEquals("-Xmx800m", OutOfMemory.xmx(800L << 20));
        assertEquals("-Xmx1536m", OutOfMemory.xmx(3L << 29));
        assertEquals("-Xmx800m", OutOfMemory.xmx((800L << 20) - 4096), "never less than asked: a part of a MiB rounds up");
    }
}
