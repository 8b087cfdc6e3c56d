package io.lockscope.ingest.procmon.pml;

import io.lockscope.format.procmon.pml.PmlOperations;
import io.lockscope.ingest.BadInputException;
import io.lockscope.model.PoolIds;
import io.lockscope.model.StackTable;
import io.lockscope.model.StringPool;
import io.lockscope.model.TraceBuilder;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.DetailCodec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
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

    /**
     * What another thread's part read: its rows, in order, where its reading ended, and its undecoded blobs;
     * {@code spare} takes the rows back once they are in the trace.
     */
    record Part(List<Rows> rows, long assumedPreviousEnd, State state, PmlDetails.Undecoded undecoded,
                StringPool strings, StackTable stacks, Queue<Rows> spare) {
    }

    /**
     * Reads events {@code [from, to)} on the calling thread with {@code decoder}, which interns into
     * {@code strings} and {@code stacks}, into rows from {@code spare} where it has some (else new ones);
     * gives up at a batch's end once {@code stopping}.
     */
    static Part read(MappedFile in, long offsets, long from, long to, PmlEventDecoder decoder, StringPool strings,
                     StackTable stacks, Queue<Rows> spare, BooleanSupplier stopping, String name) {
        State state = new State();
        long assumed = from == 0 ? 0 : Math.max(0, decoder.recordEnd(in.u32(offsets + 5 * (from - 1))));
        state.previousEnd = assumed;
        Collector rows = new Collector(strings, spare, stopping);
        decode(in, offsets, from, to, decoder, rows, rows, state, name, at -> { });
        rows.all.add(rows.filling);
        return new Part(rows.all, assumed, state, decoder.details().takeUndecoded(), strings, stacks, spare);
    }

    /** Fills batches of rows, another one when the last is full. */
    private static final class Collector implements PmlEventDecoder.Sink, Skips {
        private final StringPool strings;
        private final Queue<Rows> spare;
        private final BooleanSupplier stopping;
        private final List<Rows> all = new ArrayList<>();
        private Rows filling;

        Collector(StringPool strings, Queue<Rows> spare, BooleanSupplier stopping) {
            this.strings = strings;
            this.spare = spare;
            this.stopping = stopping;
            this.filling = empty();
        }

        /**
         * Rows the reading thread is done with, or new ones: a part's rows wait in memory until taken, and
         * new ones every part would be copied by young collections and promoted, part after part.
         */
        private Rows empty() {
            Rows rows = spare.poll();
            return rows != null ? rows : new Rows(strings);
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
                filling = empty();
            }
            return filling;
        }
    }

    /**
     * Decoded events (or skips) of another thread's part, with the size its pool had after them. Details are
     * packed here, their texts interned into that pool, so that only a {@link DetailCodec#rich} one stays
     * an object: a part's rows wait in memory, and objects waiting are what young collections copy.
     */
    static final class Rows implements PmlEventDecoder.Sink {
        private final StringPool strings;
        /** Packs into {@link #strings}; never asked to pack a rich detail, so without a list of them. */
        private final DetailCodec codec;
        private final DetailCodec.Packed packed = new DetailCodec.Packed();
        int size;
        final long[] time = new long[ROWS];
        final long[] duration = new long[ROWS];
        final int[] key = new int[ROWS];
        final int[] tid = new int[ROWS];
        final PmlOperations.Name[] name = new PmlOperations.Name[ROWS];
        final int[] pmlClass = new int[ROWS];
        final int[] result = new int[ROWS];
        final int[] pathId = new int[ROWS];
        final byte[] detailKind = new byte[ROWS];
        final long[] detailA = new long[ROWS];
        final long[] detailB = new long[ROWS];
        final int[] detailC = new int[ROWS];
        final int[] detailD = new int[ROWS];
        /** Non-null for a rich detail, which is not packed. */
        final Detail[] rich = new Detail[ROWS];
        final int[] stackId = new int[ROWS];
        /** The pool's size after the last row: the texts these rows' decoding added end there. */
        int poolEnd;
        /** Non-null for a skipped record. */
        final Skip[] skip = new Skip[ROWS];

        Rows(StringPool strings) {
            this.strings = strings;
            this.codec = new DetailCodec(strings, List.of());
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
            if (DetailCodec.rich(det)) {
                rich[i] = det;
            } else {
                codec.pack(det, packed);
                detailKind[i] = (byte) packed.kind;
                detailA[i] = packed.a;
                detailB[i] = packed.b;
                detailC[i] = packed.c;
                detailD[i] = packed.d;
            }
            stackId[i] = stack;
            poolEnd = strings.size();
        }

        void skip(String reason, String where) {
            int i = size++;
            skip[i] = new Skip(reason, where);
            poolEnd = strings.size();
        }

        /** Empties the rows for another batch. */
        void clear() {
            Arrays.fill(rich, 0, size, null);
            Arrays.fill(skip, 0, size, null);
            size = 0;
            poolEnd = 0;
        }
    }

    /**
     * Puts another thread's part into the trace, in order: each batch's new texts first, in the order that
     * thread made them, then its events (or skips, to {@code skips}), each event's new stack before it.
     */
    static final class Taker {
        private final TraceBuilder builder;
        private final PmlEventDecoder.TraceSink into;
        private final Skips skips;
        private final DetailCodec.Packed packed = new DetailCodec.Packed();
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

        Taker(TraceBuilder builder, PmlEventDecoder.TraceSink into, Skips skips) {
            this.builder = builder;
            this.into = into;
            this.skips = skips;
        }

        void take(Part part) {
            Source source = sources.computeIfAbsent(part.strings(), pool -> new Source(part));
            for (Rows rows : part.rows()) {
                // the rows' new texts first, in the order that thread made them: adding the rows interns nothing
                source.ids.upTo(rows.poolEnd);
                for (int i = 0; i < rows.size; i++) {
                    Skip skip = rows.skip[i];
                    if (skip != null) {
                        skips.skip(skip.reason(), skip.where());
                        continue;
                    }
                    int path = source.ids.applyAsInt(rows.pathId[i]);
                    int stack = source.stack(rows.stackId[i]);
                    if (rows.rich[i] != null) {
                        into.event(rows.time[i], rows.duration[i], rows.key[i], rows.tid[i], rows.name[i],
                                rows.pmlClass[i], rows.result[i], path, rows.rich[i], stack);
                        continue;
                    }
                    packed.kind = rows.detailKind[i];
                    packed.a = rows.detailA[i];
                    packed.b = rows.detailB[i];
                    packed.c = rows.detailC[i];
                    packed.d = rows.detailD[i];
                    DetailCodec.mapTexts(packed, source.ids);
                    into.event(rows.time[i], rows.duration[i], rows.key[i], rows.tid[i], rows.name[i], rows.pmlClass[i],
                            rows.result[i], path, packed, stack);
                }
                rows.clear();
                part.spare().add(rows);
            }
        }
    }
}
