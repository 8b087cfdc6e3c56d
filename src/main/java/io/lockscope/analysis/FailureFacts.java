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
 * @param blocking      holds in force at the failure that explain it
 * @param ruledOut      holds on the same file that do not explain it, with why
 * @param drivers       third-party modules in the failing event's stack, then in other events on the target
 * @param filterCalls   third-party minifilter callbacks that failed the failing I/O itself (ETW FltIo
 *                      failure events on its IRP / FILE_OBJECT); empty for procmon
 */
public record FailureFacts(int input, int event, int requestAccess, int requestShare, List<HolderFinding> blocking,
                           List<HolderFinding> ruledOut, List<StackDriver> drivers, List<FilterCall> filterCalls) {

    public FailureFacts {
        filterCalls = List.copyOf(filterCalls);
    }

    /** A failure without minifilter callback events (every non-ETW input). */
    public FailureFacts(int input, int event, int requestAccess, int requestShare, List<HolderFinding> blocking,
                        List<HolderFinding> ruledOut, List<StackDriver> drivers) {
        this(input, event, requestAccess, requestShare, blocking, ruledOut, drivers, List.of());
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
     */
    public record HolderFinding(Hold hold, Set<ShareAccess.Reason> conflicts, boolean accessUnknown, RuledOut ruledOut) {
    }

    /**
     * @param module        the module's file name ("tmevtmgr.sys")
     * @param known         the knowledge base's entry, null when it does not know the driver
     * @param inFailingStack found in the failing event's own stack (else in other events on the target)
     * @param event         an event whose stack has it (the failing one when {@code inFailingStack})
     */
    public record StackDriver(String module, Attribution.Driver known, boolean inFailingStack, int event) {
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
            return new StackDriver(module, known, true, event);
        }
    }

    public boolean explainedByHolder() {
        return !blocking.isEmpty();
    }

    public boolean filterInFailingStack() {
        return drivers.stream().anyMatch(StackDriver::inFailingStack);
    }
}
