package io.lockscope.rules.builtin;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.FailureFacts;
import io.lockscope.analysis.Hold;
import io.lockscope.model.ProcessInfo;
import io.lockscope.rules.Blame;
import io.lockscope.rules.Confidence;
import io.lockscope.rules.ConfidenceReason;
import io.lockscope.rules.Mechanism;
import io.lockscope.rules.Args;
import io.lockscope.rules.Finding;
import io.lockscope.rules.VerdictKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Shared shape of the rules that blame a hold in force at a failure. Subclasses choose which kinds
 * of hold they speak for and how sure such a hold makes them.
 */
abstract class HolderRule extends FailureRule {

    /** Whether this rule speaks for holds of {@code kind}. */
    abstract boolean covers(Hold.Kind kind);

    /** How sure a blocking hold makes the rule. */
    abstract Confidence confidence(FailureFacts.HolderFinding holder);

    /** Why it is that sure: the weakest link of the proof. */
    abstract ConfidenceReason reason(FailureFacts.HolderFinding holder);

    /** How a hold of this kind blocks. */
    static Mechanism mechanism(Hold hold) {
        return switch (hold.kind()) {
            case HANDLE -> Mechanism.HANDLE;
            case MAPPED_IMAGE -> Mechanism.IMAGE_SECTION;
            case BYTE_RANGE_LOCK -> Mechanism.BYTE_RANGE_LOCK;
            case PENDING_DELETE -> Mechanism.PENDING_DELETE;
        };
    }

    @Override
    List<Finding> findings(CaseFacts facts, FailureFacts f) {
        List<Finding> findings = new ArrayList<>();
        for (FailureFacts.HolderFinding h : f.blocking()) {
            if (!covers(h.hold().kind())) {
                continue;
            }
            FailureFacts.StackDriver driver = Evidence.holderDriver(facts, f, h.hold());
            findings.add(new Finding(id(), Finding.Severity.ERROR, "finding." + id(), holderArgs(facts, f, h),
                    new Blame(VerdictKind.LOCK_HOLDER, mechanism(h.hold()), confidence(h), reason(h), f, h.hold(),
                            driver),
                    List.of(new Finding.Evidence(f.input(), f.event()),
                            new Finding.Evidence(f.input(), h.hold().startEvent()))));
        }
        return findings;
    }

    /**
     * The failing event's five arguments ({0}–{4}), then the holder's process, PID and when it began
     * ({5}–{7}), the kind of hold ({8}), and the share-mode conflicts ({9}, empty for other holds).
     */
    private static List<Object> holderArgs(CaseFacts facts, FailureFacts f, FailureFacts.HolderFinding h) {
        List<Object> holder = Args.event(facts, f.input(), h.hold().startEvent());
        // the hold's process, which on ETW may differ from the start event's (a handle duplicated into it)
        ProcessInfo p = facts.trace(f.input()).processes().get(h.hold().processKey());
        return Args.concat(Args.event(facts, f.input(), f.event()), p.name(), p.pid(), holder.get(3),
                h.hold().kind(), List.copyOf(h.conflicts()));
    }
}
