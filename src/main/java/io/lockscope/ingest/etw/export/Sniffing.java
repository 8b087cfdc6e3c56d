package io.lockscope.ingest.etw.export;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** The start of a text export as text, for sniffing: BOM-aware, like {@link TextLines}. */
final class Sniffing {
    private Sniffing() {
    }

    static String text(byte[] head, int length) {
        Charset charset = StandardCharsets.UTF_8;
        int from = 0;
        if (length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            from = 3;
        } else if (length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            from = 2;
        } else if (length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            from = 2;
        }
        return new String(head, from, Math.max(0, length - from), charset);
    }

    /** The first line of {@code text} that is not blank, trimmed; "" when none ends within the text. */
    static String firstLine(String text) {
        int start = 0;
        while (start < text.length()) {
            int end = start;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            String line = text.substring(start, end).trim();
            if (!line.isEmpty()) {
                return line;
            }
            start = end + 1;
        }
        return "";
    }
}
