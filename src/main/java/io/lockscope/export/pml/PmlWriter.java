package io.lockscope.export.pml;

import io.lockscope.format.procmon.pml.PmlOperations;
import io.lockscope.model.EventStore;
import io.lockscope.model.Module;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StackTable;
import io.lockscope.model.Trace;
import io.lockscope.model.detail.Detail;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.lockscope.format.procmon.pml.PmlLayout.*;

/**
 * Writes a 64-bit, format-9 PML file as procmon lays it out: header, events (streamed as they come),
 * event-offsets array, process table, strings table, icon table, hosts and ports tables; the header
 * is patched last (procmon-formats.md §1.2: procmon needs this section order). Events carry their
 * stacks; details are encoded by {@link PmlDetailEncoder} as the driver would have recorded them, so
 * {@link io.lockscope.ingest.procmon.pml.PmlReader} reads back the same model.
 *
 * <p>Network events are not written (boot logs have none, §4.1) and are counted in
 * {@link #skippedEvents()}; a {@link Detail.Text} the format cannot carry for its operation is
 * dropped and counted in {@link #droppedDetails()}. Event offsets are u32, so one file holds at most
 * 4 GiB of events: check {@link #size()} and start a new part ({@code Boot-1.pml}) before that.
 * Write events in non-decreasing time order: procmon's viewer indexes by time and shows
 * out-of-order records as blank rows (procmon-formats.md §1.7).
 *
 * <pre>
 * try (PmlWriter w = PmlWriter.open(path, PmlWriter.Machine.DEFAULT)) {
 *     int p = w.addProcess(process);
 *     w.event(time, duration, p, tid, Operation.CREATE_FILE, null, status, path, detail, stack, depth);
 * }
 * </pre>
 */
public final class PmlWriter implements Closeable {
    static final int POINTER = 8;
    static final long MAX_EVENT_OFFSET = 0xFFFFFFFFL;

    /** What the header says about the capturing machine. */
    public record Machine(String computerName, String systemRoot, int osMajor, int osMinor, int osBuild,
                          int processors, long memoryBytes, long maxApplicationAddress) {
        /** A Windows Server 2019 (build 17763) x64 machine; user space ends at 0x7FFFFFFEFFFF. */
        public static final Machine DEFAULT = new Machine("LOCKSCOPE", "C:\\Windows", 10, 0, 17763, 2,
                8L << 30, 0x7FFFFFFEFFFFL);
    }

    private final Path file;
    private final Machine machine;
    private final OutputStream out;
    private final List<ProcessInfo> processes = new ArrayList<>();
    private final IntArrayList eventOffsets = new IntArrayList();
    private final LeBuffer record = new LeBuffer(1 << 12);
    private final PmlDetailEncoder encoder = new PmlDetailEncoder(POINTER);
    private long position;
    private int sequence;
    private long skippedEvents;
    private boolean closed;

    private PmlWriter(Path file, Machine machine) throws IOException {
        this.file = file;
        this.machine = machine;
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        out.write(new byte[HEADER_SIZE]);
        position = HEADER_SIZE;
    }

    public static PmlWriter open(Path file, Machine machine) throws IOException {
        return new PmlWriter(file, machine);
    }

    /** Writes {@code trace} (its processes, events and stacks) to {@code file}; returns the writer's counts. */
    public static Counts write(Trace trace, Path file, Machine machine) throws IOException {
        PmlWriter w = open(file, machine);
        try (w) {
            for (ProcessInfo p : trace.processes().all()) {
                w.addProcess(p);
            }
            EventStore ev = trace.events();
            Map<Integer, long[]> stacks = new HashMap<>();
            for (int i = 0; i < ev.size(); i++) {
                long[] stack = stacks.computeIfAbsent(ev.stackId(i), id -> addresses(trace.stacks(), id));
                w.event(ev.time(i), ev.duration(i), ev.processKey(i), ev.tid(i), ev.operation(i), ev.operationName(i),
                        ev.result(i), ev.path(i), ev.detail(i), stack, stack.length);
            }
        }
        return new Counts(w.eventOffsets.size(), w.skippedEvents, w.encoder.droppedDetails());
    }

    /** What a whole-trace write did. */
    public record Counts(long eventsWritten, long eventsSkipped, long detailsDropped) {
    }

    private static long[] addresses(StackTable stacks, int id) {
        List<StackTable.Frame> frames = stacks.frames(id);
        long[] a = new long[frames.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = frames.get(k).address();
        }
        return a;
    }

    /** Adds a process to the process table and returns the index events refer to it by. */
    public int addProcess(ProcessInfo process) {
        processes.add(process);
        return processes.size() - 1;
    }

    /** Bytes written so far. */
    public long size() {
        return position;
    }

    public long skippedEvents() {
        return skippedEvents;
    }

    public long droppedDetails() {
        return encoder.droppedDetails();
    }

    /**
     * Appends one event.
     *
     * @param operationName procmon's spelling; needed only for {@link Operation#OTHER}
     * @param duration      100 ns ticks, {@link EventStore#NO_DURATION} for a pending operation
     * @param stack         return addresses, innermost first ({@code depth} of them are written)
     */
    public void event(long time, long duration, int process, int tid, Operation operation, String operationName,
                      int result, String path, Detail detail, long[] stack, int depth) throws IOException {
        if (closed) {
            throw new IllegalStateException("writer closed");
        }
        if (process < 0 || process >= processes.size()) {
            throw new IllegalArgumentException("no process with index " + process);
        }
        if (depth < 0 || depth > 0xFFFF) {
            throw new IllegalArgumentException("stack depth out of range: " + depth);
        }
        PmlOperations.Code code = PmlOperations.code(operation, operationName);
        if (code == null) {
            throw new IllegalArgumentException("procmon has no operation named "
                    + (operation == Operation.OTHER ? operationName : operation.procmonName()));
        }
        if (code.eventClass() == PmlOperations.CLASS_NETWORK) {
            skippedEvents++;
            return;
        }
        if (position > MAX_EVENT_OFFSET) {
            throw new IOException(file + ": more than 4 GiB of events; start a new part of the capture");
        }
        encoder.encode(code, path == null ? "" : path, detail);
        LeBuffer detailBytes = encoder.detail();
        LeBuffer extraBytes = encoder.extra();
        int detailSize = detailBytes.position();
        int extraOffset = encoder.hasExtra() ? EVENT_HEADER_SIZE + depth * POINTER + detailSize : 0;
        record.clear();
        record.i32(process).i32(tid).u16(code.eventClass()).u16(0).u16(code.operation()).u16(0).i32(sequence++)
                .i64(duration == EventStore.NO_DURATION ? 0 : duration).i64(time).i32(result).u16(depth).u16(0)
                .i32(detailSize).i32(extraOffset);
        for (int k = 0; k < depth; k++) {
            record.i64(stack[k]);
        }
        ByteBuffer b = record.flip();
        out.write(b.array(), 0, b.limit());
        ByteBuffer d = detailBytes.flip();
        out.write(d.array(), 0, d.limit());
        int length = b.limit() + d.limit();
        if (encoder.hasExtra()) {
            ByteBuffer x = extraBytes.flip();
            out.write(x.limit() & 0xFF);
            out.write(x.limit() >>> 8);
            out.write(x.array(), 0, x.limit());
            length += 2 + x.limit();
        }
        eventOffsets.add((int) position);
        position += length;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            long offsetsAt = position;
            LeBuffer tables = new LeBuffer(1 << 16);
            for (int k = 0; k < eventOffsets.size(); k++) {
                tables.i32(eventOffsets.get(k)).u8(0);
            }
            long processesAt = offsetsAt + tables.position();
            StringTable strings = new StringTable();
            writeProcessTable(tables, strings);
            long stringsAt = offsetsAt + tables.position();
            strings.writeTo(tables);
            long iconsAt = offsetsAt + tables.position();
            tables.i32(0);
            long hostsAt = offsetsAt + tables.position();
            tables.i32(0).i32(0);
            ByteBuffer t = tables.flip();
            out.write(t.array(), 0, t.limit());
            out.flush();
            writeHeader(offsetsAt, processesAt, stringsAt, iconsAt, hostsAt);
        }
    }

    /**
     * Process table: count, index array, offset array (relative to the table), then one record per
     * process with its modules inline (layout in {@link io.lockscope.format.procmon.pml.PmlLayout}).
     */
    private void writeProcessTable(LeBuffer t, StringTable strings) {
        int start = t.position();
        int n = processes.size();
        t.i32(n);
        for (int k = 0; k < n; k++) {
            t.i32(k);
        }
        int offsetsAt = t.position();
        t.zeros(4 * n);
        for (int k = 0; k < n; k++) {
            ProcessInfo p = processes.get(k);
            t.putI32At(offsetsAt + 4 * k, t.position() - start);
            t.i32(k).i32(p.pid()).i32(p.parentPid()).i32(parentIndex(p, k)).i64(authenticationId(p.authenticationId()))
                    .i32(p.session()).i32(0)
                    .i64(p.startTime() == ProcessInfo.UNKNOWN_TIME ? 0 : p.startTime())
                    .i64(p.endTime() == ProcessInfo.UNKNOWN_TIME ? 0 : p.endTime())
                    .i32(Boolean.TRUE.equals(p.virtualized()) ? 1 : 0).i32(Boolean.TRUE.equals(p.is64bit()) ? 1 : 0)
                    .i32(strings.index(p.integrity())).i32(strings.index(p.user())).i32(strings.index(p.name()))
                    .i32(strings.index(p.imagePath())).i32(strings.index(p.commandLine()))
                    .i32(strings.index(p.company())).i32(strings.index(p.version()))
                    .i32(strings.index(p.description())).i32(0).i32(0)
                    .pointer(1, POINTER).i32(p.modules().size());
            for (Module m : p.modules()) {
                t.pointer(0, POINTER).pointer(m.base(), POINTER).i32((int) m.size()).i32(strings.index(m.path()))
                        .i32(strings.index(m.version())).i32(strings.index(m.company()))
                        .i32(strings.index(m.description())).i32(0).zeros(MODULE_TAIL);
            }
        }
    }

    /** The latest process started before {@code p} with its parent's PID, else -1. */
    private int parentIndex(ProcessInfo p, int self) {
        for (int k = self - 1; k >= 0; k--) {
            if (processes.get(k).pid() == p.parentPid()) {
                return k;
            }
        }
        return -1;
    }

    /** "%08x:%08x" (high:low) back to the LUID procmon stores. */
    private static long authenticationId(String text) {
        if (text == null) {
            return 0;
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            return 0;
        }
        try {
            return (Long.parseLong(text.substring(0, colon), 16) << 32) | Long.parseLong(text.substring(colon + 1), 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void writeHeader(long offsetsAt, long processesAt, long stringsAt, long iconsAt, long hostsAt)
            throws IOException {
        LeBuffer h = new LeBuffer(HEADER_SIZE);
        h.zeros(HEADER_SIZE);
        h.putI32At(0, MAGIC);
        h.putI32At(H_VERSION, VERSION);
        h.putI32At(H_IS64, 1);
        putFixedString(h, H_COMPUTER, H_COMPUTER_CHARS, machine.computerName());
        putFixedString(h, H_SYSTEM_ROOT, H_SYSTEM_ROOT_CHARS, machine.systemRoot());
        h.putI32At(H_EVENT_COUNT, eventOffsets.size());
        h.putI64At(H_FIRST_EVENT, HEADER_SIZE);
        h.putI64At(H_EVENT_OFFSETS, offsetsAt);
        h.putI64At(H_PROCESSES, processesAt);
        h.putI64At(H_STRINGS, stringsAt);
        h.putI64At(H_ICONS, iconsAt);
        h.putI64At(H_MAX_APP_ADDRESS, machine.maxApplicationAddress());
        h.putI32At(H_OS_VERSION_INFO, OS_VERSION_INFO_SIZE);
        h.putI32At(H_OS_MAJOR, machine.osMajor());
        h.putI32At(H_OS_MINOR, machine.osMinor());
        h.putI32At(H_OS_BUILD, machine.osBuild());
        h.putI32At(H_OS_PLATFORM, 2);
        h.putI32At(H_PROCESSORS, machine.processors());
        h.putI64At(H_MEMORY, machine.memoryBytes());
        h.putI64At(H_HEADER_SIZE, HEADER_SIZE);
        h.putI64At(H_HOSTS_PORTS, hostsAt);
        ByteBuffer b = h.flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(b, 0);
        }
    }

    private static void putFixedString(LeBuffer h, int at, int chars, String s) {
        String v = s == null ? "" : s;
        for (int k = 0; k < Math.min(v.length(), chars - 1); k++) {
            h.putU16At(at + 2 * k, v.charAt(k));
        }
    }

    /** The strings table: index 0 is the empty string; each string stored once. */
    private static final class StringTable {
        private final Map<String, Integer> index = new HashMap<>();
        private final List<String> values = new ArrayList<>();

        StringTable() {
            index("");
        }

        int index(String s) {
            String v = s == null ? "" : s;
            return index.computeIfAbsent(v, k -> {
                values.add(k);
                return values.size() - 1;
            });
        }

        void writeTo(LeBuffer t) {
            int start = t.position();
            t.i32(values.size());
            int offsetsAt = t.position();
            t.zeros(4 * values.size());
            for (int k = 0; k < values.size(); k++) {
                t.putI32At(offsetsAt + 4 * k, t.position() - start);
                String v = values.get(k);
                t.i32(2 * (v.length() + 1)).utf16(v).u16(0);
            }
        }
    }
}
