package io.lockscope.ingest.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes a text export so that a damaged byte costs one character, not the file: every byte sequence
 * that is not valid in the charset becomes U+FFFD (as Notepad and procmon's own viewer show it), and is
 * counted with the file offset of the first, so the report can say how much was replaced and where.
 * One flipped bit in a 28 MB procmon CSV used to make the whole case unreadable.
 */
public final class LenientDecoder {
    public static final char REPLACEMENT = '\uFFFD';

    private final Charset charset;
    private final CharsetDecoder decoder;
    private long replaced;
    private long firstOffset = -1;

    public LenientDecoder(Charset charset) {
        this.charset = charset;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * {@link CharsetDecoder#decode(ByteBuffer, CharBuffer, boolean)} that never reports an error: it
     * returns underflow or overflow only.
     *
     * @param inStartOffset the file offset of {@code in}'s index 0, for {@link #firstOffset()}
     */
    public CoderResult decode(ByteBuffer in, CharBuffer out, boolean endOfInput, long inStartOffset) {
        for (;;) {
            CoderResult r = decoder.decode(in, out, endOfInput);
            if (!r.isError()) {
                return r;
            }
            if (!out.hasRemaining()) {
                return CoderResult.OVERFLOW;
            }
            if (replaced++ == 0) {
                firstOffset = inStartOffset + in.position();
            }
            out.put(REPLACEMENT);
            in.position(in.position() + r.length());
        }
    }

    /** Ends decoding (see {@link CharsetDecoder#flush}); an incomplete sequence at the end was already replaced. */
    public CoderResult flush(CharBuffer out) {
        return decoder.flush(out);
    }

    /** How many undecodable byte sequences became U+FFFD. */
    public long replaced() {
        return replaced;
    }

    /** The file offset of the first one, or -1 when there was none. */
    public long firstOffset() {
        return firstOffset;
    }

    /** Counts the replacements of {@code later}, which decoded the text after this one's (another part of the file). */
    public void append(LenientDecoder later) {
        if (replaced == 0) {
            firstOffset = later.firstOffset;
        }
        replaced += later.replaced;
    }

    /** The line for a read report, or null when every byte decoded. */
    public String warning() {
        if (replaced == 0) {
            return null;
        }
        return replaced + (replaced == 1 ? " byte sequence is" : " byte sequences are") + " not valid "
                + charset.name() + " text, shown as U+FFFD (the first at byte " + firstOffset + ")";
    }
}
