package io.lockscope.analysis;

import io.lockscope.model.EventStore;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.Trace;
import io.lockscope.model.detail.HandleDetail;
import io.lockscope.model.index.OpenIntervals;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who holds a FILE_OBJECT, from the ObTrace handle events on it (etw-formats.md §8.2): a
 * CreateHandle gives the process it runs in a handle, a DuplicateHandle gives the target process
 * one, a CloseHandle takes one away. A process holds the file while it has at least one handle; the
 * first holder from the Create itself (the object's share access is set when the Create
 * completes, before its handle is logged), later ones from the event that gave them a handle. The
 * Create's own process is thus not a holder when it never owns a handle — a filter or a service
 * opening on another process's behalf. When no handle event gives anyone a handle, the Create's
 * process holds the object until its Cleanup.
 */
final class HandleOwners {
    private static final String CLOSE_HANDLE = "Object/CloseHandle";
    /** A handle created, or one open when the trace began (the start rundown). */
    private static final Set<String> GAINS = Set.of("Object/CreateHandle", "Object/HandleDCStart");

    private HandleOwners() {
    }

    /** The HANDLE holds of interval {@code iv}, none of them with inferred pairing. */
    static List<Hold> holds(Trace trace, OpenIntervals.Interval iv, IntArrayList handleEvents, int access, int share) {
        List<Hold> out = new ArrayList<>();
        EventStore e = trace.events();
        Map<Integer, int[]> owners = new LinkedHashMap<>(); // process key → {handles, start event}
        for (int k = 0; k < handleEvents.size(); k++) {
            int ev = handleEvents.get(k);
            HandleDetail d = (HandleDetail) e.detail(ev);
            int owner;
            int delta;
            if (d.targetProcessId() >= 0) {
                owner = processKeyOf(trace, d.targetProcessId(), e.time(ev));
                delta = 1;
            } else {
                owner = e.processKey(ev);
                String name = e.operationName(ev);
                // HandleDCStop, the end rundown, restates open handles: no change
                delta = CLOSE_HANDLE.equals(name) ? -1 : GAINS.contains(name) ? 1 : 0;
            }
            if (owner < 0 || delta == 0) {
                continue;
            }
            int[] state = owners.get(owner);
            if (delta > 0) {
                if (state == null) {
                    state = new int[]{0, owners.isEmpty() ? iv.openEvent() : ev};
                    owners.put(owner, state);
                } else if (state[0] == 0) {
                    state[1] = ev;
                }
                state[0]++;
            } else if (state != null && state[0] > 0 && --state[0] == 0) {
                out.add(new Hold(Hold.Kind.HANDLE, owner, iv.pathId(), state[1], ev, access, share, false));
            }
        }
        if (owners.isEmpty()) {
            // no handle event gave anyone a handle (none logged, or only the end rundown): the opener holds it
            out.add(new Hold(Hold.Kind.HANDLE, iv.processKey(), iv.pathId(), iv.openEvent(), iv.closeEvent(), access,
                    share, false));
            return out;
        }
        owners.forEach((owner, state) -> {
            if (state[0] > 0) {
                out.add(new Hold(Hold.Kind.HANDLE, owner, iv.pathId(), state[1], iv.closeEvent(), access, share,
                        false));
            }
        });
        return out;
    }

    /** The key of the instance of process {@code pid} alive at {@code time}, -1 when the trace has none. */
    private static int processKeyOf(Trace trace, int pid, long time) {
        List<ProcessInfo> all = trace.processes().all();
        int found = -1;
        for (int key = 0; key < all.size(); key++) {
            ProcessInfo p = all.get(key);
            if (p.pid() == pid && (p.startTime() == ProcessInfo.UNKNOWN_TIME || p.startTime() <= time)
                    && (p.endTime() == ProcessInfo.UNKNOWN_TIME || p.endTime() >= time)) {
                found = key;
            }
        }
        return found;
    }
}
