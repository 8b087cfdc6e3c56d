package io.lockscope.analysis;

import io.lockscope.model.Trace;

import java.util.ArrayList;
import java.util.List;

/**
 * The analysed case: what the rules read. Built once by {@link #analyse}, read-only afterwards.
 *
 * @param targetNames  the INF names or globs the diagnosis is about (empty when none could be found)
 * @param targetSource where they came from
 */
public record CaseFacts(List<String> targetNames, Targets.Source targetSource, List<TraceFacts> traces,
                        Attribution attribution) {

    /**
     * Analyses the traces of one case. Without {@code targetNames} the target is inferred from the
     * failures of servicing processes on driver-package objects in the traces.
     */
    public static CaseFacts analyse(List<Trace> traces, List<String> targetNames, Attribution attribution) {
        List<String> names = targetNames;
        Targets.Source source = Targets.Source.USER;
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
        return new CaseFacts(List.copyOf(names), source, facts, attribution);
    }

    public List<FailureFacts> allFailures() {
        return traces.stream().flatMap(t -> t.failures().stream()).toList();
    }

    public Trace trace(int input) {
        return traces.get(input).trace();
    }
}
