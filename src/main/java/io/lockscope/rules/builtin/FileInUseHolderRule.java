package io.lockscope.rules.builtin;

import io.lockscope.analysis.FailureFacts;
import io.lockscope.analysis.Hold;
import io.lockscope.rules.Confidence;

/**
 * The file was in use in a way that is not a share mode: a pending delete set by another handle
 * (DELETE PENDING), a byte-range lock (FILE LOCK CONFLICT), or a loaded image (CANNOT DELETE). An
 * image load is a softer proof: procmon does not show when the last view was unmapped.
 */
public final class FileInUseHolderRule extends HolderRule {
    @Override
    public String id() {
        return "file-in-use-holder";
    }

    @Override
    public String description() {
        return "A process kept the target in use at the failure by a pending delete, a byte-range lock or a loaded image.";
    }

    @Override
    boolean covers(Hold.Kind kind) {
        return kind != Hold.Kind.HANDLE;
    }

    @Override
    Confidence confidence(FailureFacts.HolderFinding holder) {
        return holder.hold().kind() == Hold.Kind.MAPPED_IMAGE ? Confidence.MEDIUM : Confidence.HIGH;
    }
}
