package io.lockscope.rules.builtin;

import io.lockscope.analysis.Attribution;
import io.lockscope.analysis.CaseFacts;
import io.lockscope.model.servicing.InstalledFilter;
import io.lockscope.rules.Args;
import io.lockscope.rules.Finding;
import io.lockscope.rules.Rule;
import io.lockscope.rules.RuleResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Third-party file-system filters loaded on the machine (fltmc, FilterList.log), with altitude,
 * vendor and load-order group: the agents that can deny servicing I/O without holding a handle
 * (servicing.md §6.5 step 4). A warning when one sits in a group that inspects file I/O.
 */
public final class ThirdPartyFiltersRule implements Rule {
    private static final List<String> INSPECTING_GROUPS = List.of("FSFilter Anti-Virus", "FSFilter Activity Monitor",
            "FSFilter Security Enhancer", "FSFilter Content Screener", "FSFilter Encryption");

    @Override
    public String id() {
        return "third-party-filters";
    }

    @Override
    public String description() {
        return "Third-party file-system filters loaded on the machine, flagged when in an anti-virus or monitoring group.";
    }

    @Override
    public Set<String> messageKeys() {
        return Set.of("finding.third-party-filters");
    }

    @Override
    public Set<Requirement> requires() {
        return Set.of(Requirement.FILTER_LIST);
    }

    @Override
    public RuleResult evaluate(CaseFacts facts) {
        List<InstalledFilter> filters = facts.servicing().filters();
        if (filters.isEmpty()) {
            return new RuleResult.NotApplicable("no fltmc output or FilterList.log in the case");
        }
        List<Args.Described> listed = new ArrayList<>();
        boolean inspecting = false;
        for (InstalledFilter f : filters) {
            Attribution.FilterFacts known = facts.attribution().describe(f);
            if (!Boolean.TRUE.equals(known.thirdParty())) {
                continue;
            }
            inspecting |= known.group() != null && INSPECTING_GROUPS.contains(known.group());
            List<String> details = new ArrayList<>();
            details.add(f.altitude() == null ? "?" : f.altitude());
            if (known.vendor() != null) {
                details.add(known.vendor());
            }
            if (known.group() != null) {
                details.add(known.group());
            }
            listed.add(new Args.Described(f.name(), details));
        }
        if (listed.isEmpty()) {
            return new RuleResult.Findings(List.of());
        }
        return new RuleResult.Findings(List.of(new Finding(id(), inspecting ? Finding.Severity.WARNING : Finding.Severity.INFO,
                "finding.third-party-filters", List.of(Integer.toString(listed.size()), listed), null,
                List.of())));
    }
}
