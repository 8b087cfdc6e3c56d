package io.lockscope.rules.builtin;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.ServicingProcesses;
import io.lockscope.analysis.TraceFacts;
import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.rules.Args;
import io.lockscope.rules.Finding;
import io.lockscope.rules.Rule;
import io.lockscope.rules.RuleResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Processes other than the servicing ones that opened the target files during the servicing window:
 * the candidates an engineer looks at first (security agents scanning the new driver files).
 */
public final class AgentOnTargetRule implements Rule {
    @Override
    public String id() {
        return "agent-on-target";
    }

    @Override
    public String description() {
        return "Non-servicing processes (agents, scanners) that opened the target files during the servicing window.";
    }

    @Override
    public Set<String> messageKeys() {
        return Set.of("finding.agent-on-target");
    }

    @Override
    public Set<Requirement> requires() {
        return Set.of(Requirement.TRACE_EVENTS);
    }

    @Override
    public RuleResult evaluate(CaseFacts facts) {
        if (facts.targetNames().isEmpty()) {
            return new RuleResult.NotApplicable("no target: neither --target nor a failure names one");
        }
        List<Finding> findings = new ArrayList<>();
        for (TraceFacts t : facts.traces()) {
            if (t.window() == null) {
                continue;
            }
            EventStore e = t.trace().events();
            Map<Integer, int[]> firstAndCount = new LinkedHashMap<>();
            for (int i = t.window().firstEvent(); i <= t.window().lastEvent(); i++) {
                if (e.operation(i) != Operation.CREATE_FILE || !t.targets().isTarget(e.pathId(i))) {
                    continue;
                }
                ProcessInfo p = t.trace().process(i);
                if (ServicingProcesses.isServicing(p.name())) {
                    continue;
                }
                int index = i;
                firstAndCount.computeIfAbsent(e.processKey(i), k -> new int[] {index, 0})[1]++;
            }
            firstAndCount.forEach((process, fc) -> findings.add(new Finding(id(), Finding.Severity.INFO,
                    "finding.agent-on-target", Args.concat(Args.event(facts, t.input(), fc[0]), fc[1]), null,
                    List.of(new Finding.Evidence(t.input(), fc[0])))));
        }
        return new RuleResult.Findings(findings);
    }
}
