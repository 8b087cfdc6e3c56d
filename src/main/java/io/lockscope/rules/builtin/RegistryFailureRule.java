package io.lockscope.rules.builtin;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.FailureFacts;
import io.lockscope.analysis.Failures;
import io.lockscope.rules.Blame;
import io.lockscope.rules.ConfidenceReason;
import io.lockscope.rules.Args;
import io.lockscope.rules.Finding;
import io.lockscope.rules.VerdictKind;

import java.util.List;
import java.util.Set;

/**
 * REGISTRY CORRUPT, IO FAILED or HIVE UNLOADED on the driver database (its keys or the DRIVERS hive files): what
 * CBS reports as 0x800703f1 ERROR_BADDB (servicing.md §0.3). It names no culprit by itself; a filter
 * or holder found on the same objects outranks it.
 */
public final class RegistryFailureRule extends FailureRule {
    @Override
    public String id() {
        return "registry-failure";
    }

    @Override
    public String description() {
        return "REGISTRY CORRUPT, IO FAILED or HIVE UNLOADED on the driver database (HKLM\\DRIVERS, config\\DRIVERS).";
    }

    @Override
    public Set<String> messageKeys() {
        return Set.of("finding.registry-failure");
    }

    @Override
    List<Finding> findings(CaseFacts facts, FailureFacts f) {
        int result = result(facts, f);
        if (!Failures.isRegistryDamage(result)) {
            return List.of();
        }
        return List.of(new Finding(id(), Finding.Severity.ERROR, "finding.registry-failure",
                Args.event(facts, f.input(), f.event()),
                new Blame(VerdictKind.REGISTRY_FAILURE, null, ConfidenceReason.REGISTRY_STATUS.confidence(),
                        ConfidenceReason.REGISTRY_STATUS, f, null, null),
                List.of(new Finding.Evidence(f.input(), f.event()))));
    }
}
