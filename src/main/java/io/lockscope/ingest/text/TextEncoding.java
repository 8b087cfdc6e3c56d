package io.lockscope.ingest.text;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How a text file is encoded, decided from its first bytes. Two rules, because the producers differ:
 * procmon, tracerpt and xperf write UTF-8 or a UTF-16 with a byte-order mark ({@link #fromBom}); command
 * output redirected in PowerShell 5 ({@code fltmc > out.txt}) is UTF-16LE with a BOM, cmd.exe
 * redirection and CBS/setupapi logs are 8-bit, CBS.log often with a UTF-8 BOM, and a log copied through
 * some tools loses its BOM, so servicing logs also recognise UTF-16 by the zero high bytes of ASCII text
 * ({@link #detect}; servicing.md §2.1).
 *
 * @param bomLength bytes to skip before the text starts
 */
public record TextEncoding(Charset charset, int bomLength) {
    private static final TextEncoding UTF_8 = new TextEncoding(StandardCharsets.UTF_8, 0);

    /** The encoding a byte-order mark names (EF BB BF UTF-8, FF FE UTF-16LE, FE FF UTF-16BE); none means UTF-8. */
    public static TextEncoding fromBom(byte[] head, int n) {
        if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return new TextEncoding(StandardCharsets.UTF_8, 3);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return new TextEncoding(StandardCharsets.UTF_16LE, 2);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return new TextEncoding(StandardCharsets.UTF_16BE, 2);
        }
        return UTF_8;
    }

    /** As {@link #fromBom}, and without a BOM UTF-16 is recognised by the zero high bytes of ASCII text. */
    public static TextEncoding detect(byte[] head, int n) {
        TextEncoding marked = fromBom(head, n);
        if (marked.bomLength > 0) {
            return marked;
        }
        if (looksLikeUtf16(head, n, 1)) {
            return new TextEncoding(StandardCharsets.UTF_16LE, 0);
        }
        if (looksLikeUtf16(head, n, 0)) {
            return new TextEncoding(StandardCharsets.UTF_16BE, 0);
        }
        return UTF_8;
    }

    /** The first {@code n} bytes of {@code head} as text, the BOM dropped. */
    public String decode(byte[] head, int n) {
        return new String(head, bomLength, Math.max(0, n - bomLength), charset);
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
}
