package io.lockscope.ingest.procmon.pml;

import io.lockscope.format.procmon.pml.PmlOperations;
import io.lockscope.model.EventClass;
import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.StringPool;
import io.lockscope.model.TraceBuilder;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.DetailCodec;
import io.lockscope.model.vocab.NtStatus;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;

import static io.lockscope.format.procmon.pml.PmlLayout.*;

/**
 * Decodes one PML event record: the fixed header, the stack, the path (which lives inside the class's
 * detail blob) and the typed detail (via {@link PmlDetails}), handed to a {@link Sink}: the
 * {@link TraceBuilder} ({@link TraceSink}), or rows that wait for the parts of the file before them.
 *
 * <p>Event record (procmon-formats.md §1.8; eronnen/procmon-parser stream_logs_format.py):
 * <pre>
 * 0x00 u32 process index        0x14 u64 duration (100 ns)     0x2C u32 detail size
 * 0x04 u32 thread id            0x1C u64 FILETIME (UTC)        0x30 u32 extra-detail offset from the
 * 0x08 u16 event class (+pad)   0x24 u32 NTSTATUS result                record start (0 = none)
 * 0x0C u16 operation (+u16)     0x28 u16 stack depth (+u16)    0x34 pointer[depth] return addresses,
 * 0x10 u32 sequence number                                              then the detail blob
 * </pre>
 * The extra detail is {@code u16 size} + bytes at its offset. Reusable buffers only: nothing is
 * allocated per event except what the model keeps (new strings, new stacks, the detail record).
 */
final class PmlEventDecoder {
    /** Where a decoded event goes; {@code name} is null for an operation PmlOperations does not know. */
    interface Sink {
        void event(long time, long duration, int key, int tid, PmlOperations.Name name, int pmlClass, int result,
                   int pathId, Detail detail, int stackId);
    }

    private final MappedFile in;
    private final boolean wide;
    private final int pointerSize;
    private final IntIntHashMap keyByProcessIndex;
    private final StackInterner stacks;
    private final PmlOperations operations;
    private final PmlDetails details;

    /** A decoder whose texts go into {@code strings} and stacks into {@code stacks}' table. */
    PmlEventDecoder(MappedFile in, PmlHeader header, PmlTables tables, StringPool strings,
                    IntIntHashMap keyByProcessIndex, StackInterner stacks, PmlOperations operations) {
        this.in = in;
        this.wide = header.is64bit();
        this.pointerSize = header.pointerSize();
        this.keyByProcessIndex = keyByProcessIndex;
        this.stacks = stacks;
        this.operations = operations;
        this.details = new PmlDetails(in, header, tables, strings);
    }

    /** Adds each event to a trace, keeping procmon's name (and class) of an operation the model has no name for. */
    static final class TraceSink implements Sink {
        private final TraceBuilder builder;

        TraceSink(TraceBuilder builder) {
            this.builder = builder;
        }

        @Override
        public void event(long time, long duration, int key, int tid, PmlOperations.Name name, int pmlClass,
                          int result, int pathId, Detail detail, int stackId) {
            named(builder.addEvent(time, duration, key, tid, operation(name), result, pathId, detail, stackId), name,
                    pmlClass);
        }

        /** An event whose detail another thread packed ({@link TraceBuilder#addPackedEvent}). */
        void event(long time, long duration, int key, int tid, PmlOperations.Name name, int pmlClass, int result,
                   int pathId, DetailCodec.Packed detail, int stackId) {
            named(builder.addPackedEvent(time, duration, key, tid, operation(name), result, pathId, detail, stackId),
                    name, pmlClass);
        }

        private static Operation operation(PmlOperations.Name name) {
            return name == null ? Operation.OTHER : name.operation();
        }

        private void named(int event, PmlOperations.Name name, int pmlClass) {
            if (name == null) {
                builder.setOperationName(event, PmlOperations.UNKNOWN);
                builder.setEventClass(event, eventClass(pmlClass));
            } else if (name.operation() == Operation.OTHER) {
                builder.setOperationName(event, name.text());
                builder.setEventClass(event, name.eventClass());
            } else if (!name.text().equals(name.operation().procmonName())) {
                builder.setOperationName(event, name.text());
            }
        }
    }

    PmlDetails details() {
        return details;
    }

    /**
     * Where the record at {@code at} ends (its detail or its extra detail, whichever is later), or -1
     * when it runs past the end of the file: how a file without its event-offsets array is walked.
     */
    long recordEnd(long at) {
        if (!in.fits(at, EVENT_HEADER_SIZE)) {
            return -1;
        }
        long end = at + EVENT_HEADER_SIZE + (long) in.u16(at + E_STACK_DEPTH) * pointerSize + in.u32(at + E_DETAIL_SIZE);
        long extraOffset = in.u32(at + E_EXTRA_OFFSET);
        if (extraOffset != 0) {
            if (!in.fits(at + extraOffset, 2)) {
                return -1;
            }
            end = Math.max(end, at + extraOffset + 2 + in.u16(at + extraOffset));
        }
        return end <= in.size() ? end : -1;
    }

    /** Decodes the event at {@code at} into {@code sink}; throws {@link PmlFormatException} when its record is unreadable. */
    void decode(long at, Sink sink) {
        if (!in.fits(at, EVENT_HEADER_SIZE)) {
            throw new PmlFormatException(at, "event header runs past the end of the file");
        }
        int processIndex = in.i32(at);
        int key = keyByProcessIndex.getIfAbsent(processIndex, -1);
        if (key < 0) {
            throw new PmlFormatException(at, "event names process index " + Integer.toUnsignedString(processIndex)
                    + ", which the process table does not have");
        }
        int tid = in.i32(at + E_TID);
        int eventClass = in.u16(at + E_CLASS);
        int operation = in.u16(at + E_OPERATION);
        long duration = in.i64(at + E_DURATION);
        long time = in.i64(at + E_TIME);
        int result = in.i32(at + E_RESULT);
        int depth = in.u16(at + E_STACK_DEPTH);
        long detailSize = in.u32(at + E_DETAIL_SIZE);
        long extraOffset = in.u32(at + E_EXTRA_OFFSET);
        long stackAt = at + EVENT_HEADER_SIZE;
        long detailAt = stackAt + (long) depth * pointerSize;
        if (!in.fits(stackAt, (long) depth * pointerSize + detailSize)) {
            throw new PmlFormatException(at, "event of " + depth + " stack frames and " + detailSize
                    + " detail bytes runs past the end of the file");
        }
        long extraAt = -1;
        int extraSize = 0;
        if (extraOffset != 0) {
            if (!in.fits(at + extraOffset, 2)) {
                throw new PmlFormatException(at + E_EXTRA_OFFSET, "extra detail offset " + extraOffset + " is past the end of the file");
            }
            extraSize = in.u16(at + extraOffset);
            extraAt = at + extraOffset + 2;
            if (!in.fits(extraAt, extraSize)) {
                throw new PmlFormatException(at + extraOffset, "extra detail of " + extraSize
                        + " bytes runs past the end of the file");
            }
        }
        int stackId = stacks.intern(key, in, stackAt, depth, wide);
        if (result == NtStatus.PENDING) {
            // procmon leaves Duration empty for operations pending at capture end; the stored value is garbage
            duration = EventStore.NO_DURATION;
        }

        PmlDetails.Decoded d = details.decode(eventClass, operation, tid, detailAt, detailSize, extraAt, extraSize);
        PmlOperations.Name name = eventClass == PmlOperations.CLASS_NETWORK
                ? operations.network(operation, d.tcp())
                : operations.name(eventClass, operation, d.subOperation());
        sink.event(time, duration, key, tid, name, eventClass, result, d.pathId(), d.detail(), stackId);
    }

    private static EventClass eventClass(int pmlClass) {
        switch (pmlClass) {
            case PmlOperations.CLASS_PROCESS:
                return EventClass.PROCESS;
            case PmlOperations.CLASS_REGISTRY:
                return EventClass.REGISTRY;
            case PmlOperations.CLASS_FILE_SYSTEM:
                return EventClass.FILE_SYSTEM;
            case PmlOperations.CLASS_PROFILING:
                return EventClass.PROFILING;
            case PmlOperations.CLASS_NETWORK:
                return EventClass.NETWORK;
            default:
                return EventClass.UNKNOWN;
        }
    }
}
