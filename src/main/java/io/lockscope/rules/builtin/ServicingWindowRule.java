package io.lockscope.rules.builtin;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.TraceFacts;
import io.lockscope.rules.Finding;
import io.lockscope.rules.Rule;
import io.lockscope.rules.RuleResult;
import io.lockscope.rules.TimeRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Where in each trace the reboot-phase driver servicing ran, so the sequence can be read in context. */
public final class ServicingWindowRule implements Rule {
    @Override
    public String id() {
        return "servicing-window";
    }

    @Override
    public String description() {
        return "The span in which servicing processes worked on driver-package objects, per trace.";
    }

    @Override
    public Set<String> messageKeys() {
        return Set.of("finding.servicing-window", "finding.servicing-window.none");
    }

    @Override
    public Set<Requirement> requires() {
        return Set.of(Requirement.TRACE_EVENTS);
    }

    @Override
    public RuleResult evaluate(CaseFacts facts) {
        if (facts.traces().isEmpty()) {
            return new RuleResult.NotApplicable("no trace in the case");
        }
        List<Finding> findings = new ArrayList<>();
        for (TraceFacts t : facts.traces()) {
            if (t.window() == null) {
                findings.add(new Finding(id(), Finding.Severity.WARNING, "finding.servicing-window.none",
                        List.of(t.trace().source()), null, List.of()));
            } else {
                findings.add(new Finding(id(), Finding.Severity.INFO, "finding.servicing-window",
                        List.of(t.trace().source(), new TimeRef(t.input(), t.trace().events().time(t.window().firstEvent())),
                                new TimeRef(t.input(), t.trace().events().time(t.window().lastEvent())),
                                t.window().events()), null,
                        List.of(new Finding.Evidence(t.input(), t.window().firstEvent()),
                                new Finding.Evidence(t.input(), t.window().lastEvent()))));
            }
        }
        return new RuleResult.Findings(findings);
    }
}
