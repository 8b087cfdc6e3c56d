package io.lockscope.analysis.kb;

import io.lockscope.model.servicing.InstalledFilter;

/**
 * A listed filter with what the knowledge base adds: one entry of the JSON report's {@code filters}
 * section (name, altitude, instances and source from {@link #filter()}).
 *
 * @param known      the knowledge base's match, null when it knows nothing about the filter
 * @param group      the load-order group (from the altitude's range when the filter itself is unknown), null
 *                   when there is no altitude
 * @param vendor     null when unknown or ambiguous — never a guess
 * @param thirdParty false for Microsoft's filters, true for a filter the knowledge base attributes to another
 *                   company, null when it cannot tell
 */
public record FilterDescription(InstalledFilter filter, KnownFilter known, String group, String vendor,
                                Boolean thirdParty) {
}
