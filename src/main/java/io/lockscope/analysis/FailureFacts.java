package io.lockscope.analysis;

import java.util.List;
import java.util.Set;

/**
 * One failed servicing operation on a target, with everything found about why.
 *
 * @param input         index of the trace in the case
 * @param event         the failing event's index in that trace
 * @param requestAccess ACCESS_MASK asked for (CreateFile), DELETE for delete/rename dispositions, -1 unknown
 * @param requestShare  share mode asked for (CreateFile), -1 unknown
 * @param renameTarget  the new name of a failed rename or link over an existing file (ACCESS DENIED with
 *                      ReplaceIfExists, NAME COLLISION): its holds, not the source's, are the blockers; null
 *                      otherwise
 * @param blocking      holds in force at the failure that explain it
 * @param ruledOut      holds on the same file that do not explain it, with why
 * @param drivers       third-party modules in the failing event's stack, then in other events on the target
 * @param filterCalls   third-party minifilter callbacks that failed the failing I/O itself (ETW FltIo
 *                      failure events on its IRP / FILE_OBJECT); empty for procmon
 */
public record FailureFacts(int input, int event, int requestAccess, int requestShare, String renameTarget,
                           List<HolderFinding> blocking, List<HolderFinding> ruledOut, List<StackDriver> drivers,
                           List<FilterCall> filterCalls) {

    public FailureFacts {
        filterCalls = List.copyOf(filterCalls);
    }

    /** Why a hold is not to blame. */
    public enum RuledOut {
        /** Open at the failure, but its access and share mode are compatible with the request. */
        COMPATIBLE,
        /** Open at the failure, but with no read/write/delete access, so share modes do not apply. */
        NO_SHARED_ACCESS,
        /** It had ended before the failure. */
        ENDED_BEFORE
    }

    /**
     * @param conflicts     the share-mode conflicts (HANDLE holds); empty for other kinds of hold
     * @param accessUnknown the handle's access or share mode was not recorded, so the conflict is
     *                      assumed from its being open, not proven
     * @param ruledOut      null when this hold blocks
     * @param linkPresumed  the hold is on another name of the package's file, presumed a hard link of the
     *                      failing name from where servicing projects it; the trace does not prove it
     *                      ({@link FileIdentity})
     */
    public record HolderFinding(Hold hold, Set<ShareAccess.Reason> conflicts, boolean accessUnknown, RuledOut ruledOut,
                                boolean linkPresumed) {
        public HolderFinding(Hold hold, Set<ShareAccess.Reason> conflicts, boolean accessUnknown, RuledOut ruledOut) {
            this(hold, conflicts, accessUnknown, ruledOut, false);
        }

        /** This finding, about a hold on a name presumed a link of the failing one. */
        HolderFinding onPresumedLink() {
            return new HolderFinding(hold, conflicts, accessUnknown, ruledOut, true);
        }
    }

    /**
     * @param module the module's file name ("tmevtmgr.sys")
     * @param known  the knowledge base's entry, null when it does not know the driver
     * @param seen   where its frames were found
     * @param event  an event whose stack has it (the failing one when {@link Seen#FAILING_STACK})
     * @param frames its frames in that stack, as module+offset ("tmevtmgr.sys+0x1a2f0"), innermost first
     */
    public record StackDriver(String module, Attribution.Driver known, Seen seen, int event, List<String> frames) {
        public StackDriver {
            frames = List.copyOf(frames);
        }

        public boolean inFailingStack() {
            return seen == Seen.FAILING_STACK;
        }
    }

    /**
     * Where a third-party driver was seen about a failure. Procmon records an I/O in its own callback at
     * altitude 385200, above every anti-virus filter (320000–329998), so a denying filter is not on the
     * denied event's stack; a vendor module on a procmon stack means that driver issued the I/O
     * (lock-semantics.md §5).
     */
    public enum Seen {
        /** The failing I/O's own stack: that driver issued the failing I/O. */
        FAILING_STACK,
        /** I/O the driver issued from the failing thread just before the failure (its callback at work). */
        NESTED_IO,
        /** Other I/O on the target. */
        OTHER_IO,
        /** Its minifilter callback failed the failing I/O (ETW FltIo). */
        FILTER_CALLBACK
    }

    /**
     * A minifilter callback that returned a failure status for the failing I/O (FltIo PreOpFailure /
     * PostOpFailure), its driver resolved from the callback's address.
     *
     * @param module the driver's file name ("tmevtmgr.sys")
     * @param known  the knowledge base's entry, null when it does not know the driver
     * @param status the NTSTATUS the callback returned
     * @param event  the FltIo event
     */
    public record FilterCall(String module, Attribution.Driver known, int status, int event) {
        /** The driver as a blame names it: on the failing I/O itself. */
        public StackDriver asDriver() {
            return new StackDriver(module, known, Seen.FILTER_CALLBACK, event, List.of());
        }
    }

    public boolean explainedByHolder() {
        return !blocking.isEmpty();
    }

    /** Whether a third-party driver is in the failing stack or in I/O it issued from the failing thread. */
    public boolean filterNearFailure() {
        return drivers.stream().anyMatch(d -> d.seen() == Seen.FAILING_STACK || d.seen() == Seen.NESTED_IO);
    }
}
