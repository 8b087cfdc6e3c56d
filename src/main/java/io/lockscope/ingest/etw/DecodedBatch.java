package io.lockscope.ingest.etw;

import io.lockscope.ingest.WriteBehind;
import io.lockscope.ingest.etw.etl.TraceRecord;
import io.lockscope.ingest.etw.kernel.EventNames;
import io.lockscope.ingest.etw.kernel.KernelDecoder;
import io.lockscope.ingest.etw.kernel.KernelEvent;
import io.lockscope.ingest.etw.kernel.KernelGroups;
import io.lockscope.model.EventClass;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

/**
 * A run of an ETL's records as the model writer needs them, decoded on the reading thread: what
 * {@link EventNames} and {@link KernelDecoder} make of each record, the header fields the writer reads,
 * and for a record that is no event the reason and the place to report. Held in columns, so passing
 * records to the writer's thread costs no object per record. The writer {@link #select}s an entry and
 * reads it through the accessors, named as {@link TraceRecord}'s.
 */
final class DecodedBatch implements WriteBehind.Batch {
    static final int CAPACITY = 4096;

    /** What became of a record. */
    enum Outcome {
        /** Named (and decoded where a layout is known): an event. */
        EVENT,
        /** A manifest, TraceLogging, classic-provider or WPP record lockscope does not decode: ignored, counted by reason. */
        NOT_DECODED,
        /** A kernel record whose payload is shorter than its layout: skipped as damage. */
        TOO_SHORT
    }

    private final Outcome[] outcomes = new Outcome[CAPACITY];
    private final long[] times = new long[CAPACITY];
    private final long[] rawTimes = new long[CAPACITY];
    private final int[] pids = new int[CAPACITY];
    private final int[] tids = new int[CAPACITY];
    private final boolean[] kernel = new boolean[CAPACITY];
    private final byte[] pointerSizes = new byte[CAPACITY];
    private final EventNames.Name[] names = new EventNames.Name[CAPACITY];
    private final KernelEvent[] events = new KernelEvent[CAPACITY];
    private final EventClass[] eventClasses = new EventClass[CAPACITY];
    /** The sampled thread of a PerfInfo/Sample, else -1 with {@link #cpuSample} false. */
    private final int[] sampledTids = new int[CAPACITY];
    private final boolean[] cpuSample = new boolean[CAPACITY];
    /** A FileIo Create's open path as the reader's text id ({@link TraceRecord#textId}), else -1. */
    private final int[] openPathTexts = new int[CAPACITY];
    /** For {@link Outcome#NOT_DECODED} and {@link Outcome#TOO_SHORT}: the reason and the place. */
    private final String[] reasons = new String[CAPACITY];
    private final String[] places = new String[CAPACITY];
    private int size;
    private int at;

    /** Reasons for not decoding a provider's events, made once per provider. */
    private final Map<UUID, String> skipReasons;

    /** @param skipReasons the reading thread's cache of skip reasons, shared by the batches of one read */
    DecodedBatch(Map<UUID, String> skipReasons) {
        this.skipReasons = skipReasons;
    }

    @Override
    public boolean isFull() {
        return size == CAPACITY;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void clear() {
        Arrays.fill(names, 0, size, null);
        Arrays.fill(events, 0, size, null);
        Arrays.fill(reasons, 0, size, null);
        Arrays.fill(places, 0, size, null);
        size = 0;
    }

    /**
     * Decodes {@code r} (of the file {@code file}) into the next entry; the batch must not be full.
     * Runs on the reading thread while {@code r} is valid.
     */
    void add(TraceRecord r, String file) {
        int i = size++;
        times[i] = r.time();
        rawTimes[i] = r.rawTime();
        pids[i] = r.pid();
        tids[i] = r.tid();
        kernel[i] = r.kind() == TraceRecord.Kind.KERNEL;
        pointerSizes[i] = (byte) r.pointerSize();
        EventNames.Name name = EventNames.of(r);
        names[i] = name;
        if (name == null) {
            outcomes[i] = Outcome.NOT_DECODED;
            reasons[i] = notDecodedReason(r);
            places[i] = file + ": " + r.where();
            return;
        }
        try {
            KernelEvent e = KernelDecoder.decode(r);
            events[i] = e;
            openPathTexts[i] = e instanceof KernelEvent.FileCreate c ? r.textId(c.openPath()) : -1;
        } catch (TraceRecord.PayloadTooShortException tooShort) {
            outcomes[i] = Outcome.TOO_SHORT;
            reasons[i] = "ETW event payload shorter than its layout: " + name.full();
            places[i] = file + ": " + r.where() + ": " + tooShort.getMessage();
            return;
        }
        outcomes[i] = Outcome.EVENT;
        eventClasses[i] = kernel[i] ? KernelMapping.eventClass(r.group()) : EventClass.UNKNOWN;
        // PerfInfo/Sample: PERFINFO header; payload InstructionPointer ptr, ThreadId u32 (PerfView SampledProfileTraceData)
        cpuSample[i] = kernel[i] && r.group() == KernelGroups.PERF_INFO && r.type() == 46
                && r.payloadLength() >= r.pointerSize() + 4;
        sampledTids[i] = cpuSample[i] ? r.i32(r.pointerSize()) : -1;
    }

    private String notDecodedReason(TraceRecord r) {
        return switch (r.kind()) {
            case MANIFEST -> skipReasons.computeIfAbsent(r.guid(),
                    g -> "user-provider (manifest/TraceLogging) event not decoded: provider " + g);
            case CLASSIC -> skipReasons.computeIfAbsent(r.guid(), g -> "classic-provider event not decoded: provider " + g);
            default -> "WPP/untyped ETW record not decoded";
        };
    }

    /** Makes entry {@code i} the one the accessors read. */
    void select(int i) {
        at = i;
    }

    Outcome outcome() {
        return outcomes[at];
    }

    long time() {
        return times[at];
    }

    long rawTime() {
        return rawTimes[at];
    }

    int pid() {
        return pids[at];
    }

    int tid() {
        return tids[at];
    }

    /** Whether the record is a kernel (MOF) event, the only kind stack-walked. */
    boolean kernel() {
        return kernel[at];
    }

    int pointerSize() {
        return pointerSizes[at];
    }

    EventNames.Name eventName() {
        return names[at];
    }

    /** The decoded event, or null for a named record of a class lockscope does not decode. */
    KernelEvent event() {
        return events[at];
    }

    /** The model's class of the record's kernel group; UNKNOWN for other kinds. */
    EventClass eventClass() {
        return eventClasses[at];
    }

    boolean cpuSample() {
        return cpuSample[at];
    }

    /** The thread a PerfInfo/Sample sampled; only when {@link #cpuSample}. */
    int sampledTid() {
        return sampledTids[at];
    }

    /** A FileIo Create's open path as a text id, for keying what the writer makes of it; -1 when not known. */
    int openPathText() {
        return openPathTexts[at];
    }

    String reason() {
        return reasons[at];
    }

    String place() {
        return places[at];
    }
}
