package io.lockscope.ingest.procmon.csv;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.text.CsvTokenizer;
import io.lockscope.ingest.text.LenientDecoder;
import io.lockscope.ingest.text.TextEncoding;
import io.lockscope.ingest.procmon.ExportRowParser;
import io.lockscope.ingest.procmon.ParsedRows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Splitting a procmon CSV into parts that threads read at once. procmon quotes every field (procmon-formats.md
 * §2.1), so a record starts with a quote after a line feed; a line of a multi-line quoted field can too, so
 * a split found by its bytes is only a candidate. The part before it proves it: read on its own, it must
 * end after a whole record, as it does exactly when a read of the whole file is at a record start there
 * (a tokenizer's state at a byte depends only on the bytes before it, and a line feed needs nothing after
 * it to end a record). A part the reading thread read ({@link CsvRead}) that does not end so throws
 * {@link NotARecordStart}, and the file is read again in one part; when one that another thread read
 * ({@link #read}) does not, it is read again with the rest of the file, in one part.
 */
final class CsvParts {
    /** How far past its even share of the file a part's start is looked for. */
    private static final int SEARCH_BYTES = 16 << 20;
    private static final int WINDOW = 64 << 10;
    private static final long MOST_PARTS = 1 << 16;

    private CsvParts() {
    }

    /** A part the reading thread read did not end after a whole record: the file is read again in one part. */
    static final class NotARecordStart extends RuntimeException {
        NotARecordStart() {
            super("a part of the CSV began inside a record", null, false, false);
        }
    }

    /**
     * The byte offsets where the second and later parts of {@code file} begin, for reading on up to
     * {@code threads} threads: parts of about {@code 4 * minPartBytes} (at least {@code minPartBytes}), as
     * many as the threads or a multiple of them, each beginning at the first line feed and quote after its
     * even share. Empty when the file is too small to be worth it, or is UTF-16 (a BOM says so). The first
     * part's share is not made smaller for the work its thread also does (putting the other parts' rows
     * into the trace, about a tenth of the work of a row): that measured slower, as the other threads'
     * parts are slower per byte.
     */
    static long[] recordStarts(Path file, int threads, long minPartBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            int used = (int) Math.min(threads, size / Math.max(1, minPartBytes));
            if (used < 2) {
                return new long[0];
            }
            ByteBuffer head = ByteBuffer.allocate(4);
            channel.read(head, 0);
            if (TextEncoding.fromBom(head.array(), head.position()).charset() != StandardCharsets.UTF_8) {
                return new long[0];
            }
            long rounds = Math.max(1, size / (4 * minPartBytes * used));
            long parts = Math.min(rounds * used, MOST_PARTS);
            List<Long> starts = new ArrayList<>();
            long after = 1;
            for (long p = 1; p < parts; p++) {
                long start = recordStart(channel, Math.max(after, size / parts * p), size);
                if (start > 0) {
                    starts.add(start);
                    after = start + 1;
                }
            }
            return starts.stream().mapToLong(Long::longValue).toArray();
        }
    }

    /** The first offset at or after {@code from} that follows a line feed and holds a quote; -1 when none is near. */
    private static long recordStart(FileChannel channel, long from, long size) throws IOException {
        ByteBuffer window = ByteBuffer.allocate(WINDOW);
        long end = Math.min(size, from + SEARCH_BYTES);
        for (long at = from - 1; at < end - 1; at += WINDOW - 1) { // windows overlap by one byte
            window.clear();
            int n = 0;
            while (window.hasRemaining() && at + n < size) {
                int r = channel.read(window, at + n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            byte[] b = window.array();
            for (int i = 0; i + 1 < n; i++) {
                if (b[i] == '\n' && b[i + 1] == '"') {
                    return at + i + 1;
                }
            }
        }
        return -1;
    }

    /** Bytes {@code [start, end)} of {@code file}. */
    static InputStream range(Path file, long start, long end) throws IOException {
        FileChannel channel = FileChannel.open(file);
        return new InputStream() {
            private long position = start;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position >= end) {
                    return -1;
                }
                int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, end - position)), position);
                if (n > 0) {
                    position += n;
                }
                return n;
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    /** The most rows a batch of a part has room for: G1 allocates larger arrays outside the young generation. */
    private static final int MOST_ROWS = 1 << 15;
    private static final int FIRST_ROWS = 4096;

    /**
     * What a part read on another thread gives: its rows, in order; how its text decoded; the cut of its
     * last record (null after a whole one); the line after its last record and the number of its last
     * record, counted from line 0 and record -1 at the part's start.
     */
    record Part(List<ParsedRows> rows, LenientDecoder decoding, CsvRead.Cut cut, long line, long recordNumber) {
    }

    /**
     * Reads bytes {@code [start, end)} of {@code file} (named {@code name}) with {@code parser}, a parser
     * of the calling thread's own, into batches that each have room for twice the rows of the one before,
     * up to {@link #MOST_ROWS}; gives up at a batch's end once {@code stopping}.
     */
    static Part read(Path file, String name, long start, long end, int[] columnOfField, ExportRowParser parser,
                     BooleanSupplier stopping) throws IOException, BadInputException {
        try (InputStream in = range(file, start, end)) {
            CsvTokenizer csv = CsvTokenizer.continuing(in, name, start, 0, -1);
            List<ParsedRows> all = new ArrayList<>();
            ParsedRows first = new ParsedRows(parser.strings(), FIRST_ROWS);
            CsvRead.Cut cut = CsvRead.records(name, csv, columnOfField, parser, first, rows -> {
                if (stopping.getAsBoolean()) {
                    throw new IllegalStateException("stopped");
                }
                all.add(rows);
                return new ParsedRows(parser.strings(), Math.min(MOST_ROWS, rows.size() * 2));
            });
            return new Part(all, csv.decoding(), cut, csv.line(), csv.recordNumber());
        }
    }
}
