package io.lockscope.ingest.etw.etl;

import io.lockscope.generate.etw.XpressEncoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XpressLz77Test {

    private static byte[] roundTrip(byte[] plain) throws Exception {
        byte[] packed = XpressEncoder.encode(plain);
        byte[] out = new byte[plain.length];
        int n = XpressLz77.decode(packed, 0, packed.length, out, 0, out.length, false);
        assertEquals(plain.length, n);
        return out;
    }

    @Test
    void decodesLiteralsShortAndEveryLongLengthForm() throws Exception {
        byte[] text = "\\Device\\HarddiskVolume3\\Windows\\System32\\".repeat(40).getBytes(StandardCharsets.UTF_16LE);
        assertArrayEquals(text, roundTrip(text));
        byte[] runs = new byte[70_000];
        Arrays.fill(runs, 0, 12, (byte) 1);        // nibble form
        Arrays.fill(runs, 20, 60, (byte) 2);       // byte form
        Arrays.fill(runs, 100, 1_100, (byte) 3);   // u16 form
        Arrays.fill(runs, 2_000, 69_000, (byte) 4);
        assertArrayEquals(runs, roundTrip(runs));
        byte[] random = new byte[5000];
        new Random(7).nextBytes(random);
        assertArrayEquals(random, roundTrip(random));
    }

    @Test
    void literalOnlyStreamEndsWithTheInput() throws Exception {
        // one flag word: 26 literal bits (0), the unused low bits set as encoders leave them
        byte[] plain = "abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
        byte[] packed = new byte[4 + 26];
        packed[3] = 0x00; // flags: 26 literals, then ones for "end"
        int flags = (1 << 6) - 1;
        packed[0] = (byte) flags;
        System.arraycopy(plain, 0, packed, 4, 26);
        byte[] out = new byte[26];
        assertEquals(26, XpressLz77.decode(packed, 0, packed.length, out, 0, 26, false));
        assertArrayEquals(plain, out);
    }

    @Test
    void matchBeforeTheOutputStartIsCorrupt() {
        // flag word: first item is a match; token offset 5 at output position 0
        byte[] hostile = {0, 0, 0, (byte) 0x80, (byte) (4 << 3), 0};
        XpressLz77.CorruptStreamException e = assertThrows(XpressLz77.CorruptStreamException.class,
                () -> XpressLz77.decode(hostile, 0, hostile.length, new byte[100], 0, 100, false));
        assertTrue(e.getMessage().contains("before the start"), e.getMessage());
    }

    @Test
    void outputLongerThanDeclaredIsCorruptButAPrefixCanBeAsked() throws Exception {
        byte[] plain = new byte[4000];
        Arrays.fill(plain, (byte) 9);
        byte[] packed = XpressEncoder.encode(plain);
        assertThrows(XpressLz77.CorruptStreamException.class,
                () -> XpressLz77.decode(packed, 0, packed.length, new byte[100], 0, 100, false));
        byte[] prefix = new byte[100];
        assertEquals(100, XpressLz77.decode(packed, 0, packed.length, prefix, 0, 100, true));
        assertEquals(9, prefix[99]);
    }

    @Test
    void hugeDeclaredLengthInU32FormIsBoundedByTheOutput() {
        // match token with length 7 → nibble 15 → byte 255 → u16 0 → u32 0x7FFFFFFF
        byte[] hostile = {0, 0, 0, 0x40, 'a', 7, 0, 0x0F, (byte) 255, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F};
        assertThrows(XpressLz77.CorruptStreamException.class,
                () -> XpressLz77.decode(hostile, 0, hostile.length, new byte[64], 0, 64, false));
    }

    @Test
    void randomGarbageNeverOverflowsOrHangs() {
        Random random = new Random(42);
        byte[] out = new byte[4096];
        for (int i = 0; i < 3000; i++) {
            byte[] junk = new byte[1 + random.nextInt(600)];
            random.nextBytes(junk);
            try {
                int n = XpressLz77.decode(junk, 0, junk.length, out, 0, out.length, false);
                assertTrue(n >= 0 && n <= out.length);
            } catch (XpressLz77.CorruptStreamException expected) {
                assertTrue(expected.inputPosition() >= 0 && expected.inputPosition() <= junk.length);
            }
        }
    }
}
