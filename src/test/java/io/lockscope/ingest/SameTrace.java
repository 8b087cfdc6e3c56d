package io.lockscope.ingest;

import io.lockscope.model.EventStore;
import io.lockscope.model.StackTable;
import io.lockscope.model.Trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Whether a file read in parts on several threads gave the trace a read in one part gives. */
public final class SameTrace {
    private SameTrace() {
    }

    /**
     * Asserts that {@code parts} has {@code one}'s events (every column, path, detail and stack frames by
     * value), processes, time base, skips, warnings and cut; {@code one} must record no decoder choice.
     */
    public static void assertSame(Trace one, Trace parts, String file) {
        List<String> a = rows(one);
        List<String> b = rows(parts);
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            assertEquals(a.get(i), b.get(i), file + ", event " + i);
        }
        assertEquals(a.size(), b.size(), file + ": events");
        assertEquals(one.processes().size(), parts.processes().size(), file + ": processes");
        for (int k = 0; k < one.processes().size(); k++) {
            assertEquals(one.processes().get(k), parts.processes().get(k), file + ": process " + k);
        }
        assertEquals(one.timeBase(), parts.timeBase(), file);
        assertEquals(one.report().skippedByReason(), parts.report().skippedByReason(), file + ": skips");
        assertEquals(one.report().warnings(), parts.report().warnings(), file + ": warnings");
        assertEquals(one.report().truncation(), parts.report().truncation(), file + ": cut");
        assertEquals(one.report().firstDamage(), parts.report().firstDamage(), file + ": first damage");
        assertEquals(Map.of(), one.report().decoders(), file + ": read in one part");
    }

    /** Every column of every event as text, path and detail by value, the stack as its frames. */
    public static List<String> rows(Trace t) {
        EventStore e = t.events();
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < e.size(); i++) {
            int stack = e.stackId(i);
            rows.add(e.time(i) + "|" + e.duration(i) + "|" + e.processKey(i) + "|" + e.tid(i) + "|" + e.result(i)
                    + "|" + e.path(i) + "|" + e.operationName(i) + "|" + e.eventClass(i) + "|" + e.objectId(i)
                    + "|" + e.irp(i) + "|" + e.fileKey(i) + "|" + e.detailKind(i) + "|" + e.detail(i)
                    + "|" + (stack == StackTable.NONE ? "" : t.stacks().frames(stack)));
        }
        return rows;
    }
}
