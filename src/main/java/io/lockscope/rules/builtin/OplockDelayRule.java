package io.lockscope.rules.builtin;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.DriverPackagePaths;
import io.lockscope.analysis.FileIdentity;
import io.lockscope.analysis.ServicingProcesses;
import io.lockscope.analysis.TraceFacts;
import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.TraceTime;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.rules.Args;
import io.lockscope.rules.Finding;
import io.lockscope.rules.Rule;
import io.lockscope.rules.RuleResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Oplock contention on the target files, which delays servicing but does not fail it (lock-semantics.md
 * §1.7): a servicing open that had to wait for an oplock break (a long Duration, or OPLOCK BREAK IN
 * PROGRESS when it asked not to wait) is reported with the process whose oplock was broken; an oplock
 * request refused (OPLOCK NOT GRANTED) is the requester's contention, never a servicing failure. These
 * findings blame nobody: a well-behaved oplock holder lets servicing through.
 */
public final class OplockDelayRule implements Rule {
    /**
     * A servicing open that took this long waited for something: an oplock break is acknowledged within
     * milliseconds by a well-behaved holder, so a second is long.
     */
    static final long LONG_OPEN_TICKS = TraceTime.TICKS_PER_SECOND;

    @Override
    public String id() {
        return "oplock-delay";
    }

    @Override
    public String description() {
        return "Servicing opens of the target delayed by an oplock break, and oplock requests refused: contention, not failures.";
    }

    @Override
    public Set<String> messageKeys() {
        return Set.of("finding.oplock-delay", "finding.oplock-delay.unknown-holder", "finding.oplock-not-granted");
    }

    @Override
    public Set<Requirement> requires() {
        return Set.of(Requirement.TRACE_EVENTS);
    }

    @Override
    public RuleResult evaluate(CaseFacts facts) {
        List<Finding> findings = new ArrayList<>();
        for (TraceFacts t : facts.traces()) {
            EventStore e = t.trace().events();
            FileIdentity identity = null;
            for (int i = 0, n = e.size(); i < n; i++) {
                ProcessInfo p = t.trace().process(i);
                boolean contention = e.operation(i) == Operation.FILE_SYSTEM_CONTROL
                        && e.result(i) == NtStatus.OPLOCK_NOT_GRANTED
                        || e.operation(i) == Operation.CREATE_FILE && ServicingProcesses.isServicing(p.name())
                        && (e.result(i) == NtStatus.OPLOCK_BREAK_IN_PROGRESS || e.result(i) == NtStatus.SUCCESS
                        && e.duration(i) != EventStore.NO_DURATION && e.duration(i) >= LONG_OPEN_TICKS);
                if (!contention || !onDriverPackage(t, e.pathId(i))) {
                    continue;
                }
                if (e.operation(i) == Operation.FILE_SYSTEM_CONTROL) {
                    findings.add(new Finding(id(), Finding.Severity.INFO, "finding.oplock-not-granted",
                            Args.event(facts, t.input(), i), null, List.of(new Finding.Evidence(t.input(), i))));
                } else {
                    if (identity == null) {
                        identity = FileIdentity.of(t.trace(), t.targets());
                    }
                    int request = oplockRequest(t, identity, i);
                    List<Object> args = Args.concat(Args.event(facts, t.input(), i),
                            String.format(Locale.ROOT, "%.3f", e.duration(i) / (double) TraceTime.TICKS_PER_SECOND));
                    List<Finding.Evidence> evidence = new ArrayList<>(List.of(new Finding.Evidence(t.input(), i)));
                    String key = "finding.oplock-delay.unknown-holder";
                    if (request >= 0) {
                        ProcessInfo holder = t.trace().process(request);
                        args.add(holder.name());
                        args.add(holder.pid());
                        args.add(controlOf(e.detail(request)));
                        evidence.add(new Finding.Evidence(t.input(), request));
                        key = "finding.oplock-delay";
                    }
                    findings.add(new Finding(id(), Finding.Severity.WARNING, key, args, null, evidence));
                }
            }
        }
        return new RuleResult.Findings(findings);
    }

    /**
     * Whether a path is one the diagnosis is about: a target, or, when nothing failed and no target was
     * named (a successful update is where delays are worth a look), any driver-package object.
     */
    private static boolean onDriverPackage(TraceFacts t, int pathId) {
        return t.targets().names().isEmpty() ? DriverPackagePaths.classify(t.trace().strings().get(pathId)) != null
                : t.targets().isTarget(pathId);
    }

    /**
     * The latest oplock request of another process on the same file before event {@code open} that was not
     * refused (a granted request stays pending until the break), or -1.
     */
    private static int oplockRequest(TraceFacts t, FileIdentity identity, int open) {
        EventStore e = t.trace().events();
        int file = identity.of(e.pathId(open));
        for (int j = open - 1; j >= 0; j--) {
            if (e.operation(j) == Operation.FILE_SYSTEM_CONTROL && e.processKey(j) != e.processKey(open)
                    && (e.pathId(j) == e.pathId(open) || t.targets().isTarget(e.pathId(j)) && identity.of(e.pathId(j)) == file)
                    && controlOf(e.detail(j)).contains("OPLOCK") && controlOf(e.detail(j)).contains("REQUEST")
                    && e.result(j) != NtStatus.OPLOCK_NOT_GRANTED) {
                return j;
            }
        }
        return -1;
    }

    /** "FSCTL_REQUEST_FILTER_OPLOCK" from procmon's "Control: FSCTL_REQUEST_FILTER_OPLOCK" detail. */
    private static String controlOf(Detail detail) {
        String text = detail instanceof Detail.Text t ? t.text() : "";
        return text.startsWith("Control: ") ? text.substring("Control: ".length()) : text;
    }
}
