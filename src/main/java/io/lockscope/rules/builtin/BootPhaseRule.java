package io.lockscope.rules.builtin;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.TraceFacts;
import io.lockscope.model.servicing.ServicingFailure;
import io.lockscope.model.servicing.ServicingPhase;
import io.lockscope.rules.Args;
import io.lockscope.rules.Finding;
import io.lockscope.rules.Rule;
import io.lockscope.rules.RuleResult;

import java.util.List;
import java.util.Set;

/**
 * A failure CBS logs in shutdown processing ({@code Shtd:}) happened before the reboot. Procmon's boot
 * logging starts at the next boot, so a boot log of that boot cannot contain the failing I/O; only a
 * boot log armed one boot earlier, with procmon not started in between, runs through the failing
 * shutdown (lock-semantics.md §2.1 "Timing", §6 item 8).
 */
public final class BootPhaseRule implements Rule {
    @Override
    public String id() {
        return "boot-phase";
    }

    @Override
    public String description() {
        return "A Shtd: failure is in the shutdown before the reboot: a boot log of the next boot cannot hold it; how to capture it.";
    }

    @Override
    public Set<String> messageKeys() {
        return Set.of("finding.boot-phase.shutdown", "finding.boot-phase.shutdown.other-failures", "finding.boot-phase.shutdown.no-trace");
    }

    @Override
    public Set<Requirement> requires() {
        return Set.of(Requirement.SERVICING_LOGS);
    }

    @Override
    public RuleResult evaluate(CaseFacts facts) {
        ServicingFailure f = facts.servicing().recordsFailure() ? facts.servicing().failure() : null;
        if (f == null || f.phase() != ServicingPhase.SHUTDOWN) {
            return new RuleResult.NotApplicable("the servicing logs record no failure in shutdown processing");
        }
        String where = f.input() + ":" + f.line();
        if (facts.traces().isEmpty()) {
            return new RuleResult.Findings(List.of(new Finding(id(), Finding.Severity.INFO,
                    "finding.boot-phase.shutdown.no-trace", List.of(where), null, List.of())));
        }
        Args.Names traces = new Args.Names(facts.traces().stream().map(TraceFacts::trace).map(t -> t.source()).toList());
        boolean failuresShown = !facts.allFailures().isEmpty();
        return new RuleResult.Findings(List.of(new Finding(id(), Finding.Severity.WARNING,
                failuresShown ? "finding.boot-phase.shutdown.other-failures" : "finding.boot-phase.shutdown",
                List.of(where, traces), null, List.of())));
    }
}
