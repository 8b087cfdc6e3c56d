package io.lockscope.rules;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.TraceFacts;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One verdict per case: the strongest blame among the findings — higher confidence first (a weak
 * lead never outranks a proven failure), then a lock holder before a filter before a registry
 * failure, then the earliest failure. Without blame: inconclusive when a trace shows a failure
 * nothing explains; servicing-failure when the servicing logs record a failure that no trace shows
 * (high confidence: the log states it; the verdict names what failed, not who caused it); no-failure
 * when the traces show the update succeed or, without traces, the servicing logs do; else
 * inconclusive. A log that records a failure is never answered with no-failure.
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
        if (facts.servicing().recordsFailure()) {
            return new Diagnosis.Verdict(VerdictKind.SERVICING_FAILURE, Confidence.HIGH, null);
        }
        boolean servicingSeen = facts.traces().stream().map(TraceFacts::window).anyMatch(Objects::nonNull);
        if (servicingSeen) {
            return new Diagnosis.Verdict(VerdictKind.NO_FAILURE, Confidence.HIGH, null);
        }
        return facts.servicing().hasServicingLog() && Boolean.TRUE.equals(facts.servicing().succeeded())
                ? new Diagnosis.Verdict(VerdictKind.NO_FAILURE, Confidence.MEDIUM, null)
                : new Diagnosis.Verdict(VerdictKind.INCONCLUSIVE, Confidence.LOW, null);
    }
}
