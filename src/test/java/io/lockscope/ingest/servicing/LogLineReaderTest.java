package io.lockscope.ingest.servicing;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogLineReaderTest {

    private static List<String> lines(byte[] bytes, int max) throws IOException {
        List<String> out = new ArrayList<>();
        try (LogLineReader r = new LogLineReader(new ByteArrayInputStream(bytes), max)) {
            String line;
            while ((line = r.next()) != null) {
                out.add(line);
            }
        }
        return out;
    }

    @Test
    void crlfLfAndNoFinalNewline() throws IOException {
        assertEquals(List.of("a", "", "b", "c"), lines("a\r\n\r\nb\nc".getBytes(StandardCharsets.UTF_8), 100));
        assertEquals(List.of(), lines(new byte[0], 100));
    }

    @Test
    void bomsAreDroppedAndUtf16Decoded() throws IOException {
        byte[] utf8 = "\uFEFFTI: x\r\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("TI: x"), lines(utf8, 100));
        byte[] body = "Filter Name\r\nWdFilter  5\r\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] utf16 = new byte[body.length + 2];
        utf16[0] = (byte) 0xFF;
        utf16[1] = (byte) 0xFE;
        System.arraycopy(body, 0, utf16, 2, body.length);
        assertEquals(List.of("Filter Name", "WdFilter  5"), lines(utf16, 100));
    }

    @Test
    void longLinesAreCutButMeasured() throws IOException {
        try (LogLineReader r = new LogLineReader(new ByteArrayInputStream(
                ("0123456789abcdef\r\nshort\r\n").getBytes(StandardCharsets.US_ASCII)), 10)) {
            assertEquals("0123456789", r.next());
            assertTrue(r.lastLineCut());
            assertEquals(16, r.lastLineLength(), "the CR is not counted");
            assertEquals("short", r.next());
            assertFalse(r.lastLineCut());
            assertEquals(2, r.lineNumber());
            assertNull(r.next());
        }
    }

    @Test
    void exactlyAtTheLimitIsNotCut() throws IOException {
        try (LogLineReader r = new LogLineReader(new ByteArrayInputStream("0123456789\r\n".getBytes(
                StandardCharsets.US_ASCII)), 10)) {
            assertEquals("0123456789", r.next());
            assertFalse(r.lastLineCut());
        }
    }
}
