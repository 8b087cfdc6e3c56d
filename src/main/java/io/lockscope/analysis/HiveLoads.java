package io.lockscope.analysis;

import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.Trace;

/**
 * Loading a hive (RegLoadKey of {@code HKLM\DRIVERS}) opens its file: when another process holds
 * {@code config\DRIVERS} without sharing, that open fails first, on the loading thread, and the load
 * fails with it. The file's failure is the one to explain; the load's follows from it.
 */
public final class HiveLoads {
    /** How far before the load its file open can be: the load opens the file at once. */
    static final long WINDOW_TICKS = 10_000_000L;

    private HiveLoads() {
    }

    /** Whether event {@code i} loads or unloads a registry hive. */
    public static boolean isHiveLoad(Operation op) {
        return op == Operation.REG_LOAD_KEY || op == Operation.REG_LOAD_KEY2 || op == Operation.REG_UNLOAD_KEY;
    }

    /**
     * The failed open of a hive file by the same thread within {@link #WINDOW_TICKS} before the failed
     * hive load {@code load}, or -1 when there is none.
     */
    public static int fileFailureBefore(Trace trace, int load) {
        EventStore e = trace.events();
        if (!isHiveLoad(e.operation(load))) {
            return -1;
        }
        for (int i = load - 1; i >= 0 && e.time(load) - e.time(i) <= WINDOW_TICKS; i--) {
            if (e.tid(i) == e.tid(load) && e.processKey(i) == e.processKey(load) && Failures.isFailure(e.operation(i), e.result(i))) {
                DriverPackagePaths.Match m = DriverPackagePaths.classify(e.path(i));
                if (m != null && m.kind() == DriverPackagePaths.Kind.DRIVERS_HIVE_FILE) {
                    return i;
                }
            }
        }
        return -1;
    }
}
