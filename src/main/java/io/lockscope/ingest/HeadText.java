package io.lockscope.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The first bytes of a text export as text, for sniffing by content: a UTF-8, UTF-16LE or UTF-16BE
 * byte-order mark selects the decoding (and is dropped); without one, UTF-8.
 */
public final class HeadText {
    private HeadText() {
    }

    public static String of(byte[] head, int length) {
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
}
