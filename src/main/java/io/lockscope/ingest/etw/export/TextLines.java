package io.lockscope.ingest.etw.export;

import io.lockscope.ingest.BadInputException;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a text export, streamed: encoding from the byte order mark (EF BB BF UTF-8, FF FE
 * UTF-16LE, FE FF UTF-16BE; none means UTF-8, as tracerpt and xperf write), malformed bytes and lines
 * over {@link #MAX_LINE_CHARS} are {@link BadInputException}s naming the line.
 */
final class TextLines implements Closeable {
    static final int MAX_LINE_CHARS = 1 << 20;

    private final Reader reader;
    private final String file;
    private final char[] buf = new char[1 << 16];
    private final StringBuilder line = new StringBuilder(256);
    private int pos;
    private int limit;
    private long lineNumber;
    private boolean pendingCr;

    private TextLines(Reader reader, String file) {
        this.reader = reader;
        this.file = file;
    }

    static TextLines open(InputStream in, String file) throws IOException {
        if (!in.markSupported()) {
            in = new java.io.BufferedInputStream(in, 1 << 16);
        }
        in.mark(4);
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
        in.reset();
        in.skipNBytes(bom);
        return new TextLines(new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), file);
    }

    /** The next line without its end (CRLF, LF or CR), or null at the end of the input. */
    String next() throws IOException, BadInputException {
        line.setLength(0);
        boolean any = false;
        for (;;) {
            if (pos == limit) {
                try {
                    limit = reader.read(buf, 0, buf.length);
                } catch (CharacterCodingException e) {
                    throw new BadInputException.Corrupt(file, BadInputException.line(lineNumber + 1),
                            "bytes that are not valid text in the file's encoding");
                }
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return null;
                    }
                    lineNumber++;
                    return line.toString();
                }
            }
            char c = buf[pos++];
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
    long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
