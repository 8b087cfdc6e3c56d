package io.lockscope.rules.builtin;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.FailureFacts;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.rules.Blame;
import io.lockscope.rules.ConfidenceReason;
import io.lockscope.rules.Mechanism;
import io.lockscope.rules.Args;
import io.lockscope.rules.Finding;
import io.lockscope.rules.VerdictKind;

import java.util.List;
import java.util.Set;

/**
 * A failure no process explains, where a third-party minifilter's callback itself returned a
 * failure for the failing I/O (ETW FltIo failure events on its IRP, the driver named from the
 * callback's address, etw-formats.md §8.3). That is the filter denying the I/O as recorded by the
 * filter manager — no stack needed, so it is sure.
 */
public final class FilterCallbackFailureRule extends FailureRule {
    @Override
    public String id() {
        return "filter-failed-io";
    }

    @Override
    public String description() {
        return "A third-party minifilter callback failed the I/O of a failure that no holder explains (ETW FltIo).";
    }

    @Override
    public Set<String> messageKeys() {
        return Set.of("finding.filter-failed-io");
    }

    @Override
    List<Finding> findings(CaseFacts facts, FailureFacts f) {
        if (f.explainedByHolder() || f.filterCalls().isEmpty()) {
            return List.of();
        }
        FailureFacts.FilterCall call = f.filterCalls().get(0);
        return List.of(new Finding(id(), Finding.Severity.ERROR, "finding.filter-failed-io",
                Args.concat(Args.event(facts, f.input(), f.event()), call.module(), NtStatus.name(call.status())),
                new Blame(VerdictKind.FILTER_INTERFERENCE, Mechanism.FILTER_DENIAL,
                        ConfidenceReason.FILTER_CALLBACK_FAILED.confidence(), ConfidenceReason.FILTER_CALLBACK_FAILED, f,
                        null, call.asDriver()),
                List.of(new Finding.Evidence(f.input(), f.event()), new Finding.Evidence(f.input(), call.event()))));
    }
}
