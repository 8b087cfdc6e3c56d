package io.lockscope.ingest.etw;

import io.lockscope.ingest.etw.etl.TraceRecord;
import io.lockscope.ingest.etw.kernel.KernelGroups;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Call stacks of an ETL, gathered in the first pass and handed to the events they belong to in the
 * second. StackWalk records name their event by its raw timestamp and thread (layouts checked on
 * PerfView's net.4.5.2.x64.etl; names from PerfView KernelTraceEventParser):
 *
 * <pre>
 * 32 Stack            u64 EventTimeStamp, u32 StackProcess, u32 StackThread, ptr Stack[n]
 * 37 StackKeyKernel   u64 EventTimeStamp, u32 StackProcess, u32 StackThread, ptr StackKey
 * 38 StackKeyUser     same; the user-mode part, often logged later than the kernel part
 * 35 KeyDelete        ptr StackKey, ptr Stack[n]: the definition of a cached stack when evicted
 * 36 KeyRundown       same, for the keys still cached at the end of the trace
 * </pre>
 * A key is defined after the references to it and may be reused after its deletion, so each
 * reference takes the next definition of its key.
 */
final class StackCollector {
    private static final int STACK = 32;
    private static final int KEY_DELETE = 35;
    private static final int KEY_RUNDOWN = 36;
    private static final int KEY_KERNEL = 37;
    private static final int KEY_USER = 38;

    private record EventRef(long rawTime, int tid) {
    }

    /** The kernel part (innermost) and user part of one event's stack. */
    private static final class Parts {
        long[] kernel;
        long[] user;
    }

    private record Pending(Parts parts, boolean user) {
    }

    private final Map<EventRef, Parts> byEvent = new HashMap<>();
    private final LongObjectHashMap<List<Pending>> pendingByKey = new LongObjectHashMap<>();
    private long references;
    private long resolved;

    void visit(TraceRecord r) {
        if (r.kind() != TraceRecord.Kind.KERNEL || r.group() != KernelGroups.STACK_WALK) {
            return;
        }
        int p = r.pointerSize();
        switch (r.type()) {
            case STACK -> {
                Parts parts = parts(r);
                long[] frames = addresses(r, 16, p);
                if (frames.length > 0 && frames[0] < 0) {
                    parts.kernel = frames;
                } else {
                    parts.user = frames;
                }
            }
            case KEY_KERNEL, KEY_USER -> {
                long key = r.pointer(16);
                references++;
                pendingByKey.getIfAbsentPut(key, ArrayList::new).add(new Pending(parts(r), r.type() == KEY_USER));
            }
            case KEY_DELETE, KEY_RUNDOWN -> {
                List<Pending> waiting = pendingByKey.remove(r.pointer(0));
                if (waiting != null) {
                    long[] frames = addresses(r, p, p);
                    for (Pending w : waiting) {
                        if (w.user) {
                            w.parts.user = frames;
                        } else {
                            w.parts.kernel = frames;
                        }
                        resolved++;
                    }
                }
            }
            default -> {
            }
        }
    }

    private Parts parts(TraceRecord r) {
        return byEvent.computeIfAbsent(new EventRef(r.i64(0), r.i32(12)), k -> new Parts());
    }

    private static long[] addresses(TraceRecord r, int from, int pointerSize) {
        int n = Math.max(0, (r.payloadLength() - from) / pointerSize);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.pointer(from + i * pointerSize);
        }
        return out;
    }

    /**
     * The frames (innermost first) of the event logged at {@code rawTime} by thread {@code tid}, or
     * null when no stack names it. Each stack is handed out once.
     */
    long[] take(long rawTime, int tid) {
        if (byEvent.isEmpty()) {
            return null;
        }
        Parts parts = byEvent.remove(new EventRef(rawTime, tid));
        if (parts == null || (parts.kernel == null && parts.user == null)) {
            return null;
        }
        long[] kernel = parts.kernel == null ? new long[0] : parts.kernel;
        long[] user = parts.user == null ? new long[0] : parts.user;
        long[] all = new long[kernel.length + user.length];
        System.arraycopy(kernel, 0, all, 0, kernel.length);
        System.arraycopy(user, 0, all, kernel.length, user.length);
        return all;
    }

    /** Key references (37/38) seen, and how many found their definition (35/36). */
    long references() {
        return references;
    }

    long resolvedReferences() {
        return resolved;
    }
}
