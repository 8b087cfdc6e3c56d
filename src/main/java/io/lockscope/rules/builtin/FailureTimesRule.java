package io.lockscope.rules.builtin;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.FailureFacts;
import io.lockscope.model.EventStore;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceTime;
import io.lockscope.model.servicing.ServicingFailure;
import io.lockscope.rules.Args;
import io.lockscope.rules.Finding;
import io.lockscope.rules.Rule;
import io.lockscope.rules.RuleResult;
import io.lockscope.rules.TimeRef;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether the trace saw the failure the servicing log records: the log's failure line is placed on
 * the trace's clock ({@link CaseFacts#traceTicks}) and compared with the nearest failure on the
 * target. The driver queue records its result after the failed install, so the log's time is expected
 * from {@link #LOGGED_EARLIER_TICKS} before (CBS.log stamps whole seconds) to {@link #LOGGED_LATER_TICKS}
 * after the trace's failure. A log failure outside the capture, or far from every failure the trace
 * shows, is the classic mix-up of a trace from another boot than the failing one.
 */
public final class FailureTimesRule implements Rule {
    static final long LOGGED_EARLIER_TICKS = 2L * TraceTime.TICKS_PER_SECOND;
    static final long LOGGED_LATER_TICKS = 60L * TraceTime.TICKS_PER_SECOND;

    @Override
    public String id() {
        return "failure-times";
    }

    @Override
    public String description() {
        return "Whether the failure CBS.log or setupapi.dev.log records happened while the trace ran, at the failure it shows.";
    }

    @Override
    public Set<String> messageKeys() {
        return Set.of("finding.failure-time-outside-trace", "finding.failure-times-agree", "finding.failure-times-disagree.earlier", "finding.failure-times-disagree.later");
    }

    @Override
    public Set<Requirement> requires() {
        return Set.of(Requirement.SERVICING_LOGS, Requirement.TRACE_EVENTS);
    }

    @Override
    public RuleResult evaluate(CaseFacts facts) {
        ServicingFailure logged = facts.servicing().failure();
        if (logged == null || logged.time() == null) {
            return new RuleResult.NotApplicable("the servicing logs record no failure with a time");
        }
        if (facts.traces().isEmpty() || facts.trace(0).size() == 0) {
            return new RuleResult.NotApplicable("no trace events to compare with");
        }
        Long at = facts.traceTicks(logged.time());
        if (at == null) {
            return new RuleResult.NotApplicable("the servicing log's clock cannot be related to the trace's "
                    + "(no UTC offset in CBS.log and none for the trace)");
        }
        String where = logged.input() + ":" + logged.line();
        // the log's local time is shown on the trace's clock, so the sentence compares like with like
        TimeRef loggedTime = new TimeRef(0, at);
        Trace trace = facts.trace(0);
        EventStore events = trace.events();
        long first = events.time(0);
        long last = events.time(events.size() - 1);
        if (at < first - LOGGED_LATER_TICKS || at > last + LOGGED_LATER_TICKS) {
            return new RuleResult.Findings(List.of(new Finding(id(), Finding.Severity.WARNING,
                    "finding.failure-time-outside-trace",
                    List.of(where, loggedTime, trace.source(), new TimeRef(0, first), new TimeRef(0, last)),
                    null, List.of())));
        }
        FailureFacts nearest = null;
        for (FailureFacts f : facts.traces().get(0).failures()) {
            if (nearest == null || Math.abs(events.time(f.event()) - at) < Math.abs(events.time(nearest.event()) - at)) {
                nearest = f;
            }
        }
        if (nearest == null) {
            return new RuleResult.NotApplicable("the trace shows no failure on the target to compare with");
        }
        long delta = at - events.time(nearest.event());
        boolean agree = delta >= -LOGGED_EARLIER_TICKS && delta <= LOGGED_LATER_TICKS;
        List<Object> args = Args.concat(Args.event(facts, 0, nearest.event()), where, loggedTime,
                String.format(Locale.ROOT, "%.1f", Math.abs(delta) / (double) TraceTime.TICKS_PER_SECOND));
        String key = agree ? "finding.failure-times-agree"
                : delta < 0 ? "finding.failure-times-disagree.earlier" : "finding.failure-times-disagree.later";
        return new RuleResult.Findings(List.of(new Finding(id(), agree ? Finding.Severity.INFO : Finding.Severity.WARNING,
                key, args, null, List.of(new Finding.Evidence(0, nearest.event())))));
    }
}
