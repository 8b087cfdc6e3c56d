package io.lockscope.rules.builtin;

import io.lockscope.analysis.FailureFacts;
import io.lockscope.analysis.Hold;
import io.lockscope.rules.Confidence;
import io.lockscope.rules.ConfidenceReason;

/**
 * A process held the file open with access or sharing incompatible with the failed open. Sure when
 * the share-mode conflict is proven from both opens' parameters and the open was paired with its
 * close without ambiguity.
 */
public final class SharingViolationHolderRule extends HolderRule {
    @Override
    public String id() {
        return "sharing-violation-holder";
    }

    @Override
    public String description() {
        return "A process held the target open, incompatibly with the failed open's access and share mode, at the failure.";
    }

    @Override
    boolean covers(Hold.Kind kind) {
        return kind == Hold.Kind.HANDLE;
    }

    @Override
    Confidence confidence(FailureFacts.HolderFinding holder) {
        return reason(holder) == ConfidenceReason.SHARE_CONFLICT_PROVEN ? Confidence.HIGH : Confidence.MEDIUM;
    }

    @Override
    ConfidenceReason reason(FailureFacts.HolderFinding holder) {
        return holder.accessUnknown() ? ConfidenceReason.ACCESS_NOT_RECORDED
                : holder.hold().pairingInferred() ? ConfidenceReason.PAIRING_INFERRED
                : ConfidenceReason.SHARE_CONFLICT_PROVEN;
    }
}
