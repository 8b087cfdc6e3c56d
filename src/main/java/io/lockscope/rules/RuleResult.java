package io.lockscope.rules;

import java.util.List;

/** What a rule says about a case: not applicable (with why), or its findings (possibly none). */
public sealed interface RuleResult {

    record NotApplicable(String why) implements RuleResult {
    }

    record Findings(List<Finding> findings) implements RuleResult {
        public Findings {
            findings = List.copyOf(findings);
        }
    }
}
