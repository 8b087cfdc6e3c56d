package io.lockscope.ingest.etw.export;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.text.LenientDecoder;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a text export, streamed: encoding from the byte order mark (EF BB BF UTF-8, FF FE
 * UTF-16LE, FE FF UTF-16BE; none means UTF-8, as tracerpt and xperf write); undecodable bytes become
 * U+FFFD and are counted ({@link #decoding()}); a line over {@link #MAX_LINE_CHARS} is a
 * {@link BadInputException} naming the line.
 */
final class TextLines implements Closeable {
    static final int MAX_LINE_CHARS = 1 << 20;
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

    static TextLines open(InputStream in, String file) throws IOException {
        byte[] b = in.readNBytes(3);
        Charset charset = StandardCharsets.UTF_8;
        int bom = 0;
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            bom = 3;
        } else if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            bom = 2;
        } else if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            bom = 2;
        }
        byte[] rest = new byte[b.length - bom];
        System.arraycopy(b, bom, rest, 0, rest.length);
        return new TextLines(in, file, charset, bom, rest, rest.length);
    }

    /** Decodes more characters; false at the end of the input. */
    private boolean fill() throws IOException {
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
    String next() throws IOException, BadInputException {
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
    LenientDecoder decoding() {
        return decoder;
    }

    /** The 1-based number of the line {@link #next()} returned last. */
    long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
