package io.lockscope.ingest.procmon.pml;

import io.lockscope.format.procmon.pml.PmlLayout;
import io.lockscope.format.procmon.pml.PmlOperations;
import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.Confidence;
import io.lockscope.ingest.InputFormat;
import io.lockscope.ingest.PartThreads;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.ReadProgress;
import io.lockscope.ingest.TraceReader;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StackTable;
import io.lockscope.model.StringPool;
import io.lockscope.model.TimeBase;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceBuilder;
import io.lockscope.model.Truncation;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

/**
 * Reads procmon's native PML log (format versions 9 and 7, 32- and 64-bit captures) into the model,
 * memory-mapped so multi-gigabyte boot logs are read without copying. A capture procmon split into
 * {@code Boot.pml}, {@code Boot-1.pml}, … is read as one trace by {@link #readAll}.
 *
 * <p>Events come from the event-offsets array in file order (procmon's own order). A record that
 * cannot be read (offset past the end, process index unknown) is skipped and counted in the trace's
 * {@code ReadReport}; a file whose tables cannot be read is a {@link BadInputException}.
 */
public final class PmlReader implements TraceReader {
    private static final Pattern SPLIT_PART = Pattern.compile("(?i)(.*?)(?:-(\\d+))?(\\.pml)?");
    /** {@code <name>-<n>.pml}: a later part of a split capture. */
    private static final Pattern LATER_PART = Pattern.compile("(.+)-\\d+(\\.[pP][mM][lL])");

    private final int windowShift;
    private final long minPartEvents;

    public PmlReader() {
        this(MappedFile.DEFAULT_WINDOW_SHIFT, PmlParts.MIN_PART_EVENTS);
    }

    /**
     * {@code windowShift} other than 30 and {@code minPartEvents} (the fewest events a thread reads as
     * one part) small only in tests: small mapping windows and many parts on small files.
     */
    PmlReader(int windowShift, long minPartEvents) {
        this.windowShift = windowShift;
        this.minPartEvents = minPartEvents;
    }

    @Override
    public InputFormat format() {
        return InputFormat.PROCMON_PML;
    }

    @Override
    public Confidence confidence() {
        return Confidence.SIGNATURE;
    }

    @Override
    public boolean sniff(byte[] head, int length) {
        return length >= 4 && head[0] == 'P' && head[1] == 'M' && head[2] == 'L' && head[3] == '_';
    }

    @Override
    public Trace read(Path file, String displayName, ReadOptions options) throws BadInputException, IOException {
        TraceBuilder builder = newBuilder(displayName, options);
        new Capture(builder, options).add(file, displayName);
        return builder.build();
    }

    /**
     * Reads the parts of one split capture, in the order given, as one trace named {@code displayName}.
     * Processes that appear in several parts (same PID and start time) become one process.
     */
    public Trace readAll(List<Path> parts, String displayName, ReadOptions options) throws BadInputException, IOException {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no PML parts given");
        }
        TraceBuilder builder = newBuilder(displayName, options);
        Capture capture = new Capture(builder, options);
        for (Path part : parts) {
            capture.add(part, part.getFileName().toString());
            capture.partsBytes += Files.size(part);
        }
        return builder.build();
    }

    /**
     * The parts of the split capture {@code first} belongs to, in order: {@code first} itself
     * ({@code Boot.pml}) followed by {@code Boot-1.pml}, {@code Boot-2.pml}, … while they exist.
     */
    @Override
    public List<Path> parts(Path first) {
        String name = first.getFileName().toString();
        Matcher m = SPLIT_PART.matcher(name);
        List<Path> parts = new ArrayList<>();
        parts.add(first);
        if (!m.matches() || m.group(2) != null) {
            return parts;
        }
        String extension = m.group(3) == null ? "" : m.group(3);
        for (int i = 1; ; i++) {
            Path next = first.resolveSibling(m.group(1) + "-" + i + extension);
            if (!Files.isRegularFile(next)) {
                return parts;
            }
            parts.add(next);
        }
    }

    /** {@code Boot-2.pml} whose {@code Boot.pml} is beside it. */
    @Override
    public boolean isLaterPart(Path file) {
        Matcher m = LATER_PART.matcher(file.getFileName().toString());
        return m.matches() && Files.exists(file.resolveSibling(m.group(1) + m.group(2)));
    }

    @Override
    public Trace readParts(List<Path> parts, String displayName, ReadOptions options)
            throws BadInputException, IOException {
        return parts.size() == 1 ? read(parts.get(0), displayName, options) : readAll(parts, displayName, options);
    }

    private static TraceBuilder newBuilder(String displayName, ReadOptions options) {
        TraceBuilder builder = options.newTraceBuilder(displayName, InputFormat.PROCMON_PML);
        builder.timeBase(TimeBase.UTC, null);
        return builder;
    }

    /** One trace being filled from one or more PML files. */
    private final class Capture {
        private final TraceBuilder builder;
        private final PmlOperations operations = new PmlOperations();
        private final Map<ProcessIdentity, Integer> keyByIdentity = new HashMap<>();
        private final ReadProgress progress;
        /** Bytes of the parts read before the current one: progress counts through all parts. */
        private long partsBytes;
        private final int threads;
        /** Where events go, skipped records are counted, and the offset of the record read is told. */
        private final PmlEventDecoder.TraceSink into;
        private final PmlParts.Skips skips;
        private final LongConsumer progressAt;
        /** The System process of the file being read, whose modules kernel frames resolve against; null if none. */
        private ProcessInfo system;

        Capture(TraceBuilder builder, ReadOptions options) {
            this.builder = builder;
            this.progress = options.progress();
            this.threads = options.threads();
            this.into = new PmlEventDecoder.TraceSink(builder);
            this.skips = builder.report()::skip;
            this.progressAt = offset -> progress.at(partsBytes + offset);
        }

        void add(Path file, String name) throws BadInputException, IOException {
            try (MappedFile in = new MappedFile(file, windowShift)) {
                PmlHeader header = PmlHeader.read(in, name);
                if (header.cutShort(in.size())) {
                    readCutEvents(in, header, name);
                    return;
                }
                PmlTables tables;
                try {
                    tables = PmlTables.read(in, header);
                } catch (PmlFormatException e) {
                    throw new BadInputException.Corrupt(name, BadInputException.byteOffset(e.offset()), e.getMessage());
                }
                if (tables.problem() != null) {
                    builder.report().warn(name + ": " + tables.problem());
                }
                StackInterner stacks = new StackInterner(builder.stacks(), header.maxApplicationAddress());
                IntIntHashMap keyByIndex = addProcesses(tables, stacks);
                readEvents(in, header, tables, keyByIndex, stacks, name);
            }
        }

        /**
         * The events of a file cut short, walked record after record from the first (the offsets array
         * is lost) up to the first that is not whole or not readable. The process table is lost too:
         * processes are known by their index alone. The header's event count tells how many were lost.
         */
        private void readCutEvents(MappedFile in, PmlHeader header, String name) throws BadInputException {
            StackInterner stacks = new StackInterner(builder.stacks(), header.maxApplicationAddress());
            IntIntHashMap keyByIndex = new IntIntHashMap();
            PmlEventDecoder decoder = new PmlEventDecoder(in, header, PmlTables.lost(), builder.strings(), keyByIndex,
                    stacks, operations);

            long at = header.firstEventOffset();
            long read = 0;
            for (long end; read < header.eventCount() && (end = decoder.recordEnd(at)) > 0; at = end) {
                int processIndex = in.i32(at);
                if (!keyByIndex.containsKey(processIndex)) {
                    ProcessInfo unknown = ProcessInfo.of(-1, "process #" + Integer.toUnsignedString(processIndex));
                    int key = builder.addProcess(unknown);
                    keyByIndex.put(processIndex, key);
                    stacks.addProcess(key, unknown);
                }
                try {
                    decoder.decode(at, into);
                } catch (PmlFormatException e) {
                    break; // the cut may leave a record whose length fits but whose content is gone
                }
                read++;
                if ((read & PmlParts.PROGRESS_EVERY) == 0) {
                    progressAt.accept(at);
                }
            }
            if (read == 0) {
                throw new BadInputException.Truncated(name, BadInputException.byteOffset(at),
                        "the file is cut short before its first whole event");
            }
            builder.report().truncated(new Truncation(Truncation.Unit.BYTE, at, header.eventCount() - read, false));
            builder.report().warn(name + ": " + PmlTables.lost().problem() + "; processes are named by their index");
        }

        private IntIntHashMap addProcesses(PmlTables tables, StackInterner stacks) {
            IntIntHashMap keyByIndex = new IntIntHashMap(tables.processes().size() * 2);
            system = null;
            for (PmlTables.ProcessEntry entry : tables.processes()) {
                ProcessInfo p = entry.info();
                ProcessIdentity id = new ProcessIdentity(p.pid(), p.startTime(), p.imagePath());
                Integer key = keyByIdentity.get(id);
                if (key == null) {
                    key = builder.addProcess(p);
                    keyByIdentity.put(id, key);
                } else if (p.endTime() != ProcessInfo.UNKNOWN_TIME || p.modules().size() > builder.process(key).modules().size()) {
                    builder.updateProcess(key, p);
                }
                keyByIndex.put(entry.index(), key);
                stacks.addProcess(key, builder.process(key));
                if (p.pid() == 4 && system == null) {
                    system = p;
                }
            }
            if (system != null) {
                stacks.kernelModulesFrom(system);
            }
            return keyByIndex;
        }

        private void readEvents(MappedFile in, PmlHeader header, PmlTables tables, IntIntHashMap keyByIndex,
                                StackInterner stacks, String name) throws InterruptedIOException {
            PmlEventDecoder decoder = new PmlEventDecoder(in, header, tables, builder.strings(), keyByIndex, stacks,
                    operations);
            long offsets = header.eventOffsetsOffset();
            long count = header.eventCount();
            // every event the offsets name is a record of at least a header after the first event
            builder.expectEvents(builder.eventCount()
                    + Math.min(count, (in.size() - header.firstEventOffset()) / PmlLayout.EVENT_HEADER_SIZE));
            PmlParts.State state = new PmlParts.State();
            int threads = (int) Math.min(this.threads, count / minPartEvents);
            if (threads < 2) {
                PmlParts.decode(in, offsets, 0, count, decoder, into, skips, state, name, progressAt);
            } else {
                readInParts(in, header, tables, keyByIndex, decoder, threads, state, name);
            }
            if (state.read < count) {
                builder.report().warn(name + ": read " + state.read + " of " + count + " events; "
                        + (count - state.read) + " records were unreadable");
            }
            PmlDetails details = decoder.details();
            if (details.undecoded() > 0) {
                builder.report().warn(name + ": " + details.undecoded() + " events kept without their detail (and path,"
                        + " where that was the unreadable part) because their detail blob is inconsistent (first at "
                        + BadInputException.byteOffset(details.firstUndecodedAt()) + ": "
                        + details.firstUndecodedReason() + ")");
            }
        }

        /**
         * Reads the events in parts of a multiple of {@code threads}, round-robin (see {@link PartThreads}); each
         * other thread decodes with a pool, a stack table and an interner of its own, set up as this one's.
         */
        private void readInParts(MappedFile in, PmlHeader header, PmlTables tables, IntIntHashMap keyByIndex,
                                 PmlEventDecoder decoder, int threads, PmlParts.State state, String name)
                throws InterruptedIOException {
            long offsets = header.eventOffsetsOffset();
            long count = header.eventCount();
            int parts = (int) Math.min(1 << 16, Math.max(1, count / (4 * minPartEvents * threads)) * threads);
            long[] bounds = new long[parts + 1];
            for (int p = 0; p <= parts; p++) {
                bounds[p] = count / parts * p + Math.min(p, count % parts);
            }
            PmlParts.Taker taker = new PmlParts.Taker(builder, into, skips);
            try (PartThreads<PmlParts.Part> others = PartThreads.start("lockscope-pml-part " + name, parts, threads, t -> {
                StringPool strings = new StringPool();
                StackTable table = new StackTable();
                StackInterner own = new StackInterner(table, header.maxApplicationAddress());
                keyByIndex.forEachValue(key -> own.addProcess(key, builder.process(key)));
                if (system != null) {
                    own.kernelModulesFrom(system);
                }
                PmlEventDecoder mine = new PmlEventDecoder(in, header, tables, strings, keyByIndex, own, new PmlOperations());
                Queue<PmlParts.Rows> spare = new ConcurrentLinkedQueue<>();
                return (p, stopping) -> PmlParts.read(in, offsets, bounds[p], bounds[p + 1], mine, strings, table,
                        spare, stopping, name);
            })) {
                for (int p = 0; p < parts; p++) {
                    if (others.ownPart(p)) {
                        PmlParts.decode(in, offsets, bounds[p], bounds[p + 1], decoder, into, skips, state, name, progressAt);
                        continue;
                    }
                    PmlParts.Part part = others.take(p);
                    if (part == null || part.assumedPreviousEnd() != state.previousEnd) {
                        // failed, or began after another record than it assumed: the rest is read here
                        others.close();
                        builder.report().decodedWith("PML", threads + " threads up to event " + bounds[p] + ", then 1");
                        PmlParts.decode(in, offsets, bounds[p], count, decoder, into, skips, state, name, progressAt);
                        return;
                    }
                    taker.take(part);
                    state.read += part.state().read;
                    state.previousEnd = part.state().previousEnd;
                    decoder.details().add(part.undecoded());
                    progressAt.accept(in.u32(offsets + 5 * (bounds[p + 1] - 1)));
                }
                builder.report().decodedWith("PML", threads + " threads");
            }
        }
    }

    /** How one process is recognised across the parts of a split capture. */
    private record ProcessIdentity(int pid, long startTime, String imagePath) {
    }
}
