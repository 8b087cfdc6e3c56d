package io.lockscope.rules;

import io.lockscope.analysis.CaseFacts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** The rules on the class path, and running them over a case. */
public final class Rules {
    private static final List<Rule> ALL = load();

    private Rules() {
    }

    private static List<Rule> load() {
        List<Rule> rules = new ArrayList<>();
        ServiceLoader.load(Rule.class, Rules.class.getClassLoader()).forEach(rules::add);
        rules.sort(Comparator.comparing(Rule::id));
        return List.copyOf(rules);
    }

    public static List<Rule> all() {
        return ALL;
    }

    /**
     * Runs every rule whose {@link Rule#requires() inputs} the case has — the others are not applicable,
     * saying which input is missing — and decides the verdict.
     */
    public static Diagnosis diagnose(CaseFacts facts) {
        List<Diagnosis.Outcome> outcomes = new ArrayList<>();
        for (Rule rule : ALL) {
            Rule.Requirement missing = rule.requires().stream().filter(r -> !has(facts, r))
                    .min(Comparator.naturalOrder()).orElse(null);
            RuleResult result = missing == null ? rule.evaluate(facts)
                    : new RuleResult.NotApplicable("the case has no " + missing.description());
            outcomes.add(new Diagnosis.Outcome(rule, result));
        }
        List<Finding> findings = outcomes.stream()
                .filter(o -> o.result() instanceof RuleResult.Findings)
                .flatMap(o -> ((RuleResult.Findings) o.result()).findings().stream())
                .sorted(Comparator.comparing(Finding::severity))
                .toList();
        return new Diagnosis(facts, outcomes, findings, Verdicts.decide(facts, findings));
    }

    /** Whether the case has the input {@code requirement} names. */
    static boolean has(CaseFacts facts, Rule.Requirement requirement) {
        return switch (requirement) {
            case TRACE_EVENTS -> !facts.traces().isEmpty();
            case FAILURES -> !facts.allFailures().isEmpty();
            case STACKS -> facts.traces().stream().anyMatch(t -> t.trace().stacks().size() > 0);
            case SERVICING_LOGS -> facts.servicing().hasServicingLog();
            case FILTER_LIST -> !facts.servicing().filters().isEmpty();
        };
    }
}
