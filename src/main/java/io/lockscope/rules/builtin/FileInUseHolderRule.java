package io.lockscope.rules.builtin;

import io.lockscope.rules.Mechanism;

/**
 * The file was in use in a way share modes do not govern: a delete kept pending by a handle still open
 * (DELETE PENDING: a classic delete completes when the file's last handle closes), an image or data
 * section (CANNOT DELETE, USER MAPPED FILE, or a write open with no handle), a byte-range lock (FILE LOCK
 * CONFLICT). A mapping is a softer proof: procmon does not show when the last view was unmapped.
 */
public final class FileInUseHolderRule extends HolderRule {
    @Override
    public String id() {
        return "file-in-use-holder";
    }

    @Override
    public String description() {
        return "A process kept the target in use at the failure: a pending delete it kept open, an image or data "
                + "section, or a byte-range lock.";
    }

    @Override
    boolean covers(Mechanism mechanism) {
        return mechanism == Mechanism.PENDING_DELETE || mechanism == Mechanism.IMAGE_SECTION
                || mechanism == Mechanism.DATA_SECTION || mechanism == Mechanism.BYTE_RANGE_LOCK;
    }
}
