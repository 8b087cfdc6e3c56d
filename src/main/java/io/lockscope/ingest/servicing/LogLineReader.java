package io.lockscope.ingest.servicing;

import io.lockscope.ingest.text.TextEncoding;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;

/**
 * Reads a text log line by line in bounded memory: at most {@code maxLineChars} of a line are kept and
 * the rest is read and dropped, so a 4 GB "line" (a binary file, a log glued together without line
 * breaks) costs time, not memory. The caller learns that the last line was cut and how long it was.
 * Undecodable bytes become U+FFFD and are counted.
 */
final class LogLineReader implements Closeable {
    static final int DEFAULT_MAX_LINE_CHARS = 64 * 1024;

    private final Reader in;
    private final int maxLineChars;
    private final char[] buf = new char[16 * 1024];
    private int pos;
    private int limit;
    private long lineNumber;
    private long lastLineLength;
    private boolean lastLineCut;
    private long linesWithBadBytes;
    private final StringBuilder line = new StringBuilder(256);

    LogLineReader(InputStream raw, int maxLineChars) throws IOException {
        this.maxLineChars = maxLineChars;
        PushbackInputStream pin = new PushbackInputStream(raw, 512);
        byte[] head = new byte[512];
        int n = pin.readNBytes(head, 0, head.length);
        TextEncoding enc = TextEncoding.detect(head, n);
        if (n > enc.bomLength()) {
            pin.unread(head, enc.bomLength(), n - enc.bomLength());
        }
        this.in = new InputStreamReader(pin, enc.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    /** The next line without its CR/LF, cut to the limit, or null at the end. */
    String next() throws IOException {
        line.setLength(0);
        long length = 0;
        boolean any = false;
        boolean bad = false;
        boolean endsInCr = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buf, 0, buf.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = pos;
            while (pos < limit && buf[pos] != '\n') {
                pos++;
            }
            int end = pos;
            boolean eol = pos < limit;
            if (eol) {
                pos++;
            }
            length += end - start;
            if (end > start) {
                endsInCr = buf[end - 1] == '\r';
            }
            int room = maxLineChars - line.length();
            if (room > 0) {
                line.append(buf, start, Math.min(room, end - start));
            }
            for (int i = start; i < end && !bad; i++) {
                bad = buf[i] == '\uFFFD';
            }
            if (eol) {
                break;
            }
        }
        if (endsInCr) {
            length--;
            if (line.length() > length) {
                line.setLength((int) length);
            }
        }
        lineNumber++;
        lastLineLength = length;
        lastLineCut = length > maxLineChars;
        if (bad) {
            linesWithBadBytes++;
        }
        return line.toString();
    }

    /** 1-based number of the line {@link #next} returned last. */
    long lineNumber() {
        return lineNumber;
    }

    /** Whether the last line was longer than the limit (and returned cut). */
    boolean lastLineCut() {
        return lastLineCut;
    }

    /** The full length in chars of the last line, counted even when cut. */
    long lastLineLength() {
        return lastLineLength;
    }

    long linesWithBadBytes() {
        return linesWithBadBytes;
    }

    int maxLineChars() {
        return maxLineChars;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
