package io.lockscope.analysis;

import io.lockscope.model.EventStore;
import io.lockscope.model.Trace;

import java.util.BitSet;

/**
 * Where the reboot-phase update happens in a trace: from the first to the last event of a servicing
 * process on a driver-servicing object (DriverStore, WinSxS dual component, published INF,
 * DriverDatabase, DRIVERS hive). Null when the trace shows no such activity.
 *
 * @param firstEvent index of the first such event
 * @param lastEvent  index of the last such event
 * @param events     how many such events
 */
public record ServicingWindow(int firstEvent, int lastEvent, long events) {

    public static ServicingWindow of(Trace trace) {
        EventStore e = trace.events();
        int first = -1;
        int last = -1;
        long count = 0;
        BitSet checked = new BitSet();
        BitSet driverObject = new BitSet();
        for (int i = 0, n = e.size(); i < n; i++) {
            int p = e.pathId(i);
            if (!checked.get(p)) {
                checked.set(p);
                if (p != 0 && DriverPackagePaths.classify(e.path(i)) != null) {
                    driverObject.set(p);
                }
            }
            if (driverObject.get(p) && ServicingProcesses.isServicing(trace.process(i).name())) {
                if (first < 0) {
                    first = i;
                }
                last = i;
                count++;
            }
        }
        return first < 0 ? null : new ServicingWindow(first, last, count);
    }

    public boolean contains(int event) {
        return event >= firstEvent && event <= lastEvent;
    }
}
