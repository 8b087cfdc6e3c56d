package io.lockscope.rules.builtin;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.FailureFacts;
import io.lockscope.rules.Finding;
import io.lockscope.rules.Rule;
import io.lockscope.rules.RuleResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A rule that looks at each failed servicing operation; not applicable when nothing failed. */
abstract class FailureRule implements Rule {

    /** The findings about one failure (none when the rule has nothing to say about it). */
    abstract List<Finding> findings(CaseFacts facts, FailureFacts failure);

    @Override
    public Set<Requirement> requires() {
        return Set.of(Requirement.FAILURES);
    }

    @Override
    public RuleResult evaluate(CaseFacts facts) {
        List<FailureFacts> failures = facts.allFailures();
        if (failures.isEmpty()) {
            return new RuleResult.NotApplicable("no failed servicing operation on the targets");
        }
        List<Finding> findings = new ArrayList<>();
        for (FailureFacts f : failures) {
            findings.addAll(findings(facts, f));
        }
        return new RuleResult.Findings(findings);
    }

    /** The NTSTATUS of the failure. */
    static int result(CaseFacts facts, FailureFacts f) {
        return facts.trace(f.input()).events().result(f.event());
    }
}
