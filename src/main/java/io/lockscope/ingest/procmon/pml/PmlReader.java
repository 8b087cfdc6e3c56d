package io.lockscope.ingest.procmon.pml;

import io.lockscope.format.procmon.pml.PmlLayout;
import io.lockscope.format.procmon.pml.PmlOperations;
import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.Confidence;
import io.lockscope.ingest.InputFormat;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.ReadProgress;
import io.lockscope.ingest.TraceReader;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.TimeBase;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceBuilder;
import io.lockscope.model.Truncation;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
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

    public PmlReader() {
        this(MappedFile.DEFAULT_WINDOW_SHIFT);
    }

    /** {@code windowShift} other than 30 only in tests (small mapping windows on small files). */
    PmlReader(int windowShift) {
        this.windowShift = windowShift;
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
        new Capture(builder, options.progress()).add(file, displayName);
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
        Capture capture = new Capture(builder, options.progress());
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

    /** Events between two progress reports, less one (a mask). */
    private static final long PROGRESS_EVERY = (1 << 16) - 1;

    /** One trace being filled from one or more PML files. */
    private final class Capture {
        private final TraceBuilder builder;
        private final PmlOperations operations = new PmlOperations();
        private final Map<ProcessIdentity, Integer> keyByIdentity = new HashMap<>();
        private final ReadProgress progress;
        /** Bytes of the parts read before the current one: progress counts through all parts. */
        private long partsBytes;

        Capture(TraceBuilder builder, ReadProgress progress) {
            this.builder = builder;
            this.progress = progress;
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
            PmlEventDecoder decoder = new PmlEventDecoder(in, header, PmlTables.lost(), builder, keyByIndex, stacks,
                    operations);
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
                    decoder.decode(at);
                } catch (PmlFormatException e) {
                    break; // the cut may leave a record whose length fits but whose content is gone
                }
                read++;
                if ((read & PROGRESS_EVERY) == 0) {
                    progress.at(partsBytes + at);
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
            ProcessInfo system = null;
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
                                StackInterner stacks, String name) {
            PmlEventDecoder decoder = new PmlEventDecoder(in, header, tables, builder, keyByIndex, stacks, operations);
            long offsets = header.eventOffsetsOffset();
            long count = header.eventCount();
            // every event the offsets name is a record of at least a header after the first event
            builder.expectEvents(builder.eventCount()
                    + Math.min(count, (in.size() - header.firstEventOffset()) / PmlLayout.EVENT_HEADER_SIZE));
            long read = 0;
            // procmon appends events one after the other: an offset into an earlier record is an entry
            // pointing at bytes already read, which would let a small file decode one large record any number of times
            long previousEnd = 0;
            for (long i = 0; i < count; i++) {
                long at = in.u32(offsets + 5 * i);
                if (at < previousEnd) {
                    builder.report().skip("PML event record inside the one before it",
                            name + ": event " + i + " at " + BadInputException.byteOffset(at));
                    continue;
                }
                try {
                    decoder.decode(at);
                    previousEnd = decoder.recordEnd(at);
                    read++;
                } catch (PmlFormatException e) {
                    builder.report().skip("unreadable PML event record",
                            name + ": event " + i + " at " + BadInputException.byteOffset(e.offset()) + ": " + e.getMessage());
                }
                if ((i & PROGRESS_EVERY) == 0) {
                    progress.at(partsBytes + at);
                }
            }
            if (read < count) {
                builder.report().warn(name + ": read " + read + " of " + count + " events; "
                        + (count - read) + " records were unreadable");
            }
            PmlDetails details = decoder.details();
            if (details.undecoded() > 0) {
                builder.report().warn(name + ": " + details.undecoded() + " events kept without their detail (and path,"
                        + " where that was the unreadable part) because their detail blob is inconsistent (first at "
                        + BadInputException.byteOffset(details.firstUndecodedAt()) + ": "
                        + details.firstUndecodedReason() + ")");
            }
        }
    }

    /** How one process is recognised across the parts of a split capture. */
    private record ProcessIdentity(int pid, long startTime, String imagePath) {
    }
}
