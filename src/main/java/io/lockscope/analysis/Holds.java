package io.lockscope.analysis;

import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.Trace;
import io.lockscope.model.detail.CreateFileDetail;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.DispositionDetail;
import io.lockscope.model.detail.LockDetail;
import io.lockscope.model.index.OpenIntervals;
import io.lockscope.model.vocab.NtStatus;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.IntObjectHashMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Every {@link Hold} on the target files of one trace, grouped by canonical path. Built in one pass
 * over the trace plus the open intervals.
 *
 * <p>An open whose events carry a FILE_OBJECT (ETW) is held by the processes that own handles to
 * that object, as the ObTrace handle events show ({@link HandleOwners}); without handle events, by
 * the process that issued the Create, until the object's Cleanup.
 */
public final class Holds {
    private final IntObjectHashMap<List<Hold>> byPath = new IntObjectHashMap<>();
    private final Map<Hold, Integer> accessShown = new HashMap<>();

    private Holds() {
    }

    public List<Hold> onPath(int canonicalPathId) {
        List<Hold> l = byPath.get(canonicalPathId);
        return l == null ? List.of() : l;
    }

    public static Holds of(Trace trace, Targets targets) {
        Holds holds = new Holds();
        EventStore e = trace.events();
        OpenIntervals intervals = OpenIntervals.of(trace, targets.pathIds(), targets::canonical);
        FileObjectEvidence evidence = FileObjectEvidence.of(e, intervals);
        for (OpenIntervals.Interval iv : intervals.all()) {
            int access = -1;
            int share = -1;
            int known = 0;
            if (e.detail(iv.openEvent()) instanceof CreateFileDetail cf) {
                access = cf.desiredAccess();
                share = cf.shareMode();
                known = ShareAccess.impliedByCreate(cf);
            }
            long fileObject = e.objectId(iv.openEvent());
            if (fileObject == 0) {
                holds.add(new Hold(Hold.Kind.HANDLE, iv.processKey(), iv.pathId(), iv.openEvent(), iv.closeEvent(),
                        access, share, iv.ambiguous()), known);
                continue;
            }
            known |= evidence.accessShown(iv);
            for (Hold h : HandleOwners.holds(trace, iv, evidence.handleEvents(iv), access, share)) {
                holds.add(h, known);
            }
        }
        IntIntHashMap processExit = processExits(e);
        List<Hold> locks = new ArrayList<>();
        List<Hold> deletes = new ArrayList<>();
        for (int i = 0, n = e.size(); i < n; i++) {
            if (!targets.isTarget(e.pathId(i))) {
                continue;
            }
            Operation op = e.operation(i);
            int path = targets.canonical(e.pathId(i));
            int process = e.processKey(i);
            boolean ok = e.result(i) == NtStatus.SUCCESS;
            switch (op) {
                case LOAD_IMAGE -> holds.add(new Hold(Hold.Kind.MAPPED_IMAGE, process, path, i,
                        processExit.getIfAbsent(process, -1), -1, -1, false));
                case LOCK_FILE -> {
                    if (ok) {
                        locks.add(new Hold(Hold.Kind.BYTE_RANGE_LOCK, process, path, i, -1, -1, -1, false));
                    }
                }
                case UNLOCK_FILE_SINGLE, UNLOCK_FILE_ALL, UNLOCK_FILE_BY_KEY ->
                        end(locks, holds, process, path, i, lockMatcher(e, i, op));
                case SET_DISPOSITION_INFORMATION_FILE, SET_DISPOSITION_INFORMATION_EX -> {
                    if (ok && e.detail(i) instanceof DispositionDetail d) {
                        if (d.delete()) {
                            deletes.add(new Hold(Hold.Kind.PENDING_DELETE, process, path, i, -1, -1, -1, false));
                        } else {
                            end(deletes, holds, process, path, i, h -> true);
                        }
                    }
                }
                case CLOSE_FILE -> {
                    end(locks, holds, process, path, i, h -> true);
                    end(deletes, holds, process, path, i, h -> true);
                }
                default -> {
                }
            }
        }
        locks.forEach(holds::add);
        deletes.forEach(holds::add);
        return holds;
    }

    /**
     * Share-relevant access bits a HANDLE hold is known to have although its ACCESS_MASK was not
     * recorded (ETW logs none): what its CreateOptions require, and what successful I/O on its
     * FILE_OBJECT proves ({@link ShareAccess#impliedByCreate}, {@link FileObjectEvidence}). A lower
     * bound: the real access may be more. 0 when nothing is known.
     */
    public int accessShown(Hold h) {
        return accessShown.getOrDefault(h, 0);
    }

    private void add(Hold h) {
        byPath.getIfAbsentPut(h.pathId(), ArrayList::new).add(h);
    }

    private void add(Hold h, int knownAccess) {
        add(h);
        if (knownAccess != 0) {
            accessShown.put(h, knownAccess);
        }
    }

    /** Ends the pending holds of {@code process} on {@code path} that {@code which} accepts. */
    private static void end(List<Hold> pending, Holds holds, int process, int path, int event,
                            Predicate<Hold> which) {
        for (Iterator<Hold> it = pending.iterator(); it.hasNext(); ) {
            Hold h = it.next();
            if (h.processKey() == process && h.pathId() == path && which.test(h)) {
                it.remove();
                holds.add(new Hold(h.kind(), h.processKey(), h.pathId(), h.startEvent(), event, h.access(), h.share(),
                        false));
            }
        }
    }

    /** UnlockFileSingle releases the lock of the same range; the other unlocks release all. */
    private static Predicate<Hold> lockMatcher(EventStore e, int unlock, Operation op) {
        if (op != Operation.UNLOCK_FILE_SINGLE || !(e.detail(unlock) instanceof LockDetail u)) {
            return h -> true;
        }
        return h -> {
            Detail d = e.detail(h.startEvent());
            return d instanceof LockDetail l && l.offset() == u.offset() && l.length() == u.length();
        };
    }

    private static IntIntHashMap processExits(EventStore e) {
        IntIntHashMap exits = new IntIntHashMap();
        for (int i = 0, n = e.size(); i < n; i++) {
            if (e.operation(i) == Operation.PROCESS_EXIT) {
                exits.put(e.processKey(i), i);
            }
        }
        return exits;
    }
}
