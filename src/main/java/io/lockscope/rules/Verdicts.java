package io.lockscope.rules;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.TraceFacts;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One verdict per case. Its kind is that of the strongest blame among the findings — higher
 * confidence first (a weak lead never outranks a proven failure), then a lock holder before a filter
 * before a registry failure, then the earliest failure. Its culprits are every blocker the findings
 * blame as surely as the verdict needs (two agents holding the file are both named: fixing one leaves
 * the update failing), and its confidence is the weakest of their proofs. Without blame:
 * inconclusive when a trace shows a failure nothing explains; servicing-failure when the servicing
 * logs record a failure that no trace shows (high confidence: the log states it; the verdict names
 * what failed, not who caused it); no-failure when the traces show the update succeed or, without
 * traces, the servicing logs do; else inconclusive. A log that records a failure never gets no-failure.
 */
final class Verdicts {
    private static final Comparator<Blame> STRONGEST_FIRST = Comparator.comparing(Blame::confidence)
            .thenComparing(Blame::kind)
            .thenComparingInt((Blame b) -> b.failure().input())
            .thenComparingInt(b -> b.failure().event());

    private Verdicts() {
    }

    static Diagnosis.Verdict decide(CaseFacts facts, List<Finding> findings) {
        List<Blame> blames = findings.stream().map(Finding::blame).filter(Objects::nonNull).sorted(STRONGEST_FIRST)
                .toList();
        if (!blames.isEmpty()) {
            Blame best = blames.get(0);
            List<Culprit> culprits = Culprits.of(facts, blames.stream().filter(b -> sureEnough(b, best)).toList());
            // a registry failure is sure from its own status, whoever else is named
            Blame weakest = culprits.isEmpty() || !best.namesBlocker() ? best : culprits.get(culprits.size() - 1).blame();
            Blame primary = culprits.isEmpty() ? best : culprits.get(0).blame();
            return new Diagnosis.Verdict(best.kind(), weakest.confidence(), weakest.reason(), primary, culprits);
        }
        if (!facts.allFailures().isEmpty()) {
            return Diagnosis.Verdict.unblamed(VerdictKind.INCONCLUSIVE, ConfidenceReason.NOTHING_EXPLAINS);
        }
        if (facts.targetMatchesNothing()) {
            // the logs may record a failure, but not one the traces could show for this target
            return Diagnosis.Verdict.unblamed(VerdictKind.INCONCLUSIVE, ConfidenceReason.TARGET_UNMATCHED);
        }
        if (facts.servicing().recordsFailure()) {
            return Diagnosis.Verdict.unblamed(VerdictKind.SERVICING_FAILURE, ConfidenceReason.LOGS_RECORD_FAILURE);
        }
        boolean servicingSeen = facts.traces().stream().map(TraceFacts::window).anyMatch(Objects::nonNull);
        if (servicingSeen) {
            return Diagnosis.Verdict.unblamed(VerdictKind.NO_FAILURE, ConfidenceReason.NO_FAILURE_SEEN);
        }
        return facts.servicing().hasServicingLog() && Boolean.TRUE.equals(facts.servicing().succeeded())
                ? Diagnosis.Verdict.unblamed(VerdictKind.NO_FAILURE, ConfidenceReason.LOGS_REPORT_SUCCESS)
                : Diagnosis.Verdict.unblamed(VerdictKind.INCONCLUSIVE, ConfidenceReason.UPDATE_NOT_SEEN);
    }

    /**
     * Whether a blame is sure enough to name its blocker beside the strongest one: a blocker of a
     * failure (holder or filter) at least as sure as the strongest blame, or medium when that is
     * higher — a low lead is named only when nothing surer is known.
     */
    private static boolean sureEnough(Blame b, Blame best) {
        if (b.kind() != VerdictKind.LOCK_HOLDER && b.kind() != VerdictKind.FILTER_INTERFERENCE) {
            return false;
        }
        Confidence floor = best.confidence().compareTo(Confidence.MEDIUM) < 0 ? Confidence.MEDIUM : best.confidence();
        return b.confidence().compareTo(floor) <= 0;
    }
}
