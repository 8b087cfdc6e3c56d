package io.lockscope.ingest.text;

import io.lockscope.ingest.BadInputException;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CoderResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A streaming RFC 4180 tokenizer for procmon CSV exports (procmon-formats.md §2.1), also used for the
 * CSV exports of tracerpt and WPA: every field quoted,
 * quotes doubled, CR, LF and TAB allowed inside quoted fields, records ended by CRLF, LF or CR. It
 * yields exactly the records Apache Commons CSV's {@code CSVFormat.DEFAULT} yields on a well-formed
 * file (empty lines are skipped as there).
 *
 * <p>The input is decoded in 64 KiB blocks (UTF-8, or UTF-16 when a BOM says so; a UTF-8 BOM is
 * dropped; an undecodable byte sequence becomes U+FFFD and is counted, see {@link #decoding()}) and the
 * current record's fields are copied, unquoted, into one reusable char buffer, so
 * a record costs no allocation. Limits keep a damaged file from exhausting memory: a field holds at
 * most {@link #MAX_FIELD_CHARS}, a record {@link #MAX_RECORD_CHARS} and {@link #MAX_FIELDS} fields.
 *
 * <p>Errors: a quote where RFC 4180 allows none (after a closing quote, inside an unquoted field) and
 * too many fields are {@link MalformedRecordException}s — the caller may {@link #skipRecord()} and go
 * on; a record over the size limits and the end of the file inside a quoted field
 * are {@link BadInputException}s. Lines are counted at record ends and at LFs inside quoted fields.
 */
public final class CsvTokenizer implements Closeable {
    public static final int MAX_FIELD_CHARS = 1 << 20;
    public static final int MAX_RECORD_CHARS = 4 << 20;
    public static final int MAX_FIELDS = 1024;
    private static final int BLOCK = 1 << 16;

    private final InputStream in;
    private final String file;
    private final LenientDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(BLOCK);
    private final CharBuffer block = CharBuffer.allocate(BLOCK);
    private final char[] buf = block.array();
    private int pos;
    private int limit;
    private long bytesBefore;
    private boolean inputDone;
    private boolean flushed;

    private char[] record = new char[8192];
    private int recordLength;
    private int[] fieldStart = new int[32];
    private int[] fieldLength = new int[32];
    private int fieldCount;
    private long line = 1;
    private long recordLine;
    private long recordNumber = -1;
    private boolean unterminated;

    private CsvTokenizer(InputStream in, String file, Charset charset, int bomLength) {
        this.in = in;
        this.file = file;
        this.decoder = new LenientDecoder(charset);
        this.bytes.position(bomLength);
        this.bytesBefore = 0;
    }

    /**
     * A tokenizer over {@code in}, its encoding taken from the byte order mark: EF BB BF UTF-8, FF FE
     * UTF-16LE, FE FF UTF-16BE; none means UTF-8. {@code file} names the input in errors.
     */
    public static CsvTokenizer open(InputStream in, String file) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(BLOCK);
        int n = in.readNBytes(head.array(), 0, BLOCK);
        byte[] b = head.array();
        TextEncoding encoding = TextEncoding.fromBom(b, n);
        CsvTokenizer t = new CsvTokenizer(in, file, encoding.charset(), encoding.bomLength());
        System.arraycopy(b, 0, t.bytes.array(), 0, n);
        t.bytes.limit(n);
        t.inputDone = n < BLOCK;
        return t;
    }

    /**
     * A tokenizer over UTF-8 text that continues an export at a record start, {@code byteOffset} bytes
     * into the file (for the file offsets of undecodable bytes): its first record is counted as starting
     * on {@code line}, and records are numbered on from {@code recordNumber}, the number of the record
     * before it. Lines and records of a part read on its own may be counted from 0 and -1, and shifted
     * once the parts before it are known.
     */
    public static CsvTokenizer continuing(InputStream in, String file, long byteOffset, long line, long recordNumber) {
        CsvTokenizer t = new CsvTokenizer(in, file, StandardCharsets.UTF_8, 0);
        t.bytes.limit(0);
        t.bytesBefore = byteOffset;
        t.line = line;
        t.recordNumber = recordNumber;
        return t;
    }

    /**
     * Reads the next record; false at the end of the input. Empty lines between records are skipped.
     */
    public boolean next() throws IOException, BadInputException, MalformedRecordException {
        recordLength = 0;
        fieldCount = 0;
        unterminated = false;
        for (;;) {
            if (pos == limit && !fill()) {
                return false;
            }
            char ch = buf[pos];
            if (ch == '\n') {
                pos++;
                line++;
            } else if (ch == '\r') {
                pos++;
                if ((pos < limit || fill()) && buf[pos] == '\n') {
                    pos++;
                }
                line++;
            } else {
                break;
            }
        }
        recordLine = line;
        recordNumber++;
        for (;;) {
            int fieldBegin = recordLength;
            if (pos < limit || fill()) {
                if (buf[pos] == '"') {
                    pos++;
                    quoted(fieldBegin);
                } else {
                    unquoted(fieldBegin);
                }
            }
            endField(fieldBegin);
            if (pos == limit && !fill()) {
                unterminated = true;
                return true;
            }
            char ch = buf[pos];
            if (ch == ',') {
                pos++;
            } else if (ch == '\n') {
                pos++;
                line++;
                return true;
            } else if (ch == '\r') {
                pos++;
                if ((pos < limit || fill()) && buf[pos] == '\n') {
                    pos++;
                }
                line++;
                return true;
            } else {
                throw malformed("character '" + printable(ch) + "' after the closing quote of field "
                        + fieldCount + " (a quote inside a field must be doubled)");
            }
        }
    }

    /**
     * Drops the rest of a malformed record: everything up to and including the next LF. A bare CR is
     * not taken as the end, as procmon writes bare CRs inside Process Start environments.
     */
    public void skipRecord() throws IOException, BadInputException {
        for (;;) {
            if (pos == limit && !fill()) {
                return;
            }
            char ch = buf[pos++];
            if (ch == '\n') {
                line++;
                return;
            }
        }
    }

    /** The buffer holding the current record's fields (valid until the next call to {@link #next()}). */
    public char[] chars() {
        return record;
    }

    public int fieldCount() {
        return fieldCount;
    }

    public int fieldStart(int i) {
        return fieldStart[i];
    }

    public int fieldLength(int i) {
        return fieldLength[i];
    }

    /** Field {@code i} as a String (allocates; for headers and tests). */
    public String field(int i) {
        return new String(record, fieldStart[i], fieldLength[i]);
    }

    /** The current record's fields as Strings (allocates; for headers and tests). */
    public List<String> fields() {
        List<String> out = new ArrayList<>(fieldCount);
        for (int i = 0; i < fieldCount; i++) {
            out.add(field(i));
        }
        return out;
    }

    /** How the text decoded so far: how many undecodable byte sequences became U+FFFD, and where the first was. */
    public LenientDecoder decoding() {
        return decoder;
    }

    /**
     * Whether the current record ends with the input rather than a line break: the last record of a file
     * cut short, if it also lacks fields (exporters end every record, the last one too, with a line break).
     */
    public boolean unterminated() {
        return unterminated;
    }

    /** The line the current record starts on (1-based). */
    public long recordLine() {
        return recordLine;
    }

    /** The line the next record starts on, if one follows: after the end of the input, the line after the last. */
    public long line() {
        return line;
    }

    /** The current record's number: 0 is the first record (the header), 1 the next. */
    public long recordNumber() {
        return recordNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void quoted(int fieldBegin) throws IOException, BadInputException {
        for (;;) {
            if (pos == limit && !fill()) {
                throw new BadInputException.Truncated(file, BadInputException.line(recordLine, recordNumber),
                        "the file ends inside a quoted field (field " + (fieldCount + 1) + " of the record)");
            }
            int p = pos;
            int end = limit;
            char[] b = buf;
            while (p < end) {
                char ch = b[p];
                if (ch <= '"') { // one comparison for nearly every character: '"' and LF are both below it
                    if (ch == '"') {
                        break;
                    }
                    if (ch == '\n') {
                        line++;
                    }
                }
                p++;
            }
            append(pos, p - pos, fieldBegin);
            pos = p;
            if (p == end) {
                continue;
            }
            pos++;
            if (pos == limit && !fill()) {
                return;
            }
            if (buf[pos] != '"') {
                return;
            }
            append(pos, 1, fieldBegin);
            pos++;
        }
    }

    private void unquoted(int fieldBegin) throws IOException, BadInputException, MalformedRecordException {
        for (;;) {
            int p = pos;
            int end = limit;
            char[] b = buf;
            while (p < end) {
                char ch = b[p];
                if (ch == ',' || ch == '\r' || ch == '\n') {
                    break;
                }
                if (ch == '"') {
                    throw malformed("a quote inside unquoted field " + (fieldCount + 1));
                }
                p++;
            }
            append(pos, p - pos, fieldBegin);
            pos = p;
            if (p < end || !fill()) {
                return;
            }
        }
    }

    private void append(int from, int count, int fieldBegin) throws BadInputException {
        int needed = recordLength + count;
        if (needed - fieldBegin > MAX_FIELD_CHARS) {
            throw tooLong("field " + (fieldCount + 1) + " is longer than " + MAX_FIELD_CHARS + " characters");
        }
        if (needed > record.length) {
            if (needed > MAX_RECORD_CHARS) {
                throw tooLong("the record is longer than " + MAX_RECORD_CHARS + " characters");
            }
            record = Arrays.copyOf(record, Math.min(MAX_RECORD_CHARS, Math.max(needed, record.length * 2)));
        }
        System.arraycopy(buf, from, record, recordLength, count);
        recordLength = needed;
    }

    private void endField(int fieldBegin) throws MalformedRecordException {
        if (fieldCount == fieldStart.length) {
            if (fieldCount == MAX_FIELDS) {
                throw malformed("more than " + MAX_FIELDS + " fields");
            }
            fieldStart = Arrays.copyOf(fieldStart, fieldCount * 2);
            fieldLength = Arrays.copyOf(fieldLength, fieldCount * 2);
        }
        fieldStart[fieldCount] = fieldBegin;
        fieldLength[fieldCount] = recordLength - fieldBegin;
        fieldCount++;
    }

    /** Decodes the next block into {@link #buf}; false at the end of the input. */
    private boolean fill() throws IOException, BadInputException {
        if (flushed) {
            return false;
        }
        block.clear();
        for (;;) {
            CoderResult r = decoder.decode(bytes, block, inputDone, bytesBefore);
            if (r.isOverflow()) {
                break;
            }
            if (inputDone) {
                decoder.flush(block);
                flushed = true;
                break;
            }
            if (block.position() >= BLOCK / 2) {
                break;
            }
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
        pos = 0;
        limit = block.position();
        return limit > 0;
    }

    private MalformedRecordException malformed(String message) {
        return new MalformedRecordException(recordLine, recordNumber, message);
    }

    private BadInputException tooLong(String message) {
        return new BadInputException.Corrupt(file, BadInputException.line(recordLine, recordNumber),
                message + "; a procmon row is never that long, the file is damaged (an unbalanced quote?)");
    }

    private static String printable(char ch) {
        return ch < 0x20 || ch == 0x7F ? String.format("\\u%04X", (int) ch) : String.valueOf(ch);
    }
}
