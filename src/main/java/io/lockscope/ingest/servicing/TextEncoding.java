package io.lockscope.ingest.servicing;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How a text log is encoded, decided from its first bytes. Command output redirected in PowerShell
 * 5 ({@code fltmc > out.txt}) is UTF-16LE with a BOM; cmd.exe redirection and CBS/setupapi logs are
 * 8-bit, CBS.log often with a UTF-8 BOM (servicing.md §2.1). UTF-16 without a BOM is recognised by
 * the zero high bytes of ASCII text.
 *
 * @param bomLength bytes to skip before the text starts
 */
record TextEncoding(Charset charset, int bomLength) {

    static TextEncoding detect(byte[] head, int n) {
        if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return new TextEncoding(StandardCharsets.UTF_8, 3);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return new TextEncoding(StandardCharsets.UTF_16LE, 2);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return new TextEncoding(StandardCharsets.UTF_16BE, 2);
        }
        if (looksLikeUtf16(head, n, 1)) {
            return new TextEncoding(StandardCharsets.UTF_16LE, 0);
        }
        if (looksLikeUtf16(head, n, 0)) {
            return new TextEncoding(StandardCharsets.UTF_16BE, 0);
        }
        return new TextEncoding(StandardCharsets.UTF_8, 0);
    }

    /** Most bytes at {@code zeroParity} positions are 0 and those at the other parity are not. */
    private static boolean looksLikeUtf16(byte[] head, int n, int zeroParity) {
        int pairs = Math.min(n, 512) / 2;
        if (pairs < 4) {
            return false;
        }
        int zeros = 0;
        int otherZeros = 0;
        for (int i = 0; i < pairs; i++) {
            if (head[2 * i + zeroParity] == 0) {
                zeros++;
            }
            if (head[2 * i + 1 - zeroParity] == 0) {
                otherZeros++;
            }
        }
        return zeros * 10 >= pairs * 9 && otherZeros * 10 < pairs;
    }

    /** The first lines of {@code head} as text (a trailing partial line is dropped when the head is full). */
    static String[] headLines(byte[] head, int n, int maxLines) {
        TextEncoding enc = detect(head, n);
        String text = new String(head, enc.bomLength, Math.max(0, n - enc.bomLength), enc.charset);
        String[] lines = text.split("\r?\n", -1);
        int count = Math.min(lines.length, maxLines);
        if (n == head.length && count == lines.length && count > 1) {
            count--;
        }
        String[] out = new String[count];
        System.arraycopy(lines, 0, out, 0, count);
        return out;
    }
}
