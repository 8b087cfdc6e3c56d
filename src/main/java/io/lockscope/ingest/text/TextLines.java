package io.lockscope.ingest.text;

import io.lockscope.ingest.BadInputException;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;

/**
 * The lines of a text export, streamed: encoding from the byte order mark (EF BB BF UTF-8, FF FE
 * UTF-16LE, FE FF UTF-16BE; none means UTF-8, as tracerpt and xperf write), malformed bytes and lines
 * over {@link #MAX_LINE_CHARS} are {@link BadInputException}s naming the line.
 */
public final class TextLines implements Closeable {
    public static final int MAX_LINE_CHARS = 1 << 20;
    private static final int BLOCK = 1 << 16;

    private final InputStream in;
    private final String file;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(BLOCK);
    private final CharBuffer chars = CharBuffer.allocate(BLOCK);
    private final StringBuilder line = new StringBuilder(256);
    private boolean inputDone;
    /** The decoder met bytes that are not text; raised when the lines before them have been read. */
    private boolean malformedAhead;
    private long lineNumber;
    private boolean pendingCr;

    private TextLines(InputStream in, String file, Charset charset, byte[] head, int headLength) {
        this.in = in;
        this.file = file;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        bytes.put(head, 0, headLength).flip();
        chars.flip();
    }

    /** The lines of {@code in}, decoded as its byte-order mark says ({@link TextEncoding#fromBom}). */
    public static TextLines open(InputStream in, String file) throws IOException {
        byte[] head = in.readNBytes(3);
        TextEncoding encoding = TextEncoding.fromBom(head, head.length);
        int bom = encoding.bomLength();
        return new TextLines(in, file, encoding.charset(), Arrays.copyOfRange(head, bom, head.length),
                head.length - bom);
    }

    /** Decodes more characters; false at the end of the input. */
    private boolean fill() throws IOException, BadInputException {
        chars.clear();
        while (chars.position() == 0) {
            if (malformedAhead) {
                throw new BadInputException.Corrupt(file, BadInputException.line(lineNumber + 1),
                        "bytes that are not valid text in the file's encoding");
            }
            if (!inputDone && bytes.remaining() < 16) {
                bytes.compact();
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    inputDone = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
            }
            CoderResult r = decoder.decode(bytes, chars, inputDone);
            if (r.isError()) {
                malformedAhead = true;
            } else if (inputDone && !bytes.hasRemaining() && chars.position() == 0) {
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

    /** The 1-based number of the line {@link #next()} returned last. */
    public long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
