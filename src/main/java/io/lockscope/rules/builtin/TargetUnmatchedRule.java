package io.lockscope.rules.builtin;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.DriverPackagePaths;
import io.lockscope.analysis.ServicingProcesses;
import io.lockscope.analysis.Targets;
import io.lockscope.analysis.TraceFacts;
import io.lockscope.model.EventStore;
import io.lockscope.model.Trace;
import io.lockscope.model.servicing.PackageOrder;
import io.lockscope.model.servicing.ServicingFacts;
import io.lockscope.rules.Args;
import io.lockscope.rules.Finding;
import io.lockscope.rules.Rule;
import io.lockscope.rules.RuleResult;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A {@code --target} that matches nothing in the traces: the diagnosis is then about nothing, and
 * saying "no servicing process touched a driver package" would be false. Lists the packages the inputs
 * do show — the servicing logs' failing INF and driver-update order, and the INFs whose objects
 * servicing processes touched in the traces — so the user can pick the right one.
 */
public final class TargetUnmatchedRule implements Rule {
    @Override
    public String id() {
        return "target-unmatched";
    }

    @Override
    public String description() {
        return "A --target that matches nothing in the traces, with the packages the logs and traces do show.";
    }

    @Override
    public Set<String> messageKeys() {
        return Set.of("finding.target-unmatched", "finding.target-unmatched.none-shown");
    }

    @Override
    public Set<Requirement> requires() {
        return Set.of(Requirement.TRACE_EVENTS);
    }

    @Override
    public RuleResult evaluate(CaseFacts facts) {
        if (facts.targetSource() != Targets.Source.USER) {
            return new RuleResult.NotApplicable("no --target given");
        }
        if (facts.traces().isEmpty()) {
            return new RuleResult.NotApplicable("no trace to match the target in");
        }
        if (!facts.targetMatchesNothing()) {
            return new RuleResult.Findings(List.of());
        }
        List<String> shown = shownPackages(facts);
        return new RuleResult.Findings(List.of(new Finding(id(), Finding.Severity.WARNING,
                shown.isEmpty() ? "finding.target-unmatched.none-shown" : "finding.target-unmatched",
                List.of(new Args.Names(facts.targetNames()), PackageOrder.shortened(shown, null)), null,
                List.of())));
    }

    /** The INFs the inputs show: the logs' failing INF first, then the traces', then the logs' order. */
    static List<String> shownPackages(CaseFacts facts) {
        Set<String> infs = new LinkedHashSet<>();
        ServicingFacts s = facts.servicing();
        if (s.failingInf() != null) {
            infs.add(s.failingInf().toLowerCase(Locale.ROOT));
        }
        for (TraceFacts tf : facts.traces()) {
            infs.addAll(servicedInfs(tf.trace()));
        }
        for (String inf : s.driverUpdateOrder()) {
            infs.add(inf.toLowerCase(Locale.ROOT));
        }
        return new ArrayList<>(infs);
    }

    /** INFs whose objects servicing processes touched, in order of first touch. */
    private static Set<String> servicedInfs(Trace t) {
        Set<String> infs = new LinkedHashSet<>();
        EventStore e = t.events();
        BitSet checked = new BitSet();
        for (int i = 0, n = e.size(); i < n; i++) {
            int p = e.pathId(i);
            if (p == 0 || checked.get(p) || !ServicingProcesses.isServicing(t.process(i).name())) {
                continue;
            }
            checked.set(p);
            DriverPackagePaths.Match m = DriverPackagePaths.classify(e.path(i));
            if (m != null && m.inf() != null) {
                infs.add(m.inf());
            }
        }
        return infs;
    }
}
