package io.lockscope.model;

import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.DetailCodec;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way readers put events into the model. Not thread-safe; {@link #build()} once, after which
 * the builder must not be used.
 *
 * <p>It keeps at most {@code maxEvents} events, whatever the input holds: past them, an event is counted
 * and dropped ({@link #NOT_KEPT}), and the trace's {@link ReadReport#eventLimit()} says how many were.
 */
public final class TraceBuilder {
    /** The most events of one trace: events are indexed by an int, and an array holds fewer than 2^31 items. */
    public static final long MAX_EVENTS = 2_000_000_000L;
    /** The index {@link #addEvent} returns for an event past the limit; the setters taking an index ignore it. */
    public static final int NOT_KEPT = -1;

    private final String source;
    private final String format;
    private final long maxEvents;
    private long notKept;
    /** What {@link #expectEvents} was told, bounded: the size of a column made after the others. */
    private int expectedEvents;
    private final StringPool strings = new StringPool();
    private final DetailCodec codec = new DetailCodec(strings, DetailCodec.newRichList());
    private final EventStore events = new EventStore(strings, codec);
    private final List<ProcessInfo> processes = new ArrayList<>();
    private final StackTable stacks = new StackTable();
    private final ReadReport report = new ReadReport();
    private final DetailCodec.Packed packed = new DetailCodec.Packed();
    private TimeBase timeBase = TimeBase.UTC;
    private ZoneOffset zone;
    private boolean built;

    public TraceBuilder(String source, String format) {
        this(source, format, MAX_EVENTS);
    }

    /** @param maxEvents the most events kept, at most {@link #MAX_EVENTS} */
    public TraceBuilder(String source, String format, long maxEvents) {
        if (maxEvents < 0 || maxEvents > MAX_EVENTS) {
            throw new IllegalArgumentException("maxEvents out of range: " + maxEvents);
        }
        this.source = source;
        this.format = format;
        this.maxEvents = maxEvents;
    }

    public StringPool strings() {
        return strings;
    }

    public StackTable stacks() {
        return stacks;
    }

    public ReadReport report() {
        return report;
    }

    public TraceBuilder timeBase(TimeBase base, ZoneOffset zoneOrNull) {
        this.timeBase = base;
        this.zone = zoneOrNull;
        return this;
    }

    /** Adds a process instance and returns its key. */
    public int addProcess(ProcessInfo process) {
        processes.add(process);
        return processes.size() - 1;
    }

    /** Replaces what is known about process {@code key} (e.g. its start and end once seen). */
    public void updateProcess(int key, ProcessInfo process) {
        processes.set(key, process);
    }

    public ProcessInfo process(int key) {
        return processes.get(key);
    }

    public int processCount() {
        return processes.size();
    }

    /**
     * Tells how many events are coming (an estimate is fine), at most {@link #maxEvents} of which are
     * kept: the columns are sized once instead of growing, which for millions of events would copy
     * each column many times over, the large copies straight into the old generation. The caller bounds
     * {@code expected} by its input's size (events it has seen, or a count checked against the file),
     * never by a count the file merely declares.
     */
    public void expectEvents(long expected) {
        expectedEvents = (int) Math.min(Math.max(expected, 0), Math.min(maxEvents, Integer.MAX_VALUE - 8));
        events.ensureCapacity(expectedEvents);
    }

    public int eventCount() {
        return events.size();
    }

    /**
     * Appends one event and returns its index, or {@link #NOT_KEPT} when the trace already has its most.
     *
     * @param operation  a known operation; use {@link #addOtherEvent} for one this build does not know
     * @param pathId     {@link #strings()} id of the path (0 for none)
     * @param stackId    {@link StackTable#NONE} or an id from {@link #stacks()}
     */
    public int addEvent(long time, long duration, int processKey, int tid, Operation operation, int result,
                        int pathId, Detail detail, int stackId) {
        if (!keeps(processKey)) {
            return NOT_KEPT;
        }
        codec.pack(detail, packed);
        return append(time, duration, processKey, tid, operation, result, pathId, packed, stackId);
    }

    /**
     * {@link #addEvent} with the detail packed already, by a {@link DetailCodec} of another pool on another
     * thread, and its text ids mapped to {@link #strings()} ({@link DetailCodec#mapTexts}); not for a
     * {@link DetailCodec#rich} detail, which is an object of this builder's store.
     */
    public int addPackedEvent(long time, long duration, int processKey, int tid, Operation operation, int result,
                              int pathId, DetailCodec.Packed detail, int stackId) {
        if (detail.kind == DetailCodec.RICH) {
            throw new IllegalArgumentException("a rich detail is added as its object");
        }
        return keeps(processKey) ? append(time, duration, processKey, tid, operation, result, pathId, detail, stackId)
                : NOT_KEPT;
    }

    /** Whether another event of {@code processKey} is kept, counting those past the limit. */
    private boolean keeps(int processKey) {
        if (built) {
            throw new IllegalStateException("trace already built");
        }
        if (processKey < 0 || processKey >= processes.size()) {
            throw new IllegalArgumentException("no process with key " + processKey);
        }
        if (events.size() >= maxEvents) {
            notKept++;
            return false;
        }
        return true;
    }

    private int append(long time, long duration, int processKey, int tid, Operation operation, int result, int pathId,
                       DetailCodec.Packed detail, int stackId) {
        events.time.add(time);
        events.duration.add(duration);
        events.process.add(processKey);
        events.tid.add(tid);
        events.result.add(result);
        events.path.add(pathId);
        events.stack.add(stackId);
        events.opAndKind.add((short) (operation.ordinal() | detail.kind << 12));
        events.a.add(detail.a);
        events.b.add(detail.b);
        events.c.add(detail.c);
        events.d.add(detail.d);
        return events.size() - 1;
    }

    /** The time of event {@code event}, already added. */
    public long time(int event) {
        return events.time(event);
    }

    /**
     * Completes event {@code event} with a result and duration learned after it was added: an ETW
     * request's OperationEnd comes later in the stream than the request.
     */
    public void complete(int event, int result, long duration) {
        checkWritable(event);
        events.result.set(event, result);
        events.duration.set(event, duration);
    }

    /** Replaces the detail of event {@code event} by one completed after it was added. */
    public void setDetail(int event, Detail detail) {
        checkWritable(event);
        codec.pack(detail, packed);
        events.opAndKind.set(event, (short) (events.opAndKind.get(event) & 0xFFF | packed.kind << 12));
        events.a.set(event, packed.a);
        events.b.set(event, packed.b);
        events.c.set(event, packed.c);
        events.d.set(event, packed.d);
    }

    private void checkWritable(int event) {
        if (built) {
            throw new IllegalStateException("trace already built");
        }
        if (event < 0 || event >= events.size()) {
            throw new IllegalArgumentException("no event " + event);
        }
    }

    /**
     * Keeps the source's own spelling of event {@code event}'s operation (an ETW "Image/Load" typed
     * as {@link Operation#LOAD_IMAGE}), so counts by name still compare with the source's tools.
     */
    public void setOperationName(int event, String name) {
        if (event == NOT_KEPT) {
            return;
        }
        events.operationText.put(event, name);
    }

    /** Appends an event whose operation is not in {@link Operation}, keeping its spelling and class. */
    public int addOtherEvent(long time, long duration, int processKey, int tid, String operationName,
                             EventClass eventClass, int result, int pathId, Detail detail, int stackId) {
        int i = addEvent(time, duration, processKey, tid, Operation.OTHER, result, pathId, detail, stackId);
        setOperationName(i, operationName);
        setEventClass(i, eventClass);
        return i;
    }

    /** Keeps the class of event {@code event}, whose operation is {@link Operation#OTHER}: its name does not tell. */
    public void setEventClass(int event, EventClass eventClass) {
        if (event != NOT_KEPT && eventClass != null && eventClass != EventClass.UNKNOWN) {
            events.eventClass.put(event, (byte) eventClass.ordinal());
        }
    }

    /**
     * Records the kernel identities of event {@code event} (see {@link EventStore#objectId} and
     * {@link EventStore#irp}); 0 means not recorded.
     */
    public void setKernelIds(int event, long objectId, long irp) {
        if (built) {
            throw new IllegalStateException("trace already built");
        }
        if (event == NOT_KEPT) {
            return;
        }
        if (event < 0 || event >= events.size()) {
            throw new IllegalArgumentException("no event " + event);
        }
        if (objectId != 0) {
            events.objectId = setKernelId(events.objectId, event, objectId);
        }
        if (irp != 0) {
            events.irp = setKernelId(events.irp, event, irp);
        }
    }

    /**
     * {@code column} (made on first use, sized for the events expected like the other columns) with row
     * {@code event} set to {@code id}, rows before it 0 when unset.
     */
    private KernelIds setKernelId(KernelIds column, int event, long id) {
        KernelIds c = column != null ? column : new KernelIds(Math.max(expectedEvents, event + 1));
        c.put(event, id);
        return c;
    }

    /**
     * Records the FileKey of the open that Create event {@code createEvent} began (see
     * {@link EventStore#fileKey}); a later call for the same Create replaces the key.
     */
    public void setFileKey(int createEvent, long fileKey) {
        checkWritable(createEvent);
        if (fileKey != 0) {
            events.fileKeyEvents.add(createEvent);
            events.fileKeys.add(fileKey);
        }
    }

    public Trace build() {
        if (built) {
            throw new IllegalStateException("trace already built");
        }
        built = true;
        if (notKept > 0) {
            report.eventLimitReached(events.size(), notKept);
        }
        events.trim();
        strings.compact();
        return new Trace(source, format, timeBase, zone, strings, events, new ProcessTable(processes), stacks, report);
    }
}
