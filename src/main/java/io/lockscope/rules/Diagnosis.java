package io.lockscope.rules;

import io.lockscope.analysis.CaseFacts;

import java.util.List;

/**
 * The result of diagnosing one case: every rule's outcome, the findings (errors first), and one verdict.
 */
public record Diagnosis(CaseFacts facts, List<Outcome> outcomes, List<Finding> findings, Verdict verdict) {

    public record Outcome(Rule rule, RuleResult result) {
    }

    /** @param blame the finding's blame the verdict rests on; null for no-failure and inconclusive */
    public record Verdict(VerdictKind kind, Confidence confidence, Blame blame) {
    }
}
