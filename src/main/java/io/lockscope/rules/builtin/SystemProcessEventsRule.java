package io.lockscope.rules.builtin;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.TraceFacts;
import io.lockscope.model.EventStore;
import io.lockscope.model.Trace;
import io.lockscope.rules.Finding;
import io.lockscope.rules.Rule;
import io.lockscope.rules.RuleResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A procmon capture without a single event of the System process (PID 4): procmon's default filters
 * exclude it, also in boot logs ("activity originating from the System process is filtered by
 * default", lock-semantics.md §2.1). What it hides is what kernel worker threads do: an anti-virus
 * driver's own scans, the lazy writer flushing the DRIVERS hive and its logs, paging I/O on driver
 * files — the I/O of a blocker that has no user-mode process.
 */
public final class SystemProcessEventsRule implements Rule {
    static final int SYSTEM_PID = 4;

    @Override
    public String id() {
        return "system-process-events";
    }

    @Override
    public String description() {
        return "A procmon capture with no System (PID 4) activity: procmon filters it by default, hiding kernel threads' I/O.";
    }

    @Override
    public Set<String> messageKeys() {
        return Set.of("finding.system-process-missing");
    }

    @Override
    public Set<Requirement> requires() {
        return Set.of(Requirement.TRACE_EVENTS);
    }

    @Override
    public RuleResult evaluate(CaseFacts facts) {
        List<Finding> findings = new ArrayList<>();
        boolean procmon = false;
        for (TraceFacts tf : facts.traces()) {
            Trace t = tf.trace();
            if (!t.format().startsWith("procmon-") || t.size() == 0) {
                continue;
            }
            procmon = true;
            if (!hasSystemEvents(t)) {
                findings.add(new Finding(id(), Finding.Severity.WARNING, "finding.system-process-missing",
                        List.of(t.source()), null, List.of()));
            }
        }
        return procmon ? new RuleResult.Findings(findings)
                : new RuleResult.NotApplicable("no procmon capture (ETW's kernel events include the System process)");
    }

    /**
     * Whether the trace shows any event of the System process, whose handles are kernel handles (a
     * boot log filters them out by default, procmon-formats.md §7.5).
     */
    static boolean hasSystemEvents(Trace t) {
        EventStore e = t.events();
        for (int i = 0, n = e.size(); i < n; i++) {
            if (t.process(i).pid() == SYSTEM_PID) {
                return true;
            }
        }
        return false;
    }
}
