package io.lockscope.rules.builtin;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.model.servicing.PackageOrder;
import io.lockscope.model.servicing.ServicingFacts;
import io.lockscope.rules.Finding;
import io.lockscope.rules.Rule;
import io.lockscope.rules.RuleResult;

import java.util.List;
import java.util.Set;

/**
 * The INF CBS blames is often only the first package whose active version changes in the update
 * (oposdrv.inf and miradisp.inf on 17763: servicing.md §0.1): when a filter blocks driver servicing
 * generically, whichever INF comes first fails. Says so, so that nobody "fixes" the INF.
 */
public final class FailingInfIncidentalRule implements Rule {
    @Override
    public String id() {
        return "failing-inf-incidental";
    }

    @Override
    public String description() {
        return "The failing INF is the first package whose active version changes in this update: blame the blocker, not the INF.";
    }

    @Override
    public Set<String> messageKeys() {
        return Set.of("finding.failing-inf-incidental");
    }

    @Override
    public Set<Requirement> requires() {
        return Set.of(Requirement.SERVICING_LOGS);
    }

    @Override
    public RuleResult evaluate(CaseFacts facts) {
        ServicingFacts s = facts.servicing();
        if (s.failingInf() == null || s.failingInfIsFirstChanged() == null) {
            return new RuleResult.NotApplicable("the servicing logs name no failing INF or no driver-update order");
        }
        if (!s.failingInfIsFirstChanged()) {
            return new RuleResult.Findings(List.of());
        }
        return new RuleResult.Findings(List.of(new Finding(id(), Finding.Severity.INFO, "finding.failing-inf-incidental",
                List.of(s.failingInf(), PackageOrder.shortened(s.driverUpdateOrder(), s.failingInf())), null, List.of())));
    }
}
