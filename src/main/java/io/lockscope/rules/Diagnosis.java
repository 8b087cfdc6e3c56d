package io.lockscope.rules;

import io.lockscope.analysis.CaseFacts;

import java.util.List;

/**
 * The result of diagnosing one case: every rule's outcome, the findings (errors first), and one verdict.
 */
public record Diagnosis(CaseFacts facts, List<Outcome> outcomes, List<Finding> findings, Verdict verdict) {

    public record Outcome(Rule rule, RuleResult result) {
    }

    /**
     * @param confidence the weakest of the proofs the verdict rests on, and {@code reason} why
     * @param blame      the finding's blame the verdict rests on; null for no-failure and inconclusive
     * @param culprits   every process or driver that blocked a failure, strongest proof first; empty
     *                   when the verdict names none
     */
    public record Verdict(VerdictKind kind, Confidence confidence, ConfidenceReason reason, Blame blame,
                          List<Culprit> culprits) {
        public Verdict {
            culprits = List.copyOf(culprits);
        }

        /** A verdict that blames no one. */
        static Verdict unblamed(VerdictKind kind, ConfidenceReason reason) {
            return new Verdict(kind, reason.confidence(), reason, null, List.of());
        }
    }
}
