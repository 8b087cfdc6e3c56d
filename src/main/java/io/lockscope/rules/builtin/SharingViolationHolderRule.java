package io.lockscope.rules.builtin;

import io.lockscope.rules.Mechanism;

/**
 * A process held the file open with access or sharing incompatible with the failed open (MS-FSA
 * 2.1.5.1.2.2, both directions). Sure when the share-mode conflict is proven from both opens' parameters
 * and the open was paired with its close without ambiguity.
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
    boolean covers(Mechanism mechanism) {
        return mechanism == Mechanism.HANDLE;
    }
}
