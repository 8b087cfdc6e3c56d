package io.lockscope.analysis;

import io.lockscope.model.Paths;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.Trace;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the clock of one trace relates to another's when both captured the same boot (a procmon boot
 * log and a WPR trace, say): the offset that maps the first's times onto the second's, from the
 * start times of the processes both saw — the same PID with the same image name. The median of those
 * differences is taken, so a few PIDs reused in between do not move it; the spread says how well
 * the starts agree.
 *
 * @param offsetTicks add to a time of {@code first} to get the time of {@code second}
 * @param matches     processes whose start both traces recorded
 * @param spreadTicks largest distance of a match from the median
 */
public record ClockAlignment(long offsetTicks, int matches, long spreadTicks) {
    /** Two starts further apart than this from the median are not the same process instance. */
    static final long OUTLIER_TICKS = 10L * 10_000_000L;

    /** The alignment of {@code second} to {@code first}, or null when no process start matches. */
    public static ClockAlignment between(Trace first, Trace second) {
        Map<String, Long> starts = new HashMap<>();
        for (ProcessInfo p : first.processes().all()) {
            if (p.startTime() != ProcessInfo.UNKNOWN_TIME) {
                starts.putIfAbsent(key(p), p.startTime());
            }
        }
        LongArrayList offsets = new LongArrayList();
        for (ProcessInfo p : second.processes().all()) {
            Long s = p.startTime() == ProcessInfo.UNKNOWN_TIME ? null : starts.get(key(p));
            if (s != null) {
                offsets.add(p.startTime() - s);
            }
        }
        if (offsets.isEmpty()) {
            return null;
        }
        offsets.sortThis();
        long median = offsets.get(offsets.size() / 2);
        int matches = 0;
        long spread = 0;
        for (int i = 0; i < offsets.size(); i++) {
            long d = Math.abs(offsets.get(i) - median);
            if (d <= OUTLIER_TICKS) {
                matches++;
                spread = Math.max(spread, d);
            }
        }
        return new ClockAlignment(median, matches, spread);
    }

    /** The pairs of inputs worth aligning: every trace with every later one. */
    public static List<int[]> pairs(int traces) {
        List<int[]> out = new ArrayList<>();
        for (int a = 0; a < traces; a++) {
            for (int b = a + 1; b < traces; b++) {
                out.add(new int[] {a, b});
            }
        }
        return out;
    }

    private static String key(ProcessInfo p) {
        return p.pid() + "/" + Paths.normalize(p.name() == null ? "" : p.name());
    }
}
