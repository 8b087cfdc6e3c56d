package io.lockscope.analysis;

import io.lockscope.model.EventStore;
import io.lockscope.model.TimeBase;
import io.lockscope.model.Trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tells when the inputs given as one case are several: two servicing logs of the same name (a
 * CBS.log or setupapi.dev.log per machine — rotated {@code CbsPersist_*.log} copies have names of
 * their own), or procmon captures of different boots. Two captures are of one boot when their
 * processes started at the same moments ({@link ClockAlignment}) or, on the same clock, their
 * times overlap (within the 14 h a local clock can be off UTC); captures without dates are taken for
 * one boot, as nothing tells them apart. A split capture is already one trace, and exports of one
 * capture were already reduced to one. Merging several cases would pool their failures into one verdict.
 */
public final class SeveralCases {
    private static final long MAX_ZONE_TICKS = 14L * 3600 * 10_000_000L;

    private SeveralCases() {
    }

    /**
     * Why the inputs are several cases, one line per reason; empty when they are one.
     *
     * @param servicingLogs the servicing logs' input names ({@code case1/CBS.log})
     */
    public static List<String> reasons(List<Trace> traces, List<String> servicingLogs) {
        List<String> reasons = new ArrayList<>();
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (String log : servicingLogs) {
            byName.computeIfAbsent(fileName(log), k -> new ArrayList<>()).add(log);
        }
        byName.forEach((name, logs) -> {
            if (logs.size() > 1) {
                reasons.add(logs.size() + " files named " + name + ": " + String.join(", ", logs));
            }
        });
        List<Trace> procmon = traces.stream().filter(t -> t.format().startsWith("procmon-") && t.size() > 0).toList();
        for (int a = 0; a < procmon.size(); a++) {
            for (int b = a + 1; b < procmon.size(); b++) {
                if (!oneBoot(procmon.get(a), procmon.get(b))) {
                    reasons.add("captures of different boots: " + procmon.get(a).source() + ", "
                            + procmon.get(b).source());
                }
            }
        }
        return reasons;
    }

    static boolean oneBoot(Trace a, Trace b) {
        ClockAlignment clocks = ClockAlignment.between(a, b);
        if (clocks != null && clocks.matches() > 0) {
            return true;
        }
        if (a.timeBase() == TimeBase.TIME_OF_DAY || b.timeBase() == TimeBase.TIME_OF_DAY) {
            return true; // no dates: nothing tells two boots apart
        }
        // local time and UTC differ by the machine's offset, at most 14 h
        long slack = a.timeBase() == b.timeBase() ? 0 : MAX_ZONE_TICKS;
        EventStore x = a.events();
        EventStore y = b.events();
        return x.time(0) - slack <= y.time(y.size() - 1) && y.time(0) - slack <= x.time(x.size() - 1);
    }

    private static String fileName(String input) {
        int slash = Math.max(input.lastIndexOf('/'), input.lastIndexOf('\\'));
        String name = input.substring(slash + 1);
        int bang = name.lastIndexOf('!');
        return name.substring(bang + 1).toLowerCase(Locale.ROOT);
    }
}
