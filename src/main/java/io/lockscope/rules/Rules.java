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

    /** Runs every rule and decides the verdict. */
    public static Diagnosis diagnose(CaseFacts facts) {
        List<Diagnosis.Outcome> outcomes = new ArrayList<>();
        for (Rule rule : ALL) {
            outcomes.add(new Diagnosis.Outcome(rule, rule.evaluate(facts)));
        }
        List<Finding> findings = outcomes.stream()
                .filter(o -> o.result() instanceof RuleResult.Findings)
                .flatMap(o -> ((RuleResult.Findings) o.result()).findings().stream())
                .sorted(Comparator.comparing(Finding::severity))
                .toList();
        return new Diagnosis(facts, outcomes, findings, Verdicts.decide(facts, findings));
    }
}
