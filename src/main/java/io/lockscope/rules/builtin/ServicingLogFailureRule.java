package io.lockscope.rules.builtin;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.model.servicing.ServicingFacts;
import io.lockscope.model.servicing.ServicingFailure;
import io.lockscope.rules.Args;
import io.lockscope.rules.Finding;
import io.lockscope.rules.Rule;
import io.lockscope.rules.RuleResult;

import java.util.List;
import java.util.Set;

/**
 * What CBS.log / setupapi.dev.log say failed: the phase, the HRESULT, the INF the driver queue
 * failed on, whether CBS rolled back, and the WER failure source (servicing.md §6.5 step 1).
 */
public final class ServicingLogFailureRule implements Rule {
    @Override
    public String id() {
        return "servicing-log-failure";
    }

    @Override
    public String description() {
        return "The servicing failure CBS.log or setupapi.dev.log records: phase, HRESULT, failing INF, rollback, failure source.";
    }

    @Override
    public Set<String> messageKeys() {
        return Set.of("finding.servicing-log-failure", "finding.servicing-log-failure.rollback", "finding.servicing-log-silent", "finding.servicing-log-success");
    }

    @Override
    public Set<Requirement> requires() {
        return Set.of(Requirement.SERVICING_LOGS);
    }

    @Override
    public RuleResult evaluate(CaseFacts facts) {
        ServicingFacts s = facts.servicing();
        if (!s.hasServicingLog()) {
            return new RuleResult.NotApplicable("no CBS.log or setupapi.dev.log in the case");
        }
        if (s.hresult() == null) {
            return new RuleResult.Findings(List.of(new Finding(id(), Finding.Severity.INFO,
                    Boolean.TRUE.equals(s.succeeded()) ? "finding.servicing-log-success" : "finding.servicing-log-silent",
                    List.of(new Args.Names(s.servicingLogs())), null, List.of())));
        }
        ServicingFailure f = s.failure();
        // the logs as a list the report words, or the line that records the failure
        Object where = f == null ? new Args.Names(s.servicingLogs()) : f.input() + ":" + f.line();
        return new RuleResult.Findings(List.of(new Finding(id(), Finding.Severity.ERROR,
                Boolean.TRUE.equals(s.rollback()) ? "finding.servicing-log-failure.rollback" : "finding.servicing-log-failure",
                List.of(where, s.phase() == null ? "?" : s.phase().label(), s.hresultText(),
                        s.hresultName() == null ? "?" : s.hresultName(), s.failingInf() == null ? "?" : s.failingInf(),
                        s.failureSource() == null ? "?" : s.failureSource()),
                null, List.of())));
    }
}
