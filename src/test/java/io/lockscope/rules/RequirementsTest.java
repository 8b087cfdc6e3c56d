package io.lockscope.rules;

import io.lockscope.analysis.CaseFacts;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Rules#diagnose} runs a rule only when the case has every input the rule requires. */
class RequirementsTest {
    @Test
    void aRuleWhoseInputIsMissingIsNotApplicableAndSaysWhich() {
        Diagnosis d = Rules.diagnose(CaseFacts.analyse(List.of(new TraceFixture().build()), List.of("oposdrv.inf"),
                StubAttribution.INSTANCE));
        Map<String, RuleResult> byRule = d.outcomes().stream()
                .collect(Collectors.toMap(o -> o.rule().id(), Diagnosis.Outcome::result));
        for (Rule rule : Rules.all()) {
            if (rule.requires().contains(Rule.Requirement.FILTER_LIST)) {
                RuleResult.NotApplicable n = assertInstanceOf(RuleResult.NotApplicable.class, byRule.get(rule.id()));
                assertEquals("the case has no fltmc output or FilterList.log", n.why(), rule.id());
            }
        }
        assertFalse(Rules.has(d.facts(), Rule.Requirement.SERVICING_LOGS));
        assertFalse(Rules.has(d.facts(), Rule.Requirement.FAILURES));
        assertTrue(Rules.has(d.facts(), Rule.Requirement.TRACE_EVENTS));
    }
}
