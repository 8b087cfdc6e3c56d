package io.lockscope.model;

import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.DetailCodec;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.ShortArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.IntByteHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.IntObjectHashMap;

import java.util.Arrays;
import java.util.Objects;

/**
 * The events of one input, column by column. Event {@code i} is row {@code i} of every column, and
 * {@code i} is also the event's 0-based index in its input (what report evidence points at).
 *
 * <p>Per event: time (8 bytes), duration (4: 100 ns units, the rare longer one aside), operation +
 * detail kind (2), packed detail (8 + 8 + 4 + 4), path id (4 at most), process key, thread id, result
 * and stack id (1 or 2 each in a boot log: narrow or dictionary-coded columns widen only when a value
 * needs it): 45–50 bytes. Rare things — the text of an operation this build does not know, the class
 * of such an operation — live in sparse maps; the kernel ids of ETW events in two columns of five
 * bytes a row ({@link KernelIds}) made when the first is set. Written by {@link TraceBuilder}; read-only afterwards.
 */
public final class EventStore {
    /** Duration not known (procmon leaves it empty for pending operations). */
    public static final long NO_DURATION = -1;

    private static final Operation[] OPERATIONS = Operation.values();

    final LongArrayList time = new LongArrayList();
    final NarrowLongs duration = new NarrowLongs();
    final NarrowInts process = new NarrowInts();
    final CodedInts tid = new CodedInts();
    final CodedInts result = new CodedInts();
    final NarrowInts path = new NarrowInts();
    final NarrowInts stack = new NarrowInts();
    /** Operation ordinal in bits 0–11, detail kind in bits 12–15. */
    final ShortArrayList opAndKind = new ShortArrayList();
    final LongArrayList a = new LongArrayList();
    final LongArrayList b = new LongArrayList();
    final IntArrayList c = new IntArrayList();
    final IntArrayList d = new IntArrayList();
    final IntObjectHashMap<String> operationText = new IntObjectHashMap<>();
    final IntByteHashMap eventClass = new IntByteHashMap();
    /** Only sources that record kernel identities (ETL) make these; rows past their end are 0. */
    KernelIds objectId;
    KernelIds irp;
    /**
     * Sparse: the FileKeys of ETW opens, each on its Create event only, as (event, key) pairs in the order
     * they were learnt and by event once the trace is built ({@link #trim}). A Create learns its key from
     * a later request; appending costs less than a put into a hash table of every open (a cache miss
     * each, and the table's growth) and half the memory.
     */
    IntArrayList fileKeyEvents = new IntArrayList();
    LongArrayList fileKeys = new LongArrayList();

    private final StringPool strings;
    private final DetailCodec codec;

    EventStore(StringPool strings, DetailCodec codec) {
        this.strings = strings;
        this.codec = codec;
    }

    public int size() {
        return time.size();
    }

    public long time(int i) {
        return time.get(i);
    }

    public long duration(int i) {
        return duration.get(i);
    }

    public int processKey(int i) {
        return process.get(i);
    }

    public int tid(int i) {
        return tid.get(i);
    }

    /** NTSTATUS of the operation (0 = SUCCESS, 0x103 = STATUS_PENDING shown as an empty Result). */
    public int result(int i) {
        return result.get(i);
    }

    public int pathId(int i) {
        return path.get(i);
    }

    public String path(int i) {
        return strings.get(path.get(i));
    }

    public int stackId(int i) {
        return stack.get(i);
    }

    public Operation operation(int i) {
        return OPERATIONS[opAndKind.get(i) & 0xFFF];
    }

    /**
     * The operation as the source spelled it: procmon's Operation column, or an ETW event's
     * Task/Opcode name ("Image/Load") when the event is typed as a procmon operation too.
     */
    public String operationName(int i) {
        String text = operationText.get(i);
        return text != null ? text : operation(i).procmonName();
    }

    public EventClass eventClass(int i) {
        Operation op = operation(i);
        if (op != Operation.OTHER) {
            return op.eventClass();
        }
        return EventClass.values()[eventClass.getIfAbsent(i, (byte) EventClass.UNKNOWN.ordinal())];
    }

    /**
     * The kernel object the event acts on, 0 when the source does not record it: the FILE_OBJECT
     * address of ETW file and minifilter events (the identity of one open, so a Create pairs exactly
     * with its Cleanup and Close), the object address of ETW handle events. Procmon sources leave it 0.
     */
    public long objectId(int i) {
        return kernelId(objectId, i);
    }

    /** The IRP address of an ETW file or minifilter event, 0 when not recorded. */
    public long irp(int i) {
        return kernelId(irp, i);
    }

    private long kernelId(KernelIds column, int i) {
        Objects.checkIndex(i, size());
        return column == null || i >= column.size() ? 0 : column.get(i);
    }

    /**
     * The FileKey (the stream's FsContext, one per file whatever link it was opened through) of the open
     * that Create event {@code i} began, as its later requests show it; 0 when not recorded (procmon
     * sources, an open with no request after its Create). A FileKey is reused once its file is closed
     * everywhere, so it names one file only among opens that overlap in time.
     */
    public long fileKey(int i) {
        int k = fileKeyEvents.binarySearch(i);
        return k < 0 ? 0 : fileKeys.get(k);
    }

    /** The detail kind ({@link DetailCodec} constants) without decoding the detail. */
    public int detailKind(int i) {
        return (opAndKind.get(i) >>> 12) & 0xF;
    }

    public Detail detail(int i) {
        return codec.unpack(detailKind(i), a.get(i), b.get(i), c.get(i), d.get(i));
    }

    /** Bytes held by the columns (not the string pool), for the per-event memory figure. */
    public long retainedBytes() {
        long n = 0;
        n += 8L * (time.size() + a.size() + b.size());
        n += 4L * (c.size() + d.size());
        n += 2L * opAndKind.size();
        n += duration.retainedBytes() + process.retainedBytes() + tid.retainedBytes() + result.retainedBytes()
                + path.retainedBytes() + stack.retainedBytes();
        n += 32L * (operationText.size() + eventClass.size());
        n += (objectId == null ? 0 : objectId.retainedBytes()) + (irp == null ? 0 : irp.retainedBytes());
        n += 12L * fileKeys.size();
        return n;
    }

    /** Sizes every column for {@code events} rows, so that a reader that knows its count copies no column. */
    void ensureCapacity(int events) {
        time.ensureCapacity(events);
        duration.ensureCapacity(events);
        process.ensureCapacity(events);
        tid.ensureCapacity(events);
        result.ensureCapacity(events);
        path.ensureCapacity(events);
        stack.ensureCapacity(events);
        opAndKind.ensureCapacity(events);
        a.ensureCapacity(events);
        b.ensureCapacity(events);
        c.ensureCapacity(events);
        d.ensureCapacity(events);
    }

    void trim() {
        time.trimToSize();
        duration.trimToSize();
        process.trimToSize();
        tid.trimToSize();
        result.trimToSize();
        path.trimToSize();
        stack.trimToSize();
        opAndKind.trimToSize();
        a.trimToSize();
        b.trimToSize();
        c.trimToSize();
        d.trimToSize();
        if (objectId != null) {
            objectId.trimToSize();
        }
        if (irp != null) {
            irp.trimToSize();
        }
        sortFileKeys();
        fileKeyEvents.trimToSize();
        fileKeys.trimToSize();
    }

    /** Orders the FileKey pairs by event, for {@link #fileKey}'s binary search; a later key of one event replaces the earlier. */
    private void sortFileKeys() {
        int n = fileKeyEvents.size();
        int k = 1;
        while (k < n && fileKeyEvents.get(k - 1) < fileKeyEvents.get(k)) {
            k++;
        }
        if (k >= n) {
            return; // already in order: each open's first request came in the order of the Creates
        }
        long[] eventAndPlace = new long[n];
        for (int i = 0; i < n; i++) {
            eventAndPlace[i] = (long) fileKeyEvents.get(i) << 32 | i;
        }
        Arrays.sort(eventAndPlace);
        IntArrayList sortedEvents = new IntArrayList(n);
        LongArrayList sortedKeys = new LongArrayList(n);
        for (long pair : eventAndPlace) {
            int event = (int) (pair >>> 32);
            long key = fileKeys.get((int) pair);
            if (!sortedEvents.isEmpty() && sortedEvents.getLast() == event) {
                sortedKeys.set(sortedKeys.size() - 1, key); // keyed again: the later key stands
            } else {
                sortedEvents.add(event);
                sortedKeys.add(key);
            }
        }
        fileKeyEvents = sortedEvents;
        fileKeys = sortedKeys;
    }
}
