package io.lockscope.rules.builtin;

import io.lockscope.rules.Mechanism;

/**
 * A rename or hard link with ReplaceIfExists failed with ACCESS DENIED because the TARGET name was open
 * (any handle, even one sharing Read, Write and Delete) or mapped: MS-FSCC 2.4.42 "the target file was
 * open and ReplaceIfExists is nonzero". The blocker is found on the target, not on the renamed file.
 */
public final class RenameTargetHolderRule extends HolderRule {
    @Override
    public String id() {
        return "rename-target-holder";
    }

    @Override
    public String description() {
        return "A process had the target of a replacing rename or link open or mapped, which fails it with ACCESS DENIED.";
    }

    @Override
    boolean covers(Mechanism mechanism) {
        return mechanism == Mechanism.RENAME_TARGET;
    }
}
