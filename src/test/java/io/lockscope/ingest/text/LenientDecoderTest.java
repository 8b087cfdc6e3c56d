package io.lockscope.ingest.text;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LenientDecoderTest {
    @Test
    void eachUndecodableSequenceBecomesOneReplacementAndIsCounted() {
        LenientDecoder d = new LenientDecoder(StandardCharsets.UTF_8);
        // a stray continuation byte, a lead byte cut by 'b', then a three-byte lead at the very end
        byte[] in = {'a', (byte) 0x80, (byte) 0xC3, 'b', 'c', (byte) 0xE2, (byte) 0x82};
        assertEquals("a\uFFFD\uFFFDbc\uFFFD", decode(d, in, 1000));
        assertEquals(3, d.replaced());
        assertEquals(1001, d.firstOffset());
        assertEquals("3 byte sequences are not valid UTF-8 text, shown as U+FFFD (the first at byte 1001)", d.warning());
    }

    @Test
    void aLoneSurrogateInUtf16IsReplaced() {
        LenientDecoder d = new LenientDecoder(StandardCharsets.UTF_16LE);
        byte[] in = {'x', 0, 0x00, (byte) 0xDC, 'y', 0};
        assertEquals("x\uFFFDy", decode(d, in, 0));
        assertEquals(1, d.replaced());
        assertEquals(2, d.firstOffset());
    }

    @Test
    void aFullOutputBufferStopsBeforeTheReplacementAndTheNextCallWritesIt() {
        LenientDecoder d = new LenientDecoder(StandardCharsets.UTF_8);
        ByteBuffer in = ByteBuffer.wrap(new byte[] {'a', (byte) 0xFF, 'b'});
        CharBuffer out = CharBuffer.allocate(1);
        assertTrue(d.decode(in, out, true, 0).isOverflow());
        assertEquals(0, d.replaced());
        out.flip();
        assertEquals("a", out.toString());
        out.clear();
        d.decode(in, out, true, 0);
        assertEquals(1, d.replaced());
    }

    @Test
    void cleanTextHasNoWarning() {
        LenientDecoder d = new LenientDecoder(StandardCharsets.UTF_8);
        assertEquals("ok \u00e9", decode(d, "ok \u00e9".getBytes(StandardCharsets.UTF_8), 0));
        assertEquals(0, d.replaced());
        assertEquals(-1, d.firstOffset());
        assertNull(d.warning());
    }

    private static String decode(LenientDecoder d, byte[] bytes, long offset) {
        CharBuffer out = CharBuffer.allocate(64);
        d.decode(ByteBuffer.wrap(bytes), out, true, offset);
        d.flush(out);
        return out.flip().toString();
    }
}
