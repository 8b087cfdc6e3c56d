package io.lockscope.rules.builtin;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.DriverPackagePaths;
import io.lockscope.analysis.FailureFacts;
import io.lockscope.analysis.Failures;
import io.lockscope.model.servicing.HResults;
import io.lockscope.model.servicing.ServicingFacts;
import io.lockscope.rules.Args;
import io.lockscope.rules.Finding;
import io.lockscope.rules.Rule;
import io.lockscope.rules.RuleResult;

import java.util.List;
import java.util.Set;

/**
 * Whether the code the servicing logs record fits the failure the trace shows. The driver queue logs
 * the Win32 code of what failed ({@code INSTALL index: N, phase: P, result <decimal>} →
 * {@code Doqe: Recording result: 0x8007xxxx}): a sharing violation surfaces as 0x80070020, a denial as
 * 0x80070005, a damaged registry as 0x800703f1 ERROR_BADDB (servicing.md §3). An ERROR_BADDB is
 * explained by registry evidence on the driver database — a damage status on its keys, or a failure
 * on the DRIVERS hive's files, its transaction logs or its mount point (lock-semantics.md §2.3, §6
 * item 7); a code the trace's failure does not produce means the trace may not show the operation
 * that failed the update.
 */
public final class LoggedCodeRule implements Rule {
    @Override
    public String id() {
        return "logged-code";
    }

    @Override
    public String description() {
        return "Whether the HRESULT the servicing logs record fits the failure in the trace (0x800703f1 needs registry evidence).";
    }

    @Override
    public Set<String> messageKeys() {
        return Set.of("finding.logged-code.registry-evidence", "finding.logged-code.agrees", "finding.logged-code.no-registry-evidence", "finding.logged-code.mismatch");
    }

    @Override
    public Set<Requirement> requires() {
        return Set.of(Requirement.SERVICING_LOGS, Requirement.FAILURES);
    }

    @Override
    public RuleResult evaluate(CaseFacts facts) {
        ServicingFacts s = facts.servicing();
        Integer logged = s.recordsFailure() ? s.hresult() : null;
        if (logged == null) {
            return new RuleResult.NotApplicable("the servicing logs record no failed HRESULT");
        }
        List<FailureFacts> failures = facts.allFailures();
        if (failures.isEmpty()) {
            return new RuleResult.NotApplicable("no failed servicing operation in the traces to compare with");
        }
        Object where = s.failure() == null ? new Args.Names(s.servicingLogs())
                : s.failure().input() + ":" + s.failure().line();
        String code = s.hresultWithName();
        FailureFacts fitting = failures.stream().filter(f -> fits(facts, f, logged)).findFirst().orElse(null);
        if (fitting != null) {
            boolean registry = logged == HResults.ERROR_BADDB;
            return new RuleResult.Findings(List.of(new Finding(id(), Finding.Severity.INFO,
                    registry ? "finding.logged-code.registry-evidence" : "finding.logged-code.agrees",
                    Args.concat(Args.event(facts, fitting.input(), fitting.event()), where, code), null,
                    List.of(new Finding.Evidence(fitting.input(), fitting.event())))));
        }
        FailureFacts first = failures.get(0);
        int status = FailureRule.result(facts, first);
        Integer surfaces = HResults.ofNtStatus(status);
        return new RuleResult.Findings(List.of(new Finding(id(), Finding.Severity.WARNING,
                logged == HResults.ERROR_BADDB ? "finding.logged-code.no-registry-evidence" : "finding.logged-code.mismatch",
                Args.concat(Args.event(facts, first.input(), first.event()), where, code,
                        surfaces == null ? "?" : HResults.format(surfaces)),
                null, List.of(new Finding.Evidence(first.input(), first.event())))));
    }

    /** Whether failure {@code f} would be logged as {@code hresult}. */
    private static boolean fits(CaseFacts facts, FailureFacts f, int hresult) {
        int status = FailureRule.result(facts, f);
        if (hresult == HResults.ERROR_BADDB) {
            return Failures.isRegistryDamage(status) || onDriverDatabase(facts, f);
        }
        Integer surfaces = HResults.ofNtStatus(status);
        return surfaces != null && surfaces == hresult;
    }

    /** A failure on what holds the driver database: the hive's files, transaction logs or mount point. */
    private static boolean onDriverDatabase(CaseFacts facts, FailureFacts f) {
        DriverPackagePaths.Match m = DriverPackagePaths.classify(facts.trace(f.input()).events().path(f.event()));
        return m != null && switch (m.kind()) {
            case DRIVERS_HIVE_FILE, DRIVERS_HIVE_KEY, TRANSACTION_LOG -> true;
            default -> false;
        };
    }
}
