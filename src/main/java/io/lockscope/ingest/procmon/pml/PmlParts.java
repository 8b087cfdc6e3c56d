package io.lockscope.ingest.procmon.pml;

import io.lockscope.format.procmon.pml.PmlOperations;
import io.lockscope.ingest.BadInputException;
import io.lockscope.model.PoolIds;
import io.lockscope.model.StackTable;
import io.lockscope.model.StringPool;
import io.lockscope.model.TraceBuilder;
import io.lockscope.model.detail.Detail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * The events of a PML read in parts, ranges of the event offsets array, by {@link io.lockscope.ingest.PartThreads}.
 * Events depend on no event before them but for one rule, that a record must not begin inside the one
 * read before it: a part read on another thread assumes the record before its first is that one, and
 * the reading thread checks the assumption when it takes the part (else reads it again itself). Another
 * thread's part is decoded with a pool and a stack table of its own; its texts and stacks are put into the
 * trace's in the order its events made them, which is the order a read in one part makes them.
 */
final class PmlParts {
    /** Events a part has at least: fewer cost more in threads than they give. */
    static final long MIN_PART_EVENTS = 1 << 17;
    /** Events between two progress reports, less one (a mask). */
    static final long PROGRESS_EVERY = (1 << 16) - 1;
    private static final int ROWS = 8192;

    private PmlParts() {
    }

    /** Where a skipped record is told. */
    interface Skips {
        void skip(String reason, String where);
    }

    /** A skipped record of another thread's part, told when the part is taken. */
    record Skip(String reason, String where) {
    }

    /** How far the events of a range have been read. */
    static final class State {
        long read;
        /** Where the last record read ends: a record that begins before it is skipped. */
        long previousEnd;
    }

    /**
     * Decodes events {@code [from, to)} of the offsets array at {@code offsets} into {@code sink}, skips
     * told to {@code skips}; {@code progress} is told the record offset every 65,536 events.
     */
    static void decode(MappedFile in, long offsets, long from, long to, PmlEventDecoder decoder,
                       PmlEventDecoder.Sink sink, Skips skips, State state, String name, LongConsumer progress) {
        for (long i = from; i < to; i++) {
            long at = in.u32(offsets + 5 * i);
            // procmon appends events one after the other: an offset into an earlier record is an entry
            // pointing at bytes already read, which would let a small file decode one large record any number of times
            if (at < state.previousEnd) {
                skips.skip("PML event record inside the one before it",
                        name + ": event " + i + " at " + BadInputException.byteOffset(at));
                continue;
            }
            try {
                decoder.decode(at, sink);
                state.previousEnd = decoder.recordEnd(at);
                state.read++;
            } catch (PmlFormatException e) {
                skips.skip("unreadable PML event record",
                        name + ": event " + i + " at " + BadInputException.byteOffset(e.offset()) + ": " + e.getMessage());
            }
            if ((i & PROGRESS_EVERY) == 0) {
                progress.accept(at);
            }
        }
    }

    /** What another thread's part read: its rows, in order, where its reading ended, and its undecoded blobs. */
    record Part(List<Rows> rows, long assumedPreviousEnd, State state, PmlDetails.Undecoded undecoded,
                StringPool strings, StackTable stacks) {
    }

    /**
     * Reads events {@code [from, to)} on the calling thread with {@code decoder}, which interns into
     * {@code strings} and {@code stacks}; gives up at a batch's end once {@code stopping}.
     */
    static Part read(MappedFile in, long offsets, long from, long to, PmlEventDecoder decoder, StringPool strings,
                     StackTable stacks, BooleanSupplier stopping, String name) {
        State state = new State();
        long assumed = from == 0 ? 0 : Math.max(0, decoder.recordEnd(in.u32(offsets + 5 * (from - 1))));
        state.previousEnd = assumed;
        Collector rows = new Collector(strings, stopping);
        decode(in, offsets, from, to, decoder, rows, rows, state, name, at -> { });
        rows.all.add(rows.filling);
        return new Part(rows.all, assumed, state, decoder.details().takeUndecoded(), strings, stacks);
    }

    /** Fills batches of rows, a new one when the last is full. */
    private static final class Collector implements PmlEventDecoder.Sink, Skips {
        private final StringPool strings;
        private final BooleanSupplier stopping;
        private final List<Rows> all = new ArrayList<>();
        private Rows filling;

        Collector(StringPool strings, BooleanSupplier stopping) {
            this.strings = strings;
            this.stopping = stopping;
            this.filling = new Rows(strings);
        }

        @Override
        public void event(long time, long duration, int key, int tid, PmlOperations.Name name, int pmlClass,
                          int result, int pathId, Detail detail, int stackId) {
            room().event(time, duration, key, tid, name, pmlClass, result, pathId, detail, stackId);
        }

        @Override
        public void skip(String reason, String where) {
            room().skip(reason, where);
        }

        private Rows room() {
            if (filling.size == ROWS) {
                if (stopping.getAsBoolean()) {
                    throw new IllegalStateException("stopped");
                }
                all.add(filling);
                filling = new Rows(strings);
            }
            return filling;
        }
    }

    /** Decoded events (or skips) of another thread's part, with the size its pool had after each. */
    static final class Rows implements PmlEventDecoder.Sink {
        private final StringPool strings;
        int size;
        final long[] time = new long[ROWS];
        final long[] duration = new long[ROWS];
        final int[] key = new int[ROWS];
        final int[] tid = new int[ROWS];
        final PmlOperations.Name[] name = new PmlOperations.Name[ROWS];
        final int[] pmlClass = new int[ROWS];
        final int[] result = new int[ROWS];
        final int[] pathId = new int[ROWS];
        final Detail[] detail = new Detail[ROWS];
        final int[] stackId = new int[ROWS];
        /** The pool's size after the row: the texts its decoding added end there. */
        final int[] poolEnd = new int[ROWS];
        /** Non-null for a skipped record. */
        final Skip[] skip = new Skip[ROWS];

        Rows(StringPool strings) {
            this.strings = strings;
        }

        @Override
        public void event(long t, long d, int k, int thread, PmlOperations.Name n, int c, int r, int path, Detail det,
                          int stack) {
            int i = size++;
            time[i] = t;
            duration[i] = d;
            key[i] = k;
            tid[i] = thread;
            name[i] = n;
            pmlClass[i] = c;
            result[i] = r;
            pathId[i] = path;
            detail[i] = det;
            stackId[i] = stack;
            poolEnd[i] = strings.size();
        }

        void skip(String reason, String where) {
            int i = size++;
            skip[i] = new Skip(reason, where);
            poolEnd[i] = strings.size();
        }
    }

    /**
     * Puts another thread's part into the trace, in order: each row's new texts and stacks first, in the
     * order that thread made them, then its event (or its skip, to {@code skips}).
     */
    static final class Taker {
        private final TraceBuilder builder;
        private final PmlEventDecoder.Sink into;
        private final Skips skips;
        /** By thread (its pool): what its texts and stacks are in the trace. */
        private final Map<StringPool, Source> sources = new IdentityHashMap<>();

        /** One thread's texts and stacks in the trace. */
        private final class Source {
            final PoolIds ids;
            final StackTable stacks;
            /** By stack id there: the id here + 1, 0 until first used. */
            int[] stackIds = new int[0];

            Source(Part first) {
                this.ids = new PoolIds(first.strings(), builder.strings());
                this.stacks = first.stacks();
            }

            int stack(int id) {
                if (id == StackTable.NONE) {
                    return id;
                }
                if (id >= stackIds.length) {
                    stackIds = Arrays.copyOf(stackIds, Math.max(id + 1, stackIds.length * 2));
                }
                if (stackIds[id] == 0) {
                    List<StackTable.Frame> frames = stacks.frames(id);
                    int[] frameIds = new int[frames.size()];
                    for (int f = 0; f < frameIds.length; f++) {
                        frameIds[f] = builder.stacks().frameId(frames.get(f));
                    }
                    stackIds[id] = builder.stacks().stackId(frameIds) + 1;
                }
                return stackIds[id] - 1;
            }
        }

        Taker(TraceBuilder builder, PmlEventDecoder.Sink into, Skips skips) {
            this.builder = builder;
            this.into = into;
            this.skips = skips;
        }

        void take(Part part) {
            Source source = sources.computeIfAbsent(part.strings(), pool -> new Source(part));
            for (Rows rows : part.rows()) {
                for (int i = 0; i < rows.size; i++) {
                    source.ids.upTo(rows.poolEnd[i]);
                    Skip skip = rows.skip[i];
                    if (skip != null) {
                        skips.skip(skip.reason(), skip.where());
                        continue;
                    }
                    into.event(rows.time[i], rows.duration[i], rows.key[i], rows.tid[i], rows.name[i], rows.pmlClass[i],
                            rows.result[i], source.ids.applyAsInt(rows.pathId[i]), rows.detail[i],
                            source.stack(rows.stackId[i]));
                }
            }
        }
    }
}
