package io.lockscope.rules.builtin;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.FailureAnalysis;
import io.lockscope.analysis.FailureFacts;
import io.lockscope.analysis.TraceFacts;
import io.lockscope.rules.Blame;
import io.lockscope.rules.ConfidenceReason;
import io.lockscope.rules.Mechanism;
import io.lockscope.rules.Args;
import io.lockscope.rules.Finding;
import io.lockscope.rules.Rule;
import io.lockscope.rules.RuleResult;
import io.lockscope.rules.VerdictKind;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A failure no process explains, with a third-party filter driver in the failing I/O's own stack
 * (sure), or only in the stacks of other I/O on the target (a lead, not a proof). A minifilter can
 * deny I/O without holding any handle (servicing.md §3), so this is how an agent shows itself when
 * no process holds the file.
 */
public final class FilterInStackRule extends FailureRule {
    @Override
    public String id() {
        return "filter-in-failing-stack";
    }

    @Override
    public String description() {
        return "A third-party filter driver is in the stack of a failure that no holder explains.";
    }

    @Override
    public Set<String> messageKeys() {
        return Set.of("finding.filter-in-failing-stack", "finding.filter-nested-io", "finding.filter-on-target");
    }

    @Override
    public Set<Requirement> requires() {
        return Set.of(Requirement.FAILURES, Requirement.STACKS);
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("nested-io-before", Rule.seconds(FailureAnalysis.NESTED_IO_TICKS));
    }

    @Override
    public RuleResult evaluate(CaseFacts facts) {
        if (!facts.allFailures().isEmpty()
                && facts.traces().stream().map(TraceFacts::trace).allMatch(t -> t.stacks().size() == 0)) {
            return new RuleResult.NotApplicable("no input has call stacks (use the PML, or an XML export with stacks)");
        }
        return super.evaluate(facts);
    }

    @Override
    List<Finding> findings(CaseFacts facts, FailureFacts f) {
        if (f.explainedByHolder() || f.drivers().isEmpty()) {
            return List.of();
        }
        FailureFacts.StackDriver d = f.drivers().get(0);
        // procmon records the I/O above every anti-virus filter (altitude 385200): its stacks can point at a
        // filter — in the failing I/O or in I/O the filter issued from the same thread just before — never
        // prove that it denied the I/O (lock-semantics.md §5)
        boolean near = d.seen() == FailureFacts.Seen.FAILING_STACK || d.seen() == FailureFacts.Seen.NESTED_IO;
        ConfidenceReason reason = near ? ConfidenceReason.FILTER_SUSPECTED : ConfidenceReason.FILTER_ON_OTHER_IO;
        String key = switch (d.seen()) {
            case FAILING_STACK -> "finding.filter-in-failing-stack";
            case NESTED_IO -> "finding.filter-nested-io";
            default -> "finding.filter-on-target";
        };
        return List.of(new Finding(id(), near ? Finding.Severity.ERROR : Finding.Severity.WARNING, key,
                Args.concat(Args.event(facts, f.input(), f.event()), d.module(), new Args.Names(d.frames())),
                new Blame(VerdictKind.FILTER_INTERFERENCE, Mechanism.FILTER_DENIAL, reason.confidence(), reason, f, null, d),
                List.of(new Finding.Evidence(f.input(), f.event()), new Finding.Evidence(f.input(), d.event()))));
    }
}
