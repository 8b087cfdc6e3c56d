package io.lockscope.rules;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.TraceFacts;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One verdict per case: the strongest blame among the findings — higher confidence first (a weak
 * lead never outranks a proven failure), then a lock holder before a filter before a registry
 * failure, then the earliest failure. Without blame the
 * case is inconclusive when something failed or the traces do not show the driver update at all,
 * and no-failure when they show it succeed.
 */
final class Verdicts {
    private Verdicts() {
    }

    static Diagnosis.Verdict decide(CaseFacts facts, List<Finding> findings) {
        Blame best = findings.stream()
                .map(Finding::blame)
                .filter(Objects::nonNull)
                .min(Comparator.comparing(Blame::confidence)
                        .thenComparing(Blame::kind)
                        .thenComparingInt((Blame b) -> b.failure().input())
                        .thenComparingInt(b -> b.failure().event()))
                .orElse(null);
        if (best != null) {
            return new Diagnosis.Verdict(best.kind(), best.confidence(), best);
        }
        if (!facts.allFailures().isEmpty()) {
            return new Diagnosis.Verdict(VerdictKind.INCONCLUSIVE, Confidence.LOW, null);
        }
        boolean servicingSeen = facts.traces().stream().map(TraceFacts::window).anyMatch(Objects::nonNull);
        return servicingSeen
                ? new Diagnosis.Verdict(VerdictKind.NO_FAILURE, Confidence.HIGH, null)
                : new Diagnosis.Verdict(VerdictKind.INCONCLUSIVE, Confidence.LOW, null);
    }
}
