package io.lockscope.rules.builtin;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.ClockAlignment;
import io.lockscope.analysis.FailureFacts;
import io.lockscope.model.EventStore;
import io.lockscope.model.Paths;
import io.lockscope.model.Trace;
import io.lockscope.rules.Args;
import io.lockscope.rules.Finding;
import io.lockscope.rules.Rule;
import io.lockscope.rules.RuleResult;
import io.lockscope.rules.TimeRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Two traces of the same boot (a procmon boot log and a WPR trace) cross-checked: their clocks are
 * aligned by the processes both saw start ({@link ClockAlignment}), then each failure of one is
 * looked up in the other (same path, same result, within {@link #SAME_FAILURE_TICKS} once aligned)
 * and what each names as the blocker is compared. Agreement is corroboration; disagreement is worth
 * an engineer's look.
 */
public final class TracesAgreeRule implements Rule {
    /** Two failures this close, once the clocks are aligned, are the same failure seen twice. */
    static final long SAME_FAILURE_TICKS = 2L * 10_000_000L;

    @Override
    public String id() {
        return "traces-agree";
    }

    @Override
    public String description() {
        return "Traces of the same boot (procmon and ETW) aligned by process starts; their failures and blockers compared.";
    }

    @Override
    public Set<String> messageKeys() {
        return Set.of("finding.traces-agree", "finding.traces-aligned", "finding.traces-disagree", "finding.traces-not-aligned");
    }

    @Override
    public Set<Requirement> requires() {
        return Set.of(Requirement.TRACE_EVENTS);
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("same-failure-within", Rule.seconds(SAME_FAILURE_TICKS),
                "process-start-outlier", Rule.seconds(ClockAlignment.OUTLIER_TICKS));
    }

    @Override
    public RuleResult evaluate(CaseFacts facts) {
        if (facts.traces().size() < 2) {
            return new RuleResult.NotApplicable("one trace in the case: nothing to cross-check");
        }
        List<Finding> findings = new ArrayList<>();
        for (int[] pair : ClockAlignment.pairs(facts.traces().size())) {
            Trace a = facts.trace(pair[0]);
            Trace b = facts.trace(pair[1]);
            ClockAlignment alignment = ClockAlignment.between(a, b);
            if (alignment == null) {
                findings.add(new Finding(id(), Finding.Severity.INFO, "finding.traces-not-aligned",
                        List.of(a.source(), b.source()), null, List.of()));
                continue;
            }
            findings.add(new Finding(id(), Finding.Severity.INFO, "finding.traces-aligned",
                    List.of(b.source(), a.source(), seconds(alignment.offsetTicks()), alignment.matches(),
                            seconds(alignment.spreadTicks())), null, List.of()));
            compareFailures(facts, pair[0], pair[1], alignment, findings);
        }
        return new RuleResult.Findings(findings);
    }

    private void compareFailures(CaseFacts facts, int a, int b, ClockAlignment alignment, List<Finding> findings) {
        for (FailureFacts fa : facts.traces().get(a).failures()) {
            FailureFacts fb = sameFailure(facts, fa, b, alignment);
            if (fb == null) {
                continue;
            }
            Set<String> blockersA = blockers(facts, fa);
            Set<String> blockersB = blockers(facts, fb);
            boolean agree = !blockersA.isEmpty() && blockersA.equals(blockersB)
                    || (!blockersA.isEmpty() && !blockersB.isEmpty() && overlap(blockersA, blockersB));
            List<Object> args = Args.event(facts, a, fa.event());
            args.add(facts.trace(b).source());
            args.add(new TimeRef(b, facts.trace(b).events().time(fb.event())));
            args.add(blockersA.isEmpty() ? "-" : new Args.Names(List.copyOf(blockersA)));
            args.add(blockersB.isEmpty() ? "-" : new Args.Names(List.copyOf(blockersB)));
            findings.add(new Finding(id(), agree ? Finding.Severity.INFO : Finding.Severity.WARNING,
                    agree ? "finding.traces-agree" : "finding.traces-disagree", args, null,
                    List.of(new Finding.Evidence(a, fa.event()), new Finding.Evidence(b, fb.event()))));
        }
    }

    /** The failure of trace {@code b} that is {@code fa} seen again, or null. */
    private static FailureFacts sameFailure(CaseFacts facts, FailureFacts fa, int b, ClockAlignment alignment) {
        EventStore ea = facts.trace(fa.input()).events();
        EventStore eb = facts.trace(b).events();
        String path = Paths.normalize(ea.path(fa.event()));
        long at = ea.time(fa.event()) + alignment.offsetTicks();
        FailureFacts best = null;
        long bestDistance = Long.MAX_VALUE;
        for (FailureFacts fb : facts.traces().get(b).failures()) {
            long distance = Math.abs(eb.time(fb.event()) - at);
            if (eb.result(fb.event()) == ea.result(fa.event()) && distance <= SAME_FAILURE_TICKS
                    && distance < bestDistance && Paths.normalize(eb.path(fb.event())).equals(path)) {
                best = fb;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Who a failure names: the processes of its blocking holds and the drivers found on it. */
    private static Set<String> blockers(CaseFacts facts, FailureFacts f) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Trace t = facts.trace(f.input());
        f.blocking().forEach(h -> names.add(t.processes().get(h.hold().processKey()).name()));
        f.drivers().stream().filter(d -> d.seen() != FailureFacts.Seen.OTHER_IO).forEach(d -> names.add(d.module()));
        f.filterCalls().forEach(c -> names.add(c.module()));
        return names;
    }

    private static boolean overlap(Set<String> a, Set<String> b) {
        return a.stream().anyMatch(b::contains);
    }

    private static String seconds(long ticks) {
        return String.format(Locale.ROOT, "%.3f", ticks / 1e7);
    }
}
