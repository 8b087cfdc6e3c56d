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

import java.util.ArrayDeque;
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
    /**
     * How the ETW readers name a FileIo UnmapFile (TraceEvent's Task/Opcode), the end of a view that the
     * MapFile typed as CreateFileMapping began.
     */
    static final String UNMAP_VIEW = "FileIO/UnmapFile";

    private final IntObjectHashMap<List<Hold>> byPath = new IntObjectHashMap<>();
    private final Map<Hold, Integer> accessShown = new HashMap<>();

    private Holds() {
    }

    public List<Hold> onPath(int canonicalPathId) {
        List<Hold> l = byPath.get(canonicalPathId);
        return l == null ? List.of() : l;
    }

    /**
     * @param identity which target paths name one file: holds are grouped by file, so that a handle
     *                 opened through one hard link is found at a failure on another
     */
    public static Holds of(Trace trace, Targets targets, FileIdentity identity) {
        Holds holds = new Holds();
        EventStore e = trace.events();
        OpenIntervals intervals = OpenIntervals.of(trace, targets.pathIds(), identity::of);
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
        MappedViews views = new MappedViews();
        List<Hold> locks = new ArrayList<>();
        List<Integer> dispositions = new ArrayList<>();
        for (int i = 0, n = e.size(); i < n; i++) {
            if (!targets.isTarget(e.pathId(i))) {
                continue;
            }
            Operation op = e.operation(i);
            int path = identity.of(e.pathId(i));
            int process = e.processKey(i);
            int result = e.result(i);
            switch (op) {
                case LOAD_IMAGE -> holds.add(new Hold(Hold.Kind.MAPPED_IMAGE, process, path, i,
                        processExit.getIfAbsent(process, -1), -1, -1, false));
                // a section exists once created: success, or the informational "FILE LOCKED WITH …" answers
                case CREATE_FILE_MAPPING -> {
                    if (result == NtStatus.SUCCESS || result == NtStatus.FILE_LOCKED_WITH_ONLY_READERS
                            || result == NtStatus.FILE_LOCKED_WITH_WRITERS) {
                        // procmon does not show unmaps: a view not seen unmapped lasts until its process exits
                        views.mapped(process, path, holds.add(new Hold(Hold.Kind.DATA_SECTION, process, path, i,
                                processExit.getIfAbsent(process, -1), -1, -1, false)));
                    }
                }
                // ETW shows views unmapped: each unmap ends one of the process's views of the file
                case OTHER -> {
                    if (UNMAP_VIEW.equals(e.operationName(i))) {
                        holds.unmap(path, views.unmapped(process, path), i);
                    }
                }
                case LOCK_FILE -> {
                    if (result == NtStatus.SUCCESS) {
                        locks.add(new Hold(Hold.Kind.BYTE_RANGE_LOCK, process, path, i, -1, -1, -1, false));
                    }
                }
                case UNLOCK_FILE_SINGLE, UNLOCK_FILE_ALL, UNLOCK_FILE_BY_KEY ->
                        end(locks, holds, process, path, i, lockMatcher(e, i, op));
                case SET_DISPOSITION_INFORMATION_FILE, SET_DISPOSITION_INFORMATION_EX -> {
                    if (result == NtStatus.SUCCESS && e.detail(i) instanceof DispositionDetail) {
                        dispositions.add(i);
                    }
                }
                case CLOSE_FILE -> end(locks, holds, process, path, i, h -> true);
                default -> {
                }
            }
        }
        locks.forEach(holds::add);
        holds.pendingDeletes(e, identity, dispositions);
        return holds;
    }

    /**
     * The pending deletes of the files: from a delete disposition until the file's last handle open at
     * that moment closes (classic semantics) or until the deleting process's handle closes (POSIX
     * semantics) — or earlier, at a disposition that clears it (undelete).
     */
    private void pendingDeletes(EventStore e, FileIdentity identity, List<Integer> dispositions) {
        Map<Integer, Hold> pending = new HashMap<>();
        for (int d : dispositions) {
            int file = identity.of(e.pathId(d));
            DispositionDetail detail = (DispositionDetail) e.detail(d);
            Hold open = pending.get(file);
            if (!detail.delete()) {
                if (open != null && open.activeAt(d)) {
                    pending.put(file, endAt(open, d));
                }
                continue;
            }
            if (open != null && open.activeAt(d)) {
                continue; // already pending: a second delete changes nothing
            }
            int end = detail.posix() ? deletingHandleClose(file, e.processKey(d), d) : lastHandleClose(file, d);
            Hold h = new Hold(Hold.Kind.PENDING_DELETE, e.processKey(d), file, d, end, -1, -1, false);
            add(h);
            pending.put(file, h);
        }
    }

    /** Ends a pending delete at {@code event} (the disposition that cleared it); the hold as ended. */
    private Hold endAt(Hold h, int event) {
        byPath.get(h.pathId()).remove(h);
        Hold ended = new Hold(h.kind(), h.processKey(), h.pathId(), h.startEvent(), event, h.access(), h.share(), false);
        add(ended);
        return ended;
    }

    /** When the last handle of {@code file} open at {@code event} closes; -1 when one stays open. */
    private int lastHandleClose(int file, int event) {
        int last = event;
        for (Hold h : onPath(file)) {
            if (h.kind() == Hold.Kind.HANDLE && h.startEvent() < event && !h.endedBefore(event)) {
                if (h.endEvent() < 0) {
                    return -1;
                }
                last = Math.max(last, h.endEvent());
            }
        }
        return last;
    }

    /** When {@code process}'s handle of {@code file} open at {@code event} (the deleting one) closes. */
    private int deletingHandleClose(int file, int process, int event) {
        int first = -1;
        for (Hold h : onPath(file)) {
            if (h.kind() == Hold.Kind.HANDLE && h.processKey() == process && h.startEvent() < event
                    && !h.endedBefore(event)) {
                if (h.endEvent() < 0) {
                    return -1;
                }
                first = first < 0 ? h.endEvent() : Math.min(first, h.endEvent());
            }
        }
        return first < 0 ? event : first;
    }

    /** Whether a delete of file {@code file} was pending at {@code event}. */
    public boolean deletePendingAt(int file, int event) {
        return onPath(file).stream().anyMatch(h -> h.kind() == Hold.Kind.PENDING_DELETE && h.activeAt(event));
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

    /** Adds {@code h} to its file's holds; its index there, which stays while {@link #of} scans the trace. */
    private int add(Hold h) {
        List<Hold> onFile = byPath.getIfAbsentPut(h.pathId(), ArrayList::new);
        onFile.add(h);
        return onFile.size() - 1;
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

    /** Ends at {@code event} the view held at {@code index} among {@code path}'s holds; none when -1. */
    private void unmap(int path, int index, int event) {
        if (index < 0) {
            return;
        }
        List<Hold> onFile = byPath.get(path);
        Hold h = onFile.get(index);
        onFile.set(index, new Hold(h.kind(), h.processKey(), h.pathId(), h.startEvent(), event, h.access(), h.share(),
                false));
    }

    /**
     * The data-section views still mapped, by process and file, as indexes into the file's holds: an
     * unmap ends the earliest, found without scanning every view of the trace.
     */
    private static final class MappedViews {
        private final Map<Long, ArrayDeque<Integer>> open = new HashMap<>();

        void mapped(int process, int path, int index) {
            open.computeIfAbsent(key(process, path), k -> new ArrayDeque<>()).addLast(index);
        }

        /** The index of the earliest view of {@code process} on {@code path} still mapped, now ended; -1 when none. */
        int unmapped(int process, int path) {
            ArrayDeque<Integer> views = open.get(key(process, path));
            return views == null || views.isEmpty() ? -1 : views.pollFirst();
        }

        private static long key(int process, int path) {
            return (long) process << 32 | path & 0xFFFFFFFFL;
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
