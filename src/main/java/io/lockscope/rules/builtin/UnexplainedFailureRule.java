package io.lockscope.rules.builtin;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.FailureFacts;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.rules.Finding;
import io.lockscope.rules.Rule;
import io.lockscope.rules.RuleResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A failure with neither a holder nor a filter to explain it. Says what is missing to explain it:
 * stacks (a CSV export has none), or the open itself (it may predate the capture or be done by a
 * filter below procmon's altitude, which procmon cannot see — procmon-formats.md §7.5).
 */
public final class UnexplainedFailureRule implements Rule {
    @Override
    public String id() {
        return "unexplained-failure";
    }

    @Override
    public String description() {
        return "A failed servicing operation that no holder or filter in the inputs explains, and what would explain it.";
    }

    @Override
    public Set<Requirement> requires() {
        return Set.of(Requirement.FAILURES);
    }

    @Override
    public RuleResult evaluate(CaseFacts facts) {
        if (facts.allFailures().isEmpty()) {
            return new RuleResult.NotApplicable("no failed servicing operation on the targets");
        }
        List<Finding> findings = new ArrayList<>();
        for (FailureFacts f : facts.allFailures()) {
            int result = facts.trace(f.input()).events().result(f.event());
            if (f.explainedByHolder() || !f.drivers().isEmpty() || !f.filterCalls().isEmpty()
                    || result == NtStatus.REGISTRY_CORRUPT || result == NtStatus.REGISTRY_IO_FAILED) {
                continue;
            }
            boolean noStacks = facts.trace(f.input()).stacks().size() == 0;
            findings.add(new Finding(id(), Finding.Severity.WARNING,
                    noStacks ? "finding.unexplained-failure.no-stacks" : "finding.unexplained-failure",
                    Args.event(facts, f.input(), f.event()), null, List.of(new Finding.Evidence(f.input(), f.event()))));
        }
        return new RuleResult.Findings(findings);
    }
}
