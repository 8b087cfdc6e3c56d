package io.lockscope.rules.builtin;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.FailureFacts;
import io.lockscope.analysis.Failures;
import io.lockscope.analysis.HiveLoads;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.rules.Args;
import io.lockscope.rules.Finding;

import java.util.List;
import java.util.Set;

/**
 * A failure with neither a holder nor a filter to explain it. Says what is missing to explain it:
 * stacks (a CSV export has none), or the open itself (it may predate the capture or be done by a
 * filter below procmon's altitude, which procmon cannot see — procmon-formats.md §7.5).
 */
public final class UnexplainedFailureRule extends FailureRule {
    @Override
    public String id() {
        return "unexplained-failure";
    }

    @Override
    public String description() {
        return "A failed servicing operation that no holder or filter in the inputs explains, and what would explain it.";
    }

    @Override
    public Set<String> messageKeys() {
        return Set.of("finding.unexplained-failure", "finding.unexplained-failure.kernel-holder", "finding.unexplained-failure.no-stacks");
    }

    @Override
    List<Finding> findings(CaseFacts facts, FailureFacts f) {
        int result = result(facts, f);
        if (f.explainedByHolder() || !f.drivers().isEmpty() || !f.filterCalls().isEmpty()
                || Failures.isRegistryDamage(result) || HiveLoads.fileFailureBefore(facts.trace(f.input()), f.event()) >= 0) {
            return List.of();
        }
        boolean noStacks = facts.trace(f.input()).stacks().size() == 0;
        String key = holderExpected(result) && !SystemProcessEventsRule.hasSystemEvents(facts.trace(f.input())) ? "finding.unexplained-failure.kernel-holder"
                : noStacks ? "finding.unexplained-failure.no-stacks" : "finding.unexplained-failure";
        return List.of(new Finding(id(), Finding.Severity.WARNING, key,
                Args.event(facts, f.input(), f.event()), null, List.of(new Finding.Evidence(f.input(), f.event()))));
    }

    /** Results that only an open handle or a mapping produces: someone held the file. */
    private static boolean holderExpected(int result) {
        return result == NtStatus.SHARING_VIOLATION || result == NtStatus.DELETE_PENDING
                || result == NtStatus.CANNOT_DELETE || result == NtStatus.USER_MAPPED_FILE;
    }
}
