package io.lockscope.rules.builtin;

import io.lockscope.analysis.FailureFacts;
import io.lockscope.analysis.Hold;
import io.lockscope.rules.Confidence;
import io.lockscope.rules.ConfidenceReason;

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

    @Override
    ConfidenceReason reason(FailureFacts.HolderFinding holder) {
        return switch (holder.hold().kind()) {
            case MAPPED_IMAGE -> ConfidenceReason.UNMAP_NOT_SHOWN;
            case BYTE_RANGE_LOCK -> ConfidenceReason.LOCK_HELD;
            case PENDING_DELETE -> ConfidenceReason.DELETE_STILL_PENDING;
            case HANDLE -> throw new IllegalArgumentException("handles are the sharing-violation rule's");
        };
    }
}
