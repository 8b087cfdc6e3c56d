package io.lockscope.analysis;

import io.lockscope.model.Trace;
import io.lockscope.model.TraceTime;
import io.lockscope.model.servicing.ServicingFacts;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The analysed case: what the rules read. Built once by {@link #analyse}, read-only afterwards.
 *
 * @param targetNames  the INF names or globs the diagnosis is about (empty when none could be found)
 * @param targetSource where they came from
 * @param servicing    what the servicing logs say ({@link ServicingFacts#EMPTY} when none was read)
 */
public record CaseFacts(List<String> targetNames, Targets.Source targetSource, List<TraceFacts> traces,
                        ServicingFacts servicing, Attribution attribution) {

    /** Analyses traces without servicing logs. */
    public static CaseFacts analyse(List<Trace> traces, List<String> targetNames, Attribution attribution) {
        return analyse(traces, ServicingFacts.EMPTY, targetNames, attribution);
    }

    /**
     * Analyses one case. Without {@code targetNames} the target is the INF the servicing logs say
     * failed, else it is inferred from the failures of servicing processes on driver-package objects
     * in the traces.
     */
    public static CaseFacts analyse(List<Trace> traces, ServicingFacts servicing, List<String> targetNames,
                                    Attribution attribution) {
        List<String> names = targetNames;
        Targets.Source source = Targets.Source.USER;
        if ((names == null || names.isEmpty()) && servicing.failingInf() != null) {
            names = List.of(servicing.failingInf().toLowerCase(Locale.ROOT));
            source = servicing.failure() != null && servicing.failure().failingInf() != null
                    ? Targets.Source.CBS_LOG : Targets.Source.SETUPAPI_LOG;
        }
        if (names == null || names.isEmpty()) {
            source = Targets.Source.TRACE;
            List<String> inferred = new ArrayList<>();
            for (Trace t : traces) {
                for (String inf : Targets.inferFromFailures(t)) {
                    if (!inferred.contains(inf)) {
                        inferred.add(inf);
                    }
                }
            }
            names = inferred;
        }
        List<TraceFacts> facts = new ArrayList<>();
        for (int i = 0; i < traces.size(); i++) {
            Trace t = traces.get(i);
            Targets targets = Targets.select(t, names, source);
            List<FailureFacts> failures = names.isEmpty() ? List.of()
                    : new FailureAnalysis(t, i, targets, attribution, true).failures();
            facts.add(new TraceFacts(i, t, targets, ServicingWindow.of(t), failures));
        }
        return new CaseFacts(List.copyOf(names), source, facts, servicing, attribution);
    }

    /** Whether the user's {@code --target} selects nothing in any trace (false without traces or without --target). */
    public boolean targetMatchesNothing() {
        return targetSource == Targets.Source.USER && !traces.isEmpty()
                && traces.stream().noneMatch(t -> t.targets().namesMatched());
    }

    public List<FailureFacts> allFailures() {
        return traces.stream().flatMap(t -> t.failures().stream()).toList();
    }

    public Trace trace(int input) {
        return traces.get(input).trace();
    }

    /**
     * Where a servicing log's local time falls on the first trace's clock, in its ticks; null when the
     * two cannot be related. A local-time trace (a procmon export with dates) shares the log's clock; a
     * UTC trace (PML, ETL) needs the log's UTC offset (CBS.log states it) or the trace's zone; a
     * time-of-day trace compares times of day.
     */
    public Long traceTicks(LocalDateTime local) {
        if (local == null || traces.isEmpty() || trace(0).size() == 0) {
            return null;
        }
        Trace t = trace(0);
        switch (t.timeBase()) {
            case LOCAL:
                return TraceTime.fromInstant(local.toInstant(ZoneOffset.UTC));
            case UTC: {
                ZoneOffset zone = servicing.cbsUtcOffset() != null ? servicing.cbsUtcOffset() : t.zone();
                return zone == null ? null : TraceTime.fromInstant(local.toInstant(zone));
            }
            default:
                return local.toLocalTime().toNanoOfDay() / 100;
        }
    }
}
