package io.lockscope.ingest.text;

import io.lockscope.ingest.BadInputException;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * The lines of a text export, streamed: encoding from the byte order mark (EF BB BF UTF-8, FF FE
 * UTF-16LE, FE FF UTF-16BE; none means UTF-8, as tracerpt and xperf write); undecodable bytes become
 * U+FFFD and are counted ({@link #decoding()}); a line over {@link #MAX_LINE_CHARS} is a
 * {@link BadInputException} naming the line.
 */
public final class TextLines implements Closeable {
    public static final int MAX_LINE_CHARS = 1 << 20;
    private static final int BLOCK = 1 << 16;

    private final InputStream in;
    private final String file;
    private final LenientDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(BLOCK);
    private final CharBuffer chars = CharBuffer.allocate(BLOCK);
    private final StringBuilder line = new StringBuilder(256);
    private boolean inputDone;
    /** The file offset of {@link #bytes}' index 0. */
    private long bytesBefore;
    /** The decoder has been flushed: the input is all decoded, and it must not be called again. */
    private boolean ended;
    private long lineNumber;
    private boolean pendingCr;

    private TextLines(InputStream in, String file, Charset charset, int bomLength, byte[] head, int headLength) {
        this.in = in;
        this.file = file;
        this.decoder = new LenientDecoder(charset);
        this.bytesBefore = bomLength;
        bytes.put(head, 0, headLength).flip();
        chars.flip();
    }

    /** The lines of {@code in}, decoded as its byte-order mark says ({@link TextEncoding#fromBom}). */
    public static TextLines open(InputStream in, String file) throws IOException {
        byte[] head = in.readNBytes(3);
        TextEncoding encoding = TextEncoding.fromBom(head, head.length);
        int bom = encoding.bomLength();
        return new TextLines(in, file, encoding.charset(), bom, Arrays.copyOfRange(head, bom, head.length),
                head.length - bom);
    }

    /** Decodes more characters; false at the end of the input. */
    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        chars.clear();
        while (chars.position() == 0) {
            if (!inputDone && bytes.remaining() < 16) {
                bytesBefore += bytes.position();
                bytes.compact();
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    inputDone = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
            }
            decoder.decode(bytes, chars, inputDone, bytesBefore);
            if (inputDone && !bytes.hasRemaining() && chars.position() == 0) {
                decoder.flush(chars);
                ended = true;
                if (chars.position() == 0) {
                    chars.flip();
                    return false;
                }
            }
        }
        chars.flip();
        return true;
    }

    /** The next line without its end (CRLF, LF or CR), or null at the end of the input. */
    public String next() throws IOException, BadInputException {
        line.setLength(0);
        boolean any = false;
        for (;;) {
            if (!chars.hasRemaining() && !fill()) {
                if (!any) {
                    return null;
                }
                lineNumber++;
                return line.toString();
            }
            char c = chars.get();
            if (pendingCr) {
                pendingCr = false;
                if (c == '\n') {
                    continue;
                }
            }
            if (c == '\n' || c == '\r') {
                pendingCr = c == '\r';
                lineNumber++;
                return line.toString();
            }
            any = true;
            if (line.length() >= MAX_LINE_CHARS) {
                throw new BadInputException.Corrupt(file, BadInputException.line(lineNumber + 1),
                        "line longer than " + MAX_LINE_CHARS + " characters; not an export lockscope reads");
            }
            line.append(c);
        }
    }

    /** How many undecodable byte sequences became U+FFFD so far, and where the first was. */
    public LenientDecoder decoding() {
        return decoder;
    }

    /** The 1-based number of the line {@link #next()} returned last. */
    public long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
