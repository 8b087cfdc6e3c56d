package io.lockscope.ingest.procmon.csv;

import io.lockscope.ingest.text.CsvTokenizer;
import io.lockscope.ingest.text.LenientDecoder;
import io.lockscope.ingest.text.TextEncoding;
import io.lockscope.ingest.procmon.ExportRowParser;
import io.lockscope.ingest.procmon.ParsedRows;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Splitting a procmon CSV into parts that threads read at once. procmon quotes every field (procmon-formats.md
 * §2.1), so a record starts with a quote after a line feed; a line of a multi-line quoted field can too, so
 * a split found by its bytes is only a candidate. The part before it proves it: read on its own, it must
 * end after a whole record, as it does exactly when a read of the whole file is at a record start there
 * (a tokenizer's state at a byte depends only on the bytes before it, and a line feed needs nothing after
 * it to end a record). The first part is read by {@link CsvRead} and throws {@link NotARecordStart}
 * otherwise; a later part that does not end so is read again, with the rest of the file, in one part.
 */
final class CsvParts {
    /** How far past its even share of the file a part's start is looked for. */
    private static final int SEARCH_BYTES = 16 << 20;
    private static final int WINDOW = 64 << 10;

    private CsvParts() {
    }

    /** The first part did not end after a whole record: the file is read again in one part. */
    static final class NotARecordStart extends RuntimeException {
        NotARecordStart() {
            super("a part of the CSV began inside a record", null, false, false);
        }
    }

    /**
     * The byte offsets where the second and later parts of {@code file} begin: up to {@code threads}
     * parts of at least {@code minPartBytes} each, each beginning at the first line feed and quote after its
     * even share. Empty when the file is too small to be worth it, or is UTF-16 (a BOM says so). An even
     * share is kept for the first part too, though its thread also puts the other parts' rows into the
     * trace: that is about a tenth of the work of a row, and a smaller first part measured no faster.
     */
    static long[] recordStarts(Path file, int threads, long minPartBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            int parts = (int) Math.min(threads, size / Math.max(1, minPartBytes));
            if (parts < 2) {
                return new long[0];
            }
            ByteBuffer head = ByteBuffer.allocate(4);
            channel.read(head, 0);
            if (TextEncoding.fromBom(head.array(), head.position()).charset() != StandardCharsets.UTF_8) {
                return new long[0];
            }
            List<Long> starts = new ArrayList<>();
            long after = 1;
            for (int p = 1; p < parts; p++) {
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

    /** A later part of the file, read by a thread of its own into rows of its own. */
    static final class Part {
        /**
         * What the part read: its rows, in order; how its text decoded; the cut of its last record (null
         * after a whole one); the line after its last record and the number of its last record, counted
         * from line 0 and record -1 at the part's start.
         */
        record Result(List<ParsedRows> rows, LenientDecoder decoding, CsvRead.Cut cut, long line, long recordNumber) {
        }

        private final FutureTask<Result> task;

        private Part(FutureTask<Result> task) {
            this.task = task;
        }

        /**
         * Starts reading bytes {@code [start, end)} of {@code file} (named {@code name}) with {@code parser}, a
         * parser of its own; it gives up at its next batch of rows once {@code stop} is set.
         */
        static Part start(Path file, String name, long start, long end, int[] columnOfField, ExportRowParser parser,
                          AtomicBoolean stop) {
            FutureTask<Result> task = new FutureTask<>(() -> {
                try (InputStream in = range(file, start, end)) {
                    CsvTokenizer csv = CsvTokenizer.continuing(in, name, start, 0, -1);
                    List<ParsedRows> all = new ArrayList<>();
                    ParsedRows first = new ParsedRows(parser.strings());
                    CsvRead.Cut cut = CsvRead.records(name, csv, columnOfField, parser, first, false, rows -> {
                        if (stop.get()) {
                            throw new IllegalStateException("stopped");
                        }
                        all.add(rows);
                        return new ParsedRows(parser.strings());
                    });
                    return new Result(all, csv.decoding(), cut, csv.line(), csv.recordNumber());
                }
            });
            Thread thread = new Thread(task, "lockscope-csv-part " + name);
            thread.setDaemon(true);
            thread.start();
            return new Part(task);
        }

        /** What the part read, once it has; null when it failed or was stopped (the reading thread then reads it). */
        Result result() throws InterruptedIOException {
            try {
                return task.get();
            } catch (ExecutionException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading a part of the CSV");
            }
        }
    }
}
