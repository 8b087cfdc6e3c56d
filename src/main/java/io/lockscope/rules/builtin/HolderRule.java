package io.lockscope.rules.builtin;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.FailureFacts;
import io.lockscope.analysis.Hold;
import io.lockscope.analysis.ShareAccess;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.rules.Blame;
import io.lockscope.rules.ConfidenceReason;
import io.lockscope.rules.Mechanism;
import io.lockscope.rules.Args;
import io.lockscope.rules.Finding;
import io.lockscope.rules.VerdictKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Shared shape of the rules that blame a hold in force at a failure. Subclasses choose which kinds
 * of hold they speak for and how sure such a hold makes them.
 */
abstract class HolderRule extends FailureRule {

    @Override
    public Set<String> messageKeys() {
        return Set.of("finding." + id());
    }

    /** Whether this rule speaks for blockers that block by {@code mechanism}. */
    abstract boolean covers(Mechanism mechanism);

    /**
     * The weakest link of the proof that a hold blocked by {@code mechanism}: a link to the failing name only
     * presumed, a handle's access not recorded
     * or only "Maximum Allowed" (its granted rights unknown), a close paired by inference, a mapping whose
     * unmap procmon does not show; otherwise the hold itself.
     */
    static ConfidenceReason reason(FailureFacts.HolderFinding h, Mechanism mechanism) {
        if (h.linkPresumed()) {
            return ConfidenceReason.LINK_PRESUMED;
        }
        Hold hold = h.hold();
        switch (hold.kind()) {
            case MAPPED_IMAGE:
                return ConfidenceReason.UNMAP_NOT_SHOWN;
            case DATA_SECTION:
                return ConfidenceReason.SECTION_NOT_RELEASED;
            case BYTE_RANGE_LOCK:
                return ConfidenceReason.LOCK_HELD;
            case PENDING_DELETE:
                return ConfidenceReason.DELETE_STILL_PENDING;
            default:
                break;
        }
        if (h.accessUnknown()) {
            return ConfidenceReason.ACCESS_NOT_RECORDED;
        }
        if (hold.pairingInferred()) {
            return ConfidenceReason.PAIRING_INFERRED;
        }
        return switch (mechanism) {
            case PENDING_DELETE -> ConfidenceReason.DELETE_STILL_PENDING;
            case RENAME_TARGET -> ConfidenceReason.TARGET_OPEN;
            default -> hold.access() != -1 && (hold.access() & ShareAccess.MAXIMUM_ALLOWED) != 0
                    ? ConfidenceReason.GRANTED_ACCESS_ASSUMED : ConfidenceReason.SHARE_CONFLICT_PROVEN;
        };
    }

    /**
     * How a blocking hold blocked failure {@code f}: on a rename's target, the target's being open or mapped
     * (or, for NAME COLLISION, its delete kept pending); a handle at a DELETE PENDING, the delete it keeps
     * pending; otherwise what the hold is.
     */
    static Mechanism mechanism(CaseFacts facts, FailureFacts f, Hold hold) {
        int result = facts.trace(f.input()).events().result(f.event());
        if (f.renameTarget() != null) {
            return result == NtStatus.NAME_COLLISION ? Mechanism.PENDING_DELETE : Mechanism.RENAME_TARGET;
        }
        return switch (hold.kind()) {
            case HANDLE -> result == NtStatus.DELETE_PENDING ? Mechanism.PENDING_DELETE : Mechanism.HANDLE;
            case MAPPED_IMAGE -> Mechanism.IMAGE_SECTION;
            case DATA_SECTION -> Mechanism.DATA_SECTION;
            case BYTE_RANGE_LOCK -> Mechanism.BYTE_RANGE_LOCK;
            case PENDING_DELETE -> Mechanism.PENDING_DELETE;
        };
    }

    @Override
    List<Finding> findings(CaseFacts facts, FailureFacts f) {
        List<Finding> findings = new ArrayList<>();
        for (FailureFacts.HolderFinding h : f.blocking()) {
            Mechanism mechanism = mechanism(facts, f, h.hold());
            if (!covers(mechanism)) {
                continue;
            }
            FailureFacts.StackDriver driver = Evidence.holderDriver(facts, f, h.hold());
            ConfidenceReason reason = reason(h, mechanism);
            findings.add(new Finding(id(), Finding.Severity.ERROR, "finding." + id(), holderArgs(facts, f, h, mechanism),
                    new Blame(VerdictKind.LOCK_HOLDER, mechanism, reason.confidence(), reason, f, h.hold(), driver),
                    List.of(new Finding.Evidence(f.input(), f.event()),
                            new Finding.Evidence(f.input(), h.hold().startEvent()))));
        }
        return findings;
    }

    /**
     * The failing event's five arguments ({0}–{4}), then the holder's process, PID and when it began
     * ({5}–{7}), how it blocked ({8}), and the share-mode conflicts ({9}, empty for other holds).
     */
    private static List<Object> holderArgs(CaseFacts facts, FailureFacts f, FailureFacts.HolderFinding h,
                                           Mechanism mechanism) {
        List<Object> holder = Args.event(facts, f.input(), h.hold().startEvent());
        // the hold's process, which on ETW may differ from the start event's (a handle duplicated into it)
        ProcessInfo p = facts.trace(f.input()).processes().get(h.hold().processKey());
        return Args.concat(Args.event(facts, f.input(), f.event()), p.name(), p.pid(), holder.get(3),
                mechanism, List.copyOf(h.conflicts()));
    }
}
