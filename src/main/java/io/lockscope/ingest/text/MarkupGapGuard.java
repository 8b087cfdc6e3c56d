package io.lockscope.ingest.text;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fails the input when more than {@code maxGap} bytes pass without a '&lt;' byte. The XML parser
 * buffers a whole text node before handing it out, so a hostile file with one endless text node
 * would exhaust memory before any length check of ours could run; no procmon export has markup that
 * far apart (its longest values — Process Start environments — are a few KiB). '&lt;' is byte 0x3C in
 * UTF-8 and in UTF-16, where other characters may contain that byte too, which only shortens gaps.
 */
public final class MarkupGapGuard extends FilterInputStream {
    /** Thrown through the parser; carries the offset of the byte that made the gap too long. */
    public static final class GapTooLongException extends IOException {
        private final long offset;

        GapTooLongException(long offset, long maxGap) {
            super("more than " + maxGap + " bytes without markup; a procmon export never has a value that long");
            this.offset = offset;
        }

        public long offset() {
            return offset;
        }
    }

    private final long maxGap;
    private long offset;
    private long gap;

    public MarkupGapGuard(InputStream in, long maxGap) {
        super(in);
        this.maxGap = maxGap;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            see(b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        int n = in.read(buffer, off, len);
        for (int i = off; i < off + n; i++) {
            see(buffer[i]);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported");
    }

    private void see(int b) throws GapTooLongException {
        offset++;
        if (b == '<') {
            gap = 0;
        } else if (++gap > maxGap) {
            throw new GapTooLongException(offset - 1, maxGap);
        }
    }
}
