package io.lockscope.ingest.etw.etl;

import io.lockscope.format.etw.etl.EtlLayout;
import io.lockscope.ingest.BadInputException;
import io.lockscope.model.ReadReport;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * Reads the records of an ETL file in timestamp order, in pure Java.
 *
 * <p>An ETL is a sequence of buffers, each a {@link BufferHeader} followed by 8-aligned records
 * ({@link TraceRecord}); buffers of merged files are XPRESS-compressed ({@link XpressLz77}). Buffers
 * are per CPU and their time ranges interleave (etw-formats.md §0.5), while records inside a buffer
 * are in time order. So the reader first indexes the buffers (offset, size, first timestamp), then
 * merges them k-way by timestamp, opening a buffer only when its first record is due and releasing
 * it (and its decompression scratch) once drained: memory stays at a few buffers. Ties keep file
 * order, so the merge is stable. Where the reader is opened with a helper thread (by default, where
 * there is a second core), compressed buffers are decompressed on it a few buffers ahead of the merge
 * ({@link AheadOfMerge}). A pass that needs only a
 * few of the records in time order can {@link #scan} the buffers in file order on several threads instead.
 *
 * <p>Every size and offset read from the file is checked against the file before use. A damaged first
 * buffer is a {@link BadInputException}; damage later is counted in {@link #stats()} and the
 * {@link ReadReport} and reading goes on with what can be located.
 *
 * <p>Memory follows the file, not what it declares: a compressed buffer may claim at most
 * {@link #MAX_XPRESS_RATIO} decompressed bytes per compressed byte, and the decompressed buffers held at
 * once (open ones and those kept for reuse) stay within a budget, {@link #DECOMPRESSED_BUDGET} by default.
 * A buffer beyond either is skipped and counted.
 */
public final class EtlReader implements Closeable {
    /** Largest buffer accepted; ETW buffers are at most a few MB (1 MB max on most Windows versions). */
    static final int MAX_BUFFER_BYTES = 64 << 20;
    /**
     * Most decompressed bytes a compressed buffer may claim per compressed byte. The buffers of a real
     * merged trace compress 1.8 to 13.6 times (PerfView's net.4.5.2.x64.etl, 359 buffers, median 4.5;
     * etw-formats.md §4.5), so 64 leaves a wide margin, while a few bytes declaring megabytes (one XPRESS
     * match can repeat a byte 2^32 times) are refused before the output is allocated.
     */
    static final int MAX_XPRESS_RATIO = 64;
    /**
     * Default bound on the decompressed buffers held at once during the time merge. The merge holds
     * about one buffer per CPU (a buffer is opened when its first record is due and released once
     * drained), so a 256-processor trace with 1 MB buffers needs 256 MiB; twice that leaves room for
     * buffers whose times overlap. Without it, buffers of many CPUs, each of up to 64 MiB, could be
     * declared open at once.
     */
    static final long DECOMPRESSED_BUDGET = 512L << 20;
    /** Decompressed bytes enough to read the timestamp of a buffer's first record. */
    private static final int FIRST_RECORD_PREFIX = 0x60;
    private static final int COMPRESSION_FORMAT_XPRESS = 3;
    private static final int COMPRESSION_FORMAT_DEFAULT = 1;

    /** Receives records in timestamp order. The record is a reused view, valid during the call only. */
    @FunctionalInterface
    public interface RecordVisitor {
        void visit(TraceRecord record) throws BadInputException, IOException;
    }

    private record BufferEntry(int index, long offset, int diskSize, int filled, boolean compressed, int cpu,
                               long firstRawTime) {
        String where() {
            return "buffer " + index + " (file byte 0x" + Long.toHexString(offset).toUpperCase() + ")";
        }
    }

    /**
     * A compressed buffer decompressed into {@code scratch} (header space, then {@code length} bytes), or
     * why not: its stream is {@code corrupt}, or the budget had no room with {@code heldWhenRefused} held.
     */
    private record Decompressed(ByteBuffer scratch, int length, XpressLz77.CorruptStreamException corrupt,
                                long heldWhenRefused) {
        static Decompressed overBudget(long held) {
            return new Decompressed(null, 0, null, held);
        }
    }

    private static final class Cursor {
        final BufferEntry entry;
        final TraceRecord record;
        ByteBuffer data;
        ByteBuffer scratch;
        int next;
        long time;
        boolean open;

        Cursor(BufferEntry entry, Utf16Texts texts) {
            this.entry = entry;
            this.record = new TraceRecord(texts);
            this.time = entry.firstRawTime;
        }
    }

    private final String name;
    private final MappedFile file;
    private final ReadReport report;
    private final EtlStats stats = new EtlStats();
    private final List<BufferEntry> buffers = new ArrayList<>();
    /** Decompression buffers released by drained cursors; taken by the helper thread, given back by the merge. */
    private final ConcurrentLinkedDeque<ByteBuffer> scratchPool = new ConcurrentLinkedDeque<>();
    /** Capacity of every decompression buffer held (open cursors', ahead and pooled), at most {@link #decompressedBudget}. */
    private long scratchBytes;
    private final long decompressedBudget;
    private final XpressBuffers xpress;
    private final boolean decompressAhead;
    /** The text of every record, one String per distinct value across all passes. */
    private final Utf16Texts texts = new Utf16Texts();
    private byte[] compressedInput = new byte[0];
    private LogfileHeader header;
    /** Completed {@link #read} passes; problems are counted and reported in the first pass only. */
    private int passes;
    /** Told the bytes of the buffers read so far in this pass. */
    private LongConsumer progress = bytes -> { };
    private long bytesRead;

    private EtlReader(String name, MappedFile file, ReadReport report, XpressBuffers xpress, long decompressedBudget,
                      boolean decompressAhead) {
        this.name = name;
        this.file = file;
        this.report = report;
        this.xpress = xpress;
        this.decompressedBudget = decompressedBudget;
        this.decompressAhead = decompressAhead;
    }

    /** Opens {@code path}, reads its logfile header and indexes its buffers. */
    public static EtlReader open(Path path, String displayName, ReadReport report) throws BadInputException, IOException {
        return open(path, displayName, report, Runtime.getRuntime().availableProcessors() > 1);
    }

    /**
     * {@link #open(Path, String, ReadReport)}, decompressing ahead of the merge on a helper thread only
     * when {@code helperThread}.
     */
    public static EtlReader open(Path path, String displayName, ReadReport report, boolean helperThread)
            throws BadInputException, IOException {
        return open(path, displayName, report, MappedFile.DEFAULT_WINDOW, XpressBuffers.preferred(), DECOMPRESSED_BUDGET,
                helperThread);
    }

    /**
     * @param decompressedBudget bound on the decompressed buffers held at once
     * @param decompressAhead whether a helper thread decompresses buffers ahead of the merge
     */
    static EtlReader open(Path path, String displayName, ReadReport report, long mapWindow, XpressBuffers xpress,
                          long decompressedBudget, boolean decompressAhead) throws BadInputException, IOException {
        MappedFile mapped = new MappedFile(path, mapWindow);
        EtlReader reader = new EtlReader(displayName, mapped, report, xpress, decompressedBudget, decompressAhead);
        try {
            reader.readLogfileHeader();
            reader.indexBuffers();
            return reader;
        } catch (BadInputException | IOException | RuntimeException e) {
            mapped.close();
            throw e;
        }
    }

    /**
     * Whether {@code head} starts like an ETL: a buffer header whose first record is the SYSTEM-header
     * EventTrace/Header record (HookId 0) that opens every ETL (etw-formats.md §4.2).
     */
    public static boolean looksLikeEtl(byte[] head, int length) {
        if (length < EtlLayout.BUFFER_HEADER_SIZE + 0x20) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(head, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        long bufferSize = b.getInt(0) & 0xFFFFFFFFL;
        int marker = b.getInt(EtlLayout.BUFFER_HEADER_SIZE);
        int headerType = (marker >>> 16) & 0xFF;
        return bufferSize >= EtlLayout.BUFFER_HEADER_SIZE + 0x20 && bufferSize <= MAX_BUFFER_BYTES
                && (marker >>> 24) == 0xC0
                && (headerType == EtlLayout.SYSTEM32 || headerType == EtlLayout.SYSTEM64)
                && b.getShort(EtlLayout.BUFFER_HEADER_SIZE + 6) == 0;
    }

    public LogfileHeader header() {
        return header;
    }

    public EtlStats stats() {
        return stats;
    }

    /** Which XPRESS decoder decompresses this file's compressed buffers (native or Java, and why). */
    public String xpressDecoder() {
        return xpress.description();
    }

    /** Buffers located in the file (the first, header buffer included). */
    public int bufferCount() {
        return buffers.size();
    }

    private void readLogfileHeader() throws BadInputException, IOException {
        long size = file.size();
        if (size < EtlLayout.BUFFER_HEADER_SIZE) {
            throw new BadInputException.Truncated(name, BadInputException.byteOffset(0),
                    "file of " + size + " bytes is shorter than one ETL buffer header (72 bytes)");
        }
        BufferHeader first = BufferHeader.read(file.slice(0, EtlLayout.BUFFER_HEADER_SIZE), 0);
        if (first.bufferSize() < EtlLayout.BUFFER_HEADER_SIZE + 0x20 || first.bufferSize() > MAX_BUFFER_BYTES) {
            throw new BadInputException.Unsupported(name, BadInputException.byteOffset(0),
                    "not an ETL file: first buffer size " + first.bufferSize() + " is not plausible");
        }
        if (first.bufferSize() > size) {
            throw new BadInputException.Truncated(name, BadInputException.byteOffset(0),
                    "first ETL buffer claims " + first.bufferSize() + " bytes but the file has " + size);
        }
        if (first.compressed()) {
            throw new BadInputException.Unsupported(name, BadInputException.byteOffset(0),
                    "the header buffer of this ETL is compressed; only data buffers are expected to be");
        }
        int end = (int) Math.min(first.filledBytes(), first.bufferSize());
        ByteBuffer data = file.slice(0, (int) first.bufferSize());
        TraceRecord r = new TraceRecord();
        int step = r.parse(data, EtlLayout.BUFFER_HEADER_SIZE, end, false);
        if (step < 0 || r.kind() != TraceRecord.Kind.KERNEL || r.group() != 0 || r.type() != 0
                || r.headerType() == EtlLayout.PERFINFO32 || r.headerType() == EtlLayout.PERFINFO64) {
            throw new BadInputException.Unsupported(name, BadInputException.byteOffset(EtlLayout.BUFFER_HEADER_SIZE),
                    "not an ETL file: the first record is not the EventTrace header"
                            + (step < 0 ? " (" + r.parseError() + ")" : ""));
        }
        int pointerSize = r.pointerSize();
        int min = pointerSize == 8 ? LogfileHeader.MIN_PAYLOAD_64 : LogfileHeader.MIN_PAYLOAD_32;
        if (r.payloadLength() < min) {
            throw new BadInputException.Corrupt(name, BadInputException.byteOffset(EtlLayout.BUFFER_HEADER_SIZE),
                    "logfile header payload of " + r.payloadLength() + " bytes is shorter than " + min);
        }
        header = LogfileHeader.parse(r, pointerSize);
        if (header.compressed()) {
            int format = first.state() & 0xFFFF;
            if (format != COMPRESSION_FORMAT_XPRESS && format != COMPRESSION_FORMAT_DEFAULT && format != 0) {
                throw new BadInputException.Unsupported(name, BadInputException.byteOffset(0x2C),
                        "ETL compression format " + format + " (only 3, XPRESS, is supported)");
            }
        }
        if (header.eventsLost() > 0) {
            report.warn(name + ": the logger lost " + header.eventsLost() + " events (logfile header EventsLost)");
        }
        if (header.buffersLost() > 0) {
            report.warn(name + ": the logger lost " + header.buffersLost() + " buffers (logfile header BuffersLost)");
        }
    }

    private void indexBuffers() throws IOException {
        long size = file.size();
        // a compressed buffer decompresses to at most the session's buffer size: a bound on the scratch
        // memory a hostile SavedOffset could ask for (each buffer open during the merge holds one)
        long maxDecompressed = Math.min(MAX_BUFFER_BYTES, Math.max(header.bufferSize(), 1 << 20));
        long offset = 0;
        TraceRecord peek = new TraceRecord();
        byte[] prefix = new byte[EtlLayout.BUFFER_HEADER_SIZE + FIRST_RECORD_PREFIX];
        while (offset < size) {
            long remaining = size - offset;
            String where = "buffer " + buffers.size() + " (file byte 0x" + Long.toHexString(offset).toUpperCase() + ")";
            if (remaining < EtlLayout.BUFFER_HEADER_SIZE) {
                // the end of the file cuts a buffer header: an upload or copy stopped there
                stats.unreadableTailBytes += remaining;
                stats.cutAt = offset;
                break;
            }
            BufferHeader h = BufferHeader.read(file.slice(offset, EtlLayout.BUFFER_HEADER_SIZE), 0);
            if (h.bufferSize() < EtlLayout.BUFFER_HEADER_SIZE || h.bufferSize() > MAX_BUFFER_BYTES) {
                stats.corruptBuffers++;
                stats.unreadableTailBytes += remaining;
                report.skip("ETL buffer with an impossible size; rest of the file unreadable",
                        name + ": " + where + " size " + h.bufferSize() + ", " + remaining + " bytes left");
                break;
            }
            int diskSize = (int) Math.min(h.bufferSize(), remaining);
            boolean truncated = h.bufferSize() > remaining;
            stats.buffers++;
            stats.buffersByType[h.type() < EtlLayout.BUFFER_TYPE_NAMES.length ? h.type() : EtlLayout.BUFFER_TYPE_NAMES.length]++;
            if ((h.flags() & EtlLayout.FLAG_EVENTS_LOST) != 0) {
                stats.buffersFlaggedEventsLost++;
            }
            if ((h.flags() & EtlLayout.FLAG_BUFFER_LOST) != 0) {
                stats.buffersFlaggedBufferLost++;
            }
            if (truncated) {
                // the records of the cut buffer that are whole are still read
                stats.truncatedBuffers++;
                stats.cutAt = offset;
            }
            int filled;
            long firstRaw;
            if (h.compressed()) {
                stats.compressedBuffers++;
                String impossible = truncated ? null : impossibleDecompressedSize(h.savedOffset(), diskSize, maxDecompressed);
                if (truncated || impossible != null) {
                    if (!truncated) {
                        stats.corruptBuffers++;
                        report.skip("compressed ETL buffer with an impossible decompressed size",
                                name + ": " + where + " SavedOffset " + h.savedOffset() + " " + impossible);
                    }
                    offset += h.bufferSize();
                    continue;
                }
                filled = (int) h.savedOffset();
                int want = Math.min(FIRST_RECORD_PREFIX, filled - EtlLayout.BUFFER_HEADER_SIZE);
                byte[] in = compressedInputOf(offset, diskSize);
                int n;
                try {
                    n = XpressLz77.decode(in, 0, diskSize - EtlLayout.BUFFER_HEADER_SIZE, prefix, EtlLayout.BUFFER_HEADER_SIZE, want, true);
                } catch (XpressLz77.CorruptStreamException e) {
                    stats.corruptBuffers++;
                    report.skip("compressed ETL buffer does not decompress", name + ": " + where + ": " + e.getMessage());
                    offset += h.bufferSize();
                    continue;
                }
                firstRaw = peekFirstTime(peek, ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN), EtlLayout.BUFFER_HEADER_SIZE + n);
            } else {
                long f = h.filledBytes();
                if (f > diskSize) {
                    if (!truncated) {
                        report.warn(name + ": " + where + ": filled size " + f + " exceeds buffer size " + diskSize
                                + "; read up to the buffer end");
                    }
                    f = diskSize;
                }
                filled = (int) f;
                firstRaw = peekFirstTime(peek, file.slice(offset, filled), filled);
            }
            if (firstRaw != Long.MAX_VALUE) {
                buffers.add(new BufferEntry(buffers.size(), offset, diskSize, filled, h.compressed(), h.processor(), firstRaw));
            }
            if (truncated) {
                break;
            }
            offset += h.bufferSize();
        }
    }

    /** Why a compressed buffer of {@code diskSize} bytes cannot decompress to {@code savedOffset}, or null. */
    private static String impossibleDecompressedSize(long savedOffset, int diskSize, long maxDecompressed) {
        if (savedOffset <= EtlLayout.BUFFER_HEADER_SIZE) {
            return "leaves no room for records";
        }
        if (savedOffset > maxDecompressed) {
            return "is more than the session's buffers hold (" + maxDecompressed + " bytes)";
        }
        long compressed = diskSize - EtlLayout.BUFFER_HEADER_SIZE;
        if (savedOffset - EtlLayout.BUFFER_HEADER_SIZE > MAX_XPRESS_RATIO * compressed) {
            return "is more than " + MAX_XPRESS_RATIO + " times its " + compressed + " compressed bytes";
        }
        return null;
    }

    /** Raw time of the first record at 0x48, Long.MAX_VALUE for an empty buffer, MIN_VALUE when untimed. */
    private static long peekFirstTime(TraceRecord peek, ByteBuffer data, int end) {
        if (!recordAt(data, EtlLayout.BUFFER_HEADER_SIZE, end)) {
            return Long.MAX_VALUE;
        }
        if (peek.parse(data, EtlLayout.BUFFER_HEADER_SIZE, end, true) < 0) {
            return Long.MIN_VALUE; // let the merge open it early; the record error is reported then
        }
        return peek.hasOwnTime() ? peek.rawTime() : Long.MIN_VALUE;
    }

    /** Whether a record may begin at {@code pos}: room for a record header, and no end marker there. */
    private static boolean recordAt(ByteBuffer data, int pos, int end) {
        if (end - pos < 8) {
            return false;
        }
        int marker = data.getInt(pos);
        return marker != 0xFFFFFFFF && marker != 0;
    }

    /** Whether the end of the file cuts {@code e}: its last record is then the cut one, not damage. */
    private boolean cutByTheFileEnd(BufferEntry e) {
        return e.offset == stats.cutAt;
    }

    private byte[] compressedInputOf(long offset, int diskSize) throws IOException {
        int n = diskSize - EtlLayout.BUFFER_HEADER_SIZE;
        if (compressedInput.length < n) {
            compressedInput = new byte[n];
        }
        file.slice(offset + EtlLayout.BUFFER_HEADER_SIZE, n).get(0, compressedInput, 0, n);
        return compressedInput;
    }

    /**
     * Hands every record to {@code visitor} in timestamp order (stable for equal times). May be called
     * again for another pass over the same records; {@link #stats()} and the report describe the first.
     */
    public void read(RecordVisitor visitor) throws BadInputException, IOException {
        read(visitor, bytes -> { });
    }

    /** {@link #read(RecordVisitor)}, telling {@code progress} the bytes of the buffers read so far. */
    public void read(RecordVisitor visitor, LongConsumer progress) throws BadInputException, IOException {
        this.progress = progress;
        bytesRead = 0;
        try {
            merge(visitor);
        } finally {
            passes++;
        }
    }

    /**
     * A pass over the records that {@link #read} would give, cheaper where the file allows it: every
     * record of every buffer is parsed in file order, on {@link #scanThreads} threads, counting those
     * {@code counted} accepts and noting where those {@code wanted} accepts are (4 bytes each); then only
     * the wanted ones are parsed again and handed to {@code visitor}, on the calling thread, in the order
     * read gives them. When each buffer's records are in time order, that order is the sort by time, then
     * buffer index, then place in the buffer: the merge's. A compressed buffer is decompressed by the
     * thread that scans it, and its wanted records are copied out; the decompression budget bounds the
     * threads' buffers and the copies together (a boot trace's names, rundowns and stack walks take a few
     * MB). Where read has more to do — a buffer whose records go back in time, a malformed record, a
     * compressed buffer that does not decompress to what it declares — or the copies would take more, the
     * scan visits nothing and returns -1, so that read does the pass. A scan is not a pass: it counts and
     * reports nothing ({@link #stats()} describes the first read).
     *
     * @param counted   which records to count, by their header, called on the scanning threads
     * @param wanted    which records to visit, by their header, called on the scanning threads
     * @param progress  told the bytes of the buffers scanned so far, on the calling thread
     * @return the records {@code counted} accepted, or -1 when the file needs a read
     */
    public long scan(Predicate<TraceRecord> counted, Predicate<TraceRecord> wanted, RecordVisitor visitor, int threads,
                     LongConsumer progress) throws BadInputException, IOException {
        Scan scan = new Scan(counted, wanted);
        if (scan.heldBytes.addAndGet((long) scanThreads(threads) * scan.largestCompressed) > decompressedBudget) {
            return -1; // each scanning thread holds a buffer's decompressed bytes
        }
        scan.run(threads, progress);
        if (scan.irregular.get()) {
            return -1;
        }
        visitWanted(scan, visitor);
        return scan.counted.get();
    }

    /** The threads a {@link #scan} allowed {@code threads} runs on: no more than there are buffers. */
    public int scanThreads(int threads) {
        return Math.min(threads, buffers.size());
    }

    /** One {@link #scan}'s shared state: the buffers are handed out one at a time to its threads. */
    private final class Scan {
        final Predicate<TraceRecord> countedFilter;
        final Predicate<TraceRecord> wantedFilter;
        final AtomicInteger nextBuffer = new AtomicInteger();
        final AtomicBoolean irregular = new AtomicBoolean();
        final AtomicLong counted = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        /** By buffer: the offsets of its wanted records (in its copy, for a compressed one), or null when none. */
        final int[][] wantedAt = new int[buffers.size()][];
        /**
         * By compressed buffer: its wanted records, copied out of the decompressed bytes one after another,
         * and where each was in the buffer.
         */
        final byte[][] wantedCopies = new byte[buffers.size()][];
        final int[][] copiedFrom = new int[buffers.size()][];
        /** The largest decompressed size a compressed buffer declares (bounded when indexed); 0 when none is compressed. */
        final int largestCompressed = maxCompressedFilled();
        /** Decompressed bytes held: the threads' buffers, then the copies; at most the decompression budget. */
        final AtomicLong heldBytes = new AtomicLong();

        Scan(Predicate<TraceRecord> counted, Predicate<TraceRecord> wanted) {
            this.countedFilter = counted;
            this.wantedFilter = wanted;
        }

        void run(int threads, LongConsumer progress) throws IOException {
            List<Thread> helpers = new ArrayList<>();
            for (int t = 1; t < scanThreads(threads); t++) {
                Thread helper = new Thread(() -> scanBuffers(null), "lockscope-etl-scan " + name);
                helper.setDaemon(true);
                helper.start();
                helpers.add(helper);
            }
            scanBuffers(progress);
            try {
                for (Thread helper : helpers) {
                    helper.join();
                }
            } catch (InterruptedException e) {
                irregular.set(true); // the helpers stop at their next buffer
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while scanning " + name);
            }
            Throwable failed = failure.get();
            if (failed instanceof UncheckedIOException io) {
                throw io.getCause();
            } else if (failed instanceof Error error) {
                throw error;
            } else if (failed != null) {
                throw (RuntimeException) failed;
            }
        }

        /** Takes buffers until none is left or the file proves irregular; only the calling thread tells progress. */
        private void scanBuffers(LongConsumer progress) {
            TraceRecord r = new TraceRecord();
            IntArrayList wanted = new IntArrayList();
            Decompressor decompressor = new Decompressor(largestCompressed);
            long count = 0;
            try {
                for (int i = nextBuffer.getAndIncrement(); i < buffers.size() && !irregular.get();
                     i = nextBuffer.getAndIncrement()) {
                    BufferEntry e = buffers.get(i);
                    wanted.clear();
                    ByteBuffer data = e.compressed ? decompressor.decompress(e) : file.slice(e.offset, e.filled);
                    long n = data == null ? -1 : scanBuffer(e, data, r, wanted);
                    if (n < 0) {
                        irregular.set(true);
                        break;
                    }
                    count += n;
                    if (!wanted.isEmpty() && e.compressed && !copyWanted(i, data, r, wanted)) {
                        irregular.set(true);
                        break;
                    }
                    if (!wanted.isEmpty()) {
                        wantedAt[i] = wanted.toArray();
                    }
                    long scanned = bytes.addAndGet(e.diskSize);
                    if (progress != null) {
                        progress.accept(scanned);
                    }
                }
            } catch (IOException e) {
                failure.compareAndSet(null, new UncheckedIOException(e));
                irregular.set(true);
            } catch (RuntimeException | Error e) {
                failure.compareAndSet(null, e);
                irregular.set(true);
            }
            counted.addAndGet(count);
        }

        /**
         * Parses a buffer's records as {@link #advance} does; the records counted, or -1 when one is
         * malformed (but the cut one of the buffer the file ends in), goes back in time, or begins the
         * buffer at another time than the index has for it.
         */
        private long scanBuffer(BufferEntry e, ByteBuffer data, TraceRecord r, IntArrayList wanted) {
            int end = data.limit();
            int pos = EtlLayout.BUFFER_HEADER_SIZE;
            long previous = e.firstRawTime;
            long n = 0;
            while (recordAt(data, pos, end)) {
                int step = r.parse(data, pos, end, false);
                if (step < 0) {
                    return cutByTheFileEnd(e) ? n : -1;
                }
                long time = r.hasOwnTime() ? r.rawTime() : previous;
                if (time < previous || pos == EtlLayout.BUFFER_HEADER_SIZE && time != e.firstRawTime) {
                    return -1;
                }
                previous = time;
                if (countedFilter.test(r)) {
                    n++;
                }
                if (wantedFilter.test(r)) {
                    if (!r.hasOwnTime()) {
                        return -1; // its time is its place: visiting it alone would lose it
                    }
                    wanted.add(pos);
                }
                pos += step;
            }
            return n;
        }

        /**
         * Copies the wanted records of compressed buffer {@code i} out of {@code data}, which the next buffer
         * is decompressed into, and makes {@code wanted} their offsets in the copy; false when the bytes the
         * scan holds would pass the decompression budget.
         */
        private boolean copyWanted(int i, ByteBuffer data, TraceRecord r, IntArrayList wanted) {
            int[] sizes = new int[wanted.size()];
            int bytes = 0;
            for (int k = 0; k < sizes.length; k++) {
                int pos = wanted.get(k);
                // whole and valid, as scanned above; the last one's padding may pass the buffer's end
                sizes[k] = Math.min(r.parse(data, pos, data.limit(), false), data.limit() - pos);
                bytes += sizes[k];
            }
            if (heldBytes.addAndGet(bytes) > decompressedBudget) {
                return false;
            }
            byte[] copy = new byte[bytes];
            copiedFrom[i] = wanted.toArray();
            int at = 0;
            for (int k = 0; k < sizes.length; k++) {
                data.get(wanted.get(k), copy, at, sizes[k]);
                wanted.set(k, at);
                at += sizes[k];
            }
            wantedCopies[i] = copy;
            return true;
        }
    }

    /**
     * A scanning thread's decompression: a decoder of its own (the Java one keeps scratch) and one buffer
     * for the largest compressed buffer of the file, which the scan counts among the bytes it holds.
     */
    private final class Decompressor {
        private final XpressBuffers decoder = xpress.another();
        private final int capacity;
        private ByteBuffer scratch;

        Decompressor(int capacity) {
            this.capacity = capacity;
        }

        /** The buffer's bytes (header space, then its records), or null when it does not decompress to what it declares. */
        ByteBuffer decompress(BufferEntry e) throws IOException {
            if (scratch == null) {
                scratch = decoder.allocate(capacity);
            }
            try {
                int n = decompressInto(decoder, e, scratch);
                return n == e.filled - EtlLayout.BUFFER_HEADER_SIZE
                        ? scratch.slice(0, e.filled).order(ByteOrder.LITTLE_ENDIAN) : null;
            } catch (XpressLz77.CorruptStreamException corrupt) {
                return null;
            }
        }
    }

    /**
     * Decompresses compressed buffer {@code e} with {@code decoder} into {@code out} after its header
     * space; the bytes written, at most the {@code e.filled - 0x48} it declares.
     */
    private int decompressInto(XpressBuffers decoder, BufferEntry e, ByteBuffer out)
            throws IOException, XpressLz77.CorruptStreamException {
        return decoder.decode(file.slice(e.offset + EtlLayout.BUFFER_HEADER_SIZE, e.diskSize - EtlLayout.BUFFER_HEADER_SIZE),
                out, EtlLayout.BUFFER_HEADER_SIZE, e.filled - EtlLayout.BUFFER_HEADER_SIZE);
    }

    private int maxCompressedFilled() {
        int max = 0;
        for (BufferEntry e : buffers) {
            if (e.compressed) {
                max = Math.max(max, e.filled);
            }
        }
        return max;
    }

    /** A buffer's wanted records, in its order, for {@link #visitWanted}. */
    private static final class WantedCursor {
        final BufferEntry entry;
        final ByteBuffer data;
        final int[] at;
        /** For records copied out of a compressed buffer: where each was in the buffer; else null. */
        final int[] copiedFrom;
        final TraceRecord record;
        int next;

        WantedCursor(BufferEntry entry, ByteBuffer data, int[] at, int[] copiedFrom, Utf16Texts texts) {
            this.entry = entry;
            this.data = data;
            this.at = at;
            this.copiedFrom = copiedFrom;
            this.record = new TraceRecord(texts);
        }

        /** Parses the next wanted record (whole, as the scan found it); false when there is none. */
        boolean advance() {
            if (next == at.length) {
                return false;
            }
            record.parse(data, at[next], data.limit(), false);
            if (copiedFrom != null) {
                record.copiedFrom(copiedFrom[next]);
            }
            next++;
            record.place(entry.cpu, record.rawTime(), entry.index, entry.offset);
            return true;
        }
    }

    /** Record time, then buffer index, as {@link #ORDER}. */
    private static final Comparator<WantedCursor> WANTED_ORDER = (a, b) -> {
        int byTime = Long.compare(a.record.rawTime(), b.record.rawTime());
        return byTime != 0 ? byTime : Integer.compare(a.entry.index, b.entry.index);
    };

    /** Visits the scan's wanted records merged by time, then buffer index, as {@link #merge} does all of them. */
    private void visitWanted(Scan scan, RecordVisitor visitor) throws BadInputException, IOException {
        PriorityQueue<WantedCursor> queue = new PriorityQueue<>(WANTED_ORDER);
        for (int i = 0; i < scan.wantedAt.length; i++) {
            if (scan.wantedAt[i] != null) {
                BufferEntry e = buffers.get(i);
                byte[] copy = scan.wantedCopies[i];
                ByteBuffer data = copy != null ? ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN)
                        : file.slice(e.offset, e.filled);
                WantedCursor c = new WantedCursor(e, data, scan.wantedAt[i], scan.copiedFrom[i], texts);
                c.advance();
                queue.add(c);
            }
        }
        while (!queue.isEmpty()) {
            WantedCursor c = queue.poll();
            while (true) {
                TraceRecord r = c.record;
                r.setTime(header.toFileTime(r.rawTime()));
                visitor.visit(r);
                if (!c.advance()) {
                    break;
                }
                WantedCursor head = queue.peek();
                if (head != null && WANTED_ORDER.compare(c, head) > 0) {
                    queue.add(c);
                    break;
                }
            }
        }
    }

    private boolean firstPass() {
        return passes == 0;
    }

    /** Record time, then buffer index: a total order, so equal times keep the file's buffer order. */
    private static final Comparator<Cursor> ORDER = (a, b) -> {
        int byTime = Long.compare(a.time, b.time);
        return byTime != 0 ? byTime : Integer.compare(a.entry.index, b.entry.index);
    };

    /**
     * Merges the buffers' records by time. A cursor stays out of the queue while its records come
     * before every other buffer's next one: buffers of different CPUs overlap only at their edges, so
     * nearly every record is read without a queue operation. The buffers not opened yet wait in the
     * order of their indexed first time, then index, and only the first of them is in the queue: the
     * others cannot come before it, so the queue holds about one buffer per CPU instead of all of them.
     */
    private void merge(RecordVisitor visitor) throws BadInputException, IOException {
        forgetScratch();
        List<Cursor> unopened = new ArrayList<>(buffers.size());
        for (BufferEntry e : buffers) {
            unopened.add(new Cursor(e, texts));
        }
        unopened.sort(ORDER);
        try (AheadOfMerge<BufferEntry, Decompressed> ahead = decompressAhead()) {
            merge(visitor, unopened.iterator(), ahead);
        }
    }

    /**
     * The helper that decompresses this pass's compressed buffers ahead of the merge, or null when
     * there are none or the reader was opened without one. The merge opens the buffers it has not opened yet in
     * the order of their indexed first time, then index: that is their place in its queue, and it does
     * not change before they open. So that is the order they are decompressed in.
     */
    private AheadOfMerge<BufferEntry, Decompressed> decompressAhead() {
        if (!decompressAhead) {
            return null;
        }
        List<BufferEntry> order = new ArrayList<>();
        for (BufferEntry e : buffers) {
            if (e.compressed) {
                order.add(e);
            }
        }
        if (order.isEmpty()) {
            return null;
        }
        order.sort(Comparator.comparingLong(BufferEntry::firstRawTime).thenComparingInt(BufferEntry::index));
        return new AheadOfMerge<>(name, order, this::decompress);
    }

    private void merge(RecordVisitor visitor, Iterator<Cursor> unopened, AheadOfMerge<BufferEntry, Decompressed> ahead)
            throws BadInputException, IOException {
        PriorityQueue<Cursor> queue = new PriorityQueue<>(ORDER);
        if (unopened.hasNext()) {
            queue.add(unopened.next());
        }
        int open = 0;
        long lastRaw = Long.MIN_VALUE;
        boolean first = firstPass();
        while (!queue.isEmpty()) {
            Cursor c = queue.poll();
            if (!c.open) {
                if (unopened.hasNext()) {
                    queue.add(unopened.next());
                }
                if (!open(c, ahead)) {
                    continue;
                }
                open++;
                if (first) {
                    stats.maxOpenBuffers = Math.max(stats.maxOpenBuffers, open);
                }
                if (!advance(c, EtlLayout.BUFFER_HEADER_SIZE)) {
                    release(c);
                    open--;
                    continue;
                }
                Cursor head = queue.peek();
                if (head != null && ORDER.compare(c, head) > 0) {
                    queue.add(c); // its first time differs from the one indexed; wait for its turn
                    continue;
                }
            }
            while (true) {
                TraceRecord r = c.record;
                if (first) {
                    if (r.rawTime() < lastRaw) {
                        stats.outOfOrderRecords++;
                    }
                    stats.records++;
                }
                lastRaw = r.rawTime();
                r.setTime(header.toFileTime(r.rawTime()));
                visitor.visit(r);
                if (!advance(c, c.next)) {
                    release(c);
                    open--;
                    break;
                }
                Cursor head = queue.peek();
                if (head != null && ORDER.compare(c, head) > 0) {
                    queue.add(c);
                    break;
                }
            }
        }
    }

    /** Opens a buffer: its slice of the file, or its decompressed records (by {@code ahead} when not null). */
    private boolean open(Cursor c, AheadOfMerge<BufferEntry, Decompressed> ahead) throws IOException {
        BufferEntry e = c.entry;
        c.open = true;
        if (!e.compressed) {
            c.data = file.slice(e.offset, e.filled);
            return true;
        }
        Decompressed d = ahead != null ? ahead.take(e) : decompress(e);
        if (d.scratch() == null) {
            if (firstPass()) {
                if (d.corrupt() != null) {
                    stats.corruptBuffers++;
                    report.skip("compressed ETL buffer does not decompress", name + ": " + e.where() + ": " + d.corrupt().getMessage());
                } else {
                    stats.buffersOverBudget++;
                    report.skip("compressed ETL buffer over the decompression memory budget",
                            name + ": " + e.where() + ": " + e.filled + " bytes to decompress, but the buffers open hold "
                                    + d.heldWhenRefused() + " of the " + decompressedBudget + " allowed");
                }
            }
            return false;
        }
        int declared = e.filled - EtlLayout.BUFFER_HEADER_SIZE;
        if (d.length() < declared && firstPass()) {
            // the stream of a whole buffer decodes to exactly SavedOffset − 0x48 bytes (etw-formats.md §4.5)
            stats.shortBuffers++;
            report.skip("compressed ETL buffer decompresses to less than it declares; its end is missing",
                    name + ": " + e.where() + ": " + d.length() + " of " + declared + " bytes");
        }
        c.scratch = d.scratch();
        c.data = d.scratch().slice(0, EtlLayout.BUFFER_HEADER_SIZE + d.length()).order(ByteOrder.LITTLE_ENDIAN);
        return true;
    }

    /**
     * Decompresses a buffer into pooled or new scratch within the budget; on the helper thread when
     * there is one, so it only reports what happened and {@link #open} counts it.
     */
    private Decompressed decompress(BufferEntry e) throws IOException {
        ByteBuffer scratch = scratchFor(e.filled);
        if (scratch == null) {
            return Decompressed.overBudget(heldScratchBytes());
        }
        try {
            int n = decompressInto(xpress, e, scratch);
            return new Decompressed(scratch, n, null, 0);
        } catch (XpressLz77.CorruptStreamException ex) {
            scratchPool.push(scratch);
            return new Decompressed(null, 0, ex, 0);
        }
    }

    /**
     * A decompression buffer of at least {@code bytes}: a pooled one, or a new one within the budget
     * (pooled ones too small are let go first); null when the buffers open leave no room for it.
     */
    private synchronized ByteBuffer scratchFor(int bytes) {
        ByteBuffer pooled = scratchPool.poll();
        if (pooled != null && pooled.capacity() >= bytes) {
            return pooled;
        }
        if (pooled != null) {
            scratchBytes -= pooled.capacity();
        }
        while (scratchBytes + bytes > decompressedBudget && !scratchPool.isEmpty()) {
            scratchBytes -= scratchPool.poll().capacity();
        }
        if (scratchBytes + bytes > decompressedBudget) {
            return null;
        }
        scratchBytes += bytes;
        if (firstPass()) {
            stats.maxDecompressedBytes = Math.max(stats.maxDecompressedBytes, scratchBytes);
        }
        return xpress.allocate(bytes);
    }

    private synchronized long heldScratchBytes() {
        return scratchBytes;
    }

    /** Every pass starts with no decompression buffer, so each meets the budget at the same buffers. */
    private synchronized void forgetScratch() {
        scratchPool.clear();
        scratchBytes = 0;
    }

    /** Parses the record at {@code pos} into the cursor; false when the buffer has no more records. */
    private boolean advance(Cursor c, int pos) {
        int end = c.data.limit();
        if (!recordAt(c.data, pos, end)) {
            return false;
        }
        TraceRecord r = c.record;
        long previous = c.time;
        int step = r.parse(c.data, pos, end, false);
        if (step < 0) {
            if (!firstPass() || cutByTheFileEnd(c.entry)) {
                return false; // in the buffer the end of the file cuts, the last record is the cut one
            }
            stats.corruptRecords++;
            report.skip("malformed ETL record; rest of its buffer skipped",
                    name + ": " + c.entry.where() + " record at +0x" + Integer.toHexString(pos).toUpperCase()
                            + ": " + r.parseError());
            return false;
        }
        r.place(c.entry.cpu, previous, c.entry.index, c.entry.offset);
        c.next = pos + step;
        c.time = r.rawTime();
        return true;
    }

    private void release(Cursor c) {
        bytesRead += c.entry.diskSize;
        progress.accept(bytesRead);
        if (c.scratch != null) {
            scratchPool.push(c.scratch);
            c.scratch = null;
        }
        c.data = null;
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
