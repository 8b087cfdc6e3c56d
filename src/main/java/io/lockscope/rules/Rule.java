package io.lockscope.rules;

import io.lockscope.analysis.CaseFacts;

import java.util.Map;
import java.util.Set;

/**
 * A diagnosis rule: stateless, found through {@link java.util.ServiceLoader} (see {@link Rules}),
 * reading only the analysed case. A rule whose inputs are absent says so instead of guessing.
 */
public interface Rule {
    /** Stable id, as in reports ("sharing-violation-holder"). */
    String id();

    /** One sentence for {@code lockscope rules}. */
    String description();

    /** What the rule needs in the case. */
    Set<Requirement> requires();

    /** Parameters and their values, for {@code lockscope rules}; empty when it has none. */
    default Map<String, String> parameters() {
        return Map.of();
    }

    RuleResult evaluate(CaseFacts facts);

    /** The keys of every message the rule's findings can use (report/messages*.properties), for checking both bundles. */
    Set<String> messageKeys();

    /** Kinds of input a rule can need; {@link Rules#diagnose} runs a rule only when the case has them all. */
    enum Requirement {
        /** A trace (procmon or ETW). */
        TRACE_EVENTS("trace"),
        /** Failed servicing operations on the targets. */
        FAILURES("failed servicing operation on the targets"),
        /** Call stacks in a trace (procmon PML or XML with stacks, ETW with stack walks). */
        STACKS("call stacks (use the PML, or an XML export with stacks)"),
        /** CBS.log or setupapi.dev.log. */
        SERVICING_LOGS("CBS.log or setupapi.dev.log"),
        /** A filter list: fltmc output or FilterList.log. */
        FILTER_LIST("fltmc output or FilterList.log");

        private final String description;

        Requirement(String description) {
            this.description = description;
        }

        /** The input in words, after "the case has no …". */
        public String description() {
            return description;
        }
    }
}
