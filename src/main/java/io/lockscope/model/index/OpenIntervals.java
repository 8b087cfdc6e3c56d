package io.lockscope.model.index;

import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.Trace;
import io.lockscope.model.vocab.NtStatus;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.IntObjectHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Open-handle intervals inferred from a procmon trace: a successful CreateFile opens, the next
 * CloseFile (IRP_MJ_CLEANUP: the last handle of that FILE_OBJECT closed) of the same process on the
 * same path closes, and so does the exit of the process (its handles are closed then).
 *
 * <p>Procmon records no handle or FILE_OBJECT identity (procmon-formats.md §0.2), so when a process
 * has several opens of one path at once, which open a CloseFile ends is inferred: the latest open
 * of the same thread, else the latest open of the process. The interval's start and end times are
 * exact; the pairing is not, and {@link Interval#paired()} says whether the pairing was ambiguous.
 *
 * <p>ETW FileIo events carry the FILE_OBJECT ({@link EventStore#objectId}, etw-formats.md §8): a
 * Create with one is paired with the Cleanup (else the Close) of that same FILE_OBJECT, whatever
 * process or thread the Cleanup runs in — IRP_MJ_CLEANUP comes when the last handle to the object
 * is closed, which may be a duplicate in another process. Such pairs are exact (never ambiguous)
 * and are not ended by a process exit: the Cleanup the exit causes is itself in the trace. The
 * FILE_OBJECT is forgotten at its Close, as the address may then be reused.
 */
public final class OpenIntervals {
    /**
     * @param openEvent  index of the successful CreateFile
     * @param closeEvent index of the CloseFile that ended it, -1 while open at the end of the trace
     * @param ambiguous  the process had other opens of the path when this one was closed
     */
    public record Interval(int openEvent, int closeEvent, int processKey, int pathId, boolean ambiguous) {
        public boolean openAtEnd() {
            return closeEvent < 0;
        }

        /** Whether the pairing of open and close is certain. */
        public boolean paired() {
            return !ambiguous;
        }
    }

    private final List<Interval> intervals;
    private final LongObjectHashMap<List<Interval>> byPath = new LongObjectHashMap<>();
    private final IntObjectHashMap<Interval> byEvent = new IntObjectHashMap<>();

    private OpenIntervals(List<Interval> intervals) {
        this.intervals = Collections.unmodifiableList(intervals);
        for (Interval iv : intervals) {
            byPath.getIfAbsentPut(iv.pathId(), ArrayList::new).add(iv);
            byEvent.put(iv.openEvent(), iv);
            if (iv.closeEvent() >= 0) {
                byEvent.put(iv.closeEvent(), iv);
            }
        }
    }

    /** Builds the intervals of every path in {@code trace}, or only of {@code pathIds} when not null. */
    public static OpenIntervals of(Trace trace, BitSet pathIds) {
        return of(trace, pathIds, id -> id);
    }

    /**
     * As {@link #of(Trace, BitSet)}, with path ids first mapped by {@code canonical} so that
     * spellings of one path that differ only in case pair with each other.
     */
    public static OpenIntervals of(Trace trace, BitSet pathIds, IntUnaryOperator canonical) {
        EventStore e = trace.events();
        LongObjectHashMap<IntArrayList> openByProcessPath = new LongObjectHashMap<>();
        List<Interval> done = new ArrayList<>();
        IntObjectHashMap<List<Long>> keysByProcess = new IntObjectHashMap<>();
        LongIntHashMap openByFileObject = new LongIntHashMap();
        for (int i = 0, n = e.size(); i < n; i++) {
            Operation op = e.operation(i);
            long fileObject = e.objectId(i);
            if (fileObject != 0 && pairByFileObject(e, i, op, fileObject, pathIds, canonical, openByFileObject, done)) {
                continue;
            }
            if (op == Operation.PROCESS_EXIT) {
                // the object manager closes every handle of an exiting process
                List<Long> keys = keysByProcess.remove(e.processKey(i));
                if (keys != null) {
                    for (long key : keys) {
                        IntArrayList open = openByProcessPath.remove(key);
                        if (open != null) {
                            int exit = i;
                            boolean ambiguous = open.size() > 1;
                            open.forEach(o -> done.add(new Interval(o, exit, e.processKey(o),
                                    canonical.applyAsInt(e.pathId(o)), ambiguous)));
                        }
                    }
                }
                continue;
            }
            if (op != Operation.CREATE_FILE && op != Operation.CLOSE_FILE) {
                continue;
            }
            if (pathIds != null && !pathIds.get(e.pathId(i))) {
                continue;
            }
            int path = canonical.applyAsInt(e.pathId(i));
            long key = ((long) e.processKey(i) << 32) | path;
            if (op == Operation.CREATE_FILE) {
                if (e.result(i) == NtStatus.SUCCESS) {
                    IntArrayList open = openByProcessPath.getIfAbsentPut(key, IntArrayList::new);
                    if (open.isEmpty()) {
                        keysByProcess.getIfAbsentPut(e.processKey(i), ArrayList::new).add(key);
                    }
                    open.add(i);
                }
                continue;
            }
            IntArrayList open = openByProcessPath.get(key);
            if (open == null || open.isEmpty()) {
                continue; // opened before the capture started: nothing to pair
            }
            int pick = open.size() - 1;
            for (int k = open.size() - 1; k >= 0; k--) {
                if (e.tid(open.get(k)) == e.tid(i)) {
                    pick = k;
                    break;
                }
            }
            boolean ambiguous = open.size() > 1;
            int openEvent = open.removeAtIndex(pick);
            done.add(new Interval(openEvent, i, e.processKey(i), path, ambiguous));
        }
        openByProcessPath.forEachValue(open -> open.forEach(i ->
                done.add(new Interval(i, -1, e.processKey(i), canonical.applyAsInt(e.pathId(i)), open.size() > 1))));
        openByFileObject.forEachValue(i -> done.add(new Interval(i, -1, e.processKey(i),
                canonical.applyAsInt(e.pathId(i)), false)));
        done.sort((x, y) -> Integer.compare(x.openEvent(), y.openEvent()));
        return new OpenIntervals(done);
    }

    /**
     * Pairs event {@code i}, which carries FILE_OBJECT {@code fileObject}, by that object. Returns
     * whether the event was a Create, Cleanup or Close (so the per-path inference must not see it).
     */
    private static boolean pairByFileObject(EventStore e, int i, Operation op, long fileObject, BitSet pathIds,
                                            IntUnaryOperator canonical, LongIntHashMap openByFileObject,
                                            List<Interval> done) {
        if (op == Operation.CREATE_FILE) {
            if (e.result(i) == NtStatus.SUCCESS && (pathIds == null || pathIds.get(e.pathId(i)))) {
                openByFileObject.put(fileObject, i);
            }
            return true;
        }
        if (op != Operation.CLOSE_FILE && op != Operation.IRP_MJ_CLOSE) {
            return false;
        }
        if (openByFileObject.containsKey(fileObject)) {
            int open = openByFileObject.removeKeyIfAbsent(fileObject, -1);
            done.add(new Interval(open, i, e.processKey(open), canonical.applyAsInt(e.pathId(open)), false));
        }
        return true;
    }

    public List<Interval> all() {
        return intervals;
    }

    public List<Interval> ofPath(int pathId) {
        List<Interval> l = byPath.get(pathId);
        return l == null ? List.of() : Collections.unmodifiableList(l);
    }

    /** The interval opened by event {@code openEvent} or closed by it, or null. */
    public Interval touching(int event) {
        return byEvent.get(event);
    }
}
