package io.lockscope.model.index;

import io.lockscope.model.EventClass;
import io.lockscope.model.EventStore;
import io.lockscope.model.Glob;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.Trace;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

import java.util.BitSet;
import java.util.List;

/**
 * Selects events of a trace by path and process. Path selectors (file globs, registry-key globs) are
 * OR'ed; process selectors (PIDs, names) are OR'ed; the two groups are AND'ed, so
 * {@code --path *oposdrv* --process TiWorker.exe} is "TiWorker's events on oposdrv".
 * Globs are matched once per distinct path string, not per event.
 */
public final class EventSelector {
    private final List<Glob> paths;
    private final List<Glob> keys;
    private final List<Integer> pids;
    private final List<Glob> processNames;
    private final long from;
    private final long to;

    public EventSelector(List<Glob> paths, List<Glob> keys, List<Integer> pids, List<Glob> processNames,
                         long from, long to) {
        this.paths = List.copyOf(paths);
        this.keys = List.copyOf(keys);
        this.pids = List.copyOf(pids);
        this.processNames = List.copyOf(processNames);
        this.from = from;
        this.to = to;
    }

    /** Indexes of the selected events, in trace order. */
    public IntArrayList select(Trace trace) {
        EventStore events = trace.events();
        BitSet fileHit = matchingStrings(trace, paths);
        BitSet keyHit = matchingStrings(trace, keys);
        BitSet processHit = matchingProcesses(trace);
        boolean anyPath = !paths.isEmpty() || !keys.isEmpty();
        IntArrayList out = new IntArrayList();
        for (int i = 0, n = events.size(); i < n; i++) {
            long t = events.time(i);
            if (t < from || t > to) {
                continue;
            }
            if (processHit != null && !processHit.get(events.processKey(i))) {
                continue;
            }
            if (anyPath) {
                int p = events.pathId(i);
                EventClass cls = events.eventClass(i);
                boolean hit = cls == EventClass.REGISTRY ? keyHit.get(p) : fileHit.get(p);
                if (!hit) {
                    continue;
                }
            }
            out.add(i);
        }
        return out;
    }

    private static BitSet matchingStrings(Trace trace, List<Glob> globs) {
        BitSet hits = new BitSet();
        if (globs.isEmpty()) {
            return hits;
        }
        for (int id = 1, n = trace.strings().size(); id < n; id++) {
            String s = trace.strings().get(id);
            for (Glob g : globs) {
                if (g.matches(s)) {
                    hits.set(id);
                    break;
                }
            }
        }
        return hits;
    }

    private BitSet matchingProcesses(Trace trace) {
        if (pids.isEmpty() && processNames.isEmpty()) {
            return null;
        }
        BitSet hits = new BitSet();
        List<ProcessInfo> all = trace.processes().all();
        for (int key = 0; key < all.size(); key++) {
            ProcessInfo p = all.get(key);
            boolean hit = pids.contains(p.pid());
            for (Glob g : processNames) {
                hit |= g.matches(p.name());
            }
            if (hit) {
                hits.set(key);
            }
        }
        return hits;
    }
}
