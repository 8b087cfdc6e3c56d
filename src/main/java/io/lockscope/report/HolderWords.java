package io.lockscope.report;

import io.lockscope.analysis.FailureFacts;
import io.lockscope.analysis.Hold;
import io.lockscope.analysis.ShareAccess;
import io.lockscope.report.model.Failure;

import java.util.ArrayList;
import java.util.List;

/**
 * How a holder of a file is worded: what keeps the file in use, and why the holder blocks a failed open
 * or was ruled out. The case report and {@code lockscope holders} both word holders here, so they say
 * it the same way in each language.
 */
final class HolderWords {
    private final Words words;

    HolderWords(Words words) {
        this.words = words;
    }

    /** What keeps the file in use: "handle", "mapped image", … */
    String how(Hold.Kind kind) {
        return words.get("hold." + kind.name());
    }

    /**
     * Why {@code h} blocks the failure, or why it was ruled out.
     *
     * @param closedAt when the holder closed the file, in words; null while it was still open
     */
    String why(FailureFacts f, FailureFacts.HolderFinding h, String closedAt) {
        Hold hold = h.hold();
        if (h.ruledOut() == null) {
            return conflict(f, h);
        }
        return switch (h.ruledOut()) {
            case COMPATIBLE -> words.get("ruledOut.COMPATIBLE", Spelling.share(hold.share()));
            case NO_SHARED_ACCESS -> words.get("ruledOut.NO_SHARED_ACCESS", Spelling.access(hold.access()));
            case ENDED_BEFORE -> words.get("ruledOut.ENDED_BEFORE", closedAt);
        };
    }

    /** Why a blocking holder blocks: its share conflicts with the request, or what else keeps the file. */
    String conflict(FailureFacts f, FailureFacts.HolderFinding h) {
        if (h.hold().kind() != Hold.Kind.HANDLE) {
            return how(h.hold().kind());
        }
        if (h.accessUnknown()) {
            // ETW records the share mode but no access mask: say which of the two is missing
            return h.hold().share() == -1 ? words.get("conflict.access-unknown")
                    : words.get("conflict.access-not-recorded", Spelling.share(h.hold().share()));
        }
        if (h.conflicts().isEmpty()) {
            // a handle blocks without a share conflict on a rename's target and while a delete is pending
            return words.get(f.renameTarget() != null ? "conflict.rename-target-open" : "conflict.keeps-delete-pending");
        }
        List<String> parts = new ArrayList<>();
        for (ShareAccess.Reason r : h.conflicts()) {
            parts.add(reason(r));
        }
        return String.join(words.get("list.separator"), parts);
    }

    /** One side of a share conflict: "holder does not share Delete". */
    String reason(ShareAccess.Reason r) {
        return words.get("conflict." + r.side().name(), words.get("kind." + r.kind().name()));
    }

    /** The third-party filters seen in the failure: their callbacks first, then their stack frames. */
    static List<Failure.FilterDriver> filterDrivers(FailureFacts f) {
        List<Failure.FilterDriver> drivers = new ArrayList<>();
        for (FailureFacts.FilterCall c : f.filterCalls()) {
            drivers.add(filterDriver(c.asDriver()));
        }
        for (FailureFacts.StackDriver d : f.drivers()) {
            drivers.add(filterDriver(d));
        }
        return drivers;
    }

    private static Failure.FilterDriver filterDriver(FailureFacts.StackDriver d) {
        String evidence = switch (d.seen()) {
            case FAILING_STACK -> "stack";
            case NESTED_IO -> "stack-nested";
            case OTHER_IO -> "stack-other";
            case FILTER_CALLBACK -> "filter-callback";
        };
        return new Failure.FilterDriver(d.module(), d.known() == null ? null : d.known().altitude(),
                d.known() == null ? null : d.known().group(), d.known() == null ? null : d.known().vendor(), evidence,
                d.frames());
    }
}
