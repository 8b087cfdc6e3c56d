package io.lockscope.analysis.kb;

import java.util.List;

/**
 * What the knowledge base knows about a filter, summarised over the allocations that match a lookup.
 * A field is null when the matching allocations disagree on it (a driver file allocated several
 * altitudes, an altitude shared by a 32- and a 64-bit file, a third-party SDK driver name used by
 * many companies): the knowledge base does not pick one.
 *
 * @param vendor      the normalised vendor ({@code Trend Micro}), null when unknown or ambiguous
 * @param group       the load-order group of {@code altitude}, null when the altitude is ambiguous
 * @param thirdParty  false when every matching allocation is Microsoft's (or the filter is a known inbox
 *                    filter), true when none is, null when they are mixed or the owner is unknown
 * @param allocations the allocations the lookup matched (empty for a filter known only by name)
 */
public record KnownFilter(String driver, String altitude, String company, String vendor, String group,
                          Boolean thirdParty, List<FilterAllocation> allocations) {
    public KnownFilter {
        allocations = List.copyOf(allocations);
    }
}
