package io.lockscope.ingest.etw;

import io.lockscope.ingest.etw.etl.TraceRecord;
import io.lockscope.ingest.etw.kernel.KernelGroups;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;
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
 *
 * <p>A boot trace can stack-walk millions of events, so the references are primitive columns (about
 * 40 bytes each) and the frames of a key definition are shared by every reference to it.
 */
final class StackCollector {
    private static final int STACK = 32;
    private static final int KEY_DELETE = 35;
    private static final int KEY_RUNDOWN = 36;
    private static final int KEY_KERNEL = 37;
    private static final int KEY_USER = 38;
    private static final int NONE = -1;
    private static final long[] NO_FRAMES = new long[0];

    /** Per stack-walked event (a "reference"): its time, thread, and the frame lists of its two parts. */
    private final LongArrayList refTime = new LongArrayList();
    private final IntArrayList refTid = new IntArrayList();
    private final IntArrayList refKernel = new IntArrayList();
    private final IntArrayList refUser = new IntArrayList();
    /** Raw time → the first reference with it. */
    private final LongIntHashMap firstByTime = new LongIntHashMap();
    /**
     * The references whose time an earlier one on another thread has. A real trace has few (two
     * threads' events in one clock tick), but a file may hold any number at one time, so they are
     * found by time and thread at once, not by walking the ones before them.
     */
    private final Map<TimeAndThread, Integer> laterByTimeAndThread = new HashMap<>();
    /** Frame lists, innermost first, shared by the references to one key definition. */
    private final List<long[]> frameLists = new ArrayList<>();
    /** Key → references waiting for its definition, each as reference &lt;&lt; 1 | (1 for the user part). */
    private final LongObjectHashMap<IntArrayList> pendingByKey = new LongObjectHashMap<>();
    private long references;
    private long resolved;

    /**
     * Comparable, so that a bin of equal hash codes (which a file can choose) is a tree searched in
     * logarithmic time rather than a list.
     */
    private record TimeAndThread(long time, int tid) implements Comparable<TimeAndThread> {
        @Override
        public int compareTo(TimeAndThread o) {
            int byTime = Long.compare(time, o.time);
            return byTime != 0 ? byTime : Integer.compare(tid, o.tid);
        }
    }

    void visit(TraceRecord r) {
        if (r.kind() != TraceRecord.Kind.KERNEL || r.group() != KernelGroups.STACK_WALK) {
            return;
        }
        int p = r.pointerSize();
        switch (r.type()) {
            case STACK -> {
                int ref = reference(r.i64(0), r.i32(12));
                long[] frames = addresses(r, 16, p);
                boolean kernel = frames.length > 0 && isKernel(frames[0], p);
                (kernel ? refKernel : refUser).set(ref, frameList(frames));
            }
            case KEY_KERNEL, KEY_USER -> {
                int ref = reference(r.i64(0), r.i32(12));
                references++;
                pendingByKey.getIfAbsentPut(r.pointer(16), IntArrayList::new)
                        .add(ref << 1 | (r.type() == KEY_USER ? 1 : 0));
            }
            case KEY_DELETE, KEY_RUNDOWN -> {
                IntArrayList waiting = pendingByKey.remove(r.pointer(0));
                if (waiting != null) {
                    int list = frameList(addresses(r, p, p));
                    for (int i = 0; i < waiting.size(); i++) {
                        int w = waiting.get(i);
                        ((w & 1) != 0 ? refUser : refKernel).set(w >>> 1, list);
                    }
                    resolved += waiting.size();
                }
            }
            default -> {
            }
        }
    }

    /** Whether {@code address} is in kernel space (the upper half of the address space). */
    static boolean isKernel(long address, int pointerSize) {
        return pointerSize == 8 ? address < 0 : (address & 0x80000000L) != 0;
    }

    private int frameList(long[] frames) {
        frameLists.add(frames);
        return frameLists.size() - 1;
    }

    /** The reference of the event at {@code rawTime} on {@code tid}, made on first sight. */
    private int reference(long rawTime, int tid) {
        int found = find(rawTime, tid);
        if (found != NONE) {
            return found;
        }
        int ref = refTime.size();
        refTime.add(rawTime);
        refTid.add(tid);
        refKernel.add(NONE);
        refUser.add(NONE);
        if (firstByTime.containsKey(rawTime)) {
            laterByTimeAndThread.put(new TimeAndThread(rawTime, tid), ref);
        } else {
            firstByTime.put(rawTime, ref);
        }
        return ref;
    }

    private int find(long rawTime, int tid) {
        int first = firstByTime.getIfAbsent(rawTime, NONE);
        if (first == NONE || refTid.get(first) == tid) {
            return first;
        }
        Integer later = laterByTimeAndThread.get(new TimeAndThread(rawTime, tid));
        return later == null ? NONE : later;
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
     * The frames (innermost first: kernel part, then user part) of the event logged at {@code rawTime}
     * by thread {@code tid}, or null when no stack names it. Each stack is handed out once.
     */
    long[] take(long rawTime, int tid) {
        if (refTime.isEmpty()) {
            return null;
        }
        int ref = find(rawTime, tid);
        if (ref == NONE || (refKernel.get(ref) == NONE && refUser.get(ref) == NONE)) {
            return null;
        }
        long[] kernel = refKernel.get(ref) == NONE ? NO_FRAMES : frameLists.get(refKernel.get(ref));
        long[] user = refUser.get(ref) == NONE ? NO_FRAMES : frameLists.get(refUser.get(ref));
        refKernel.set(ref, NONE);
        refUser.set(ref, NONE);
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
