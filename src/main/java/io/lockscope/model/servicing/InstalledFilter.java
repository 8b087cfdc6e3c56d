package io.lockscope.model.servicing;

import java.util.List;

/**
 * A file-system filter loaded on the machine as {@code fltmc filters}, {@code fltmc instances} or CBS's
 * FilterList.log listed it (servicing.md §2.2, §6.4).
 *
 * @param name      the filter name (normally the service name, e.g. {@code TMPreFilter}), not the .sys file
 * @param altitude  exactly as printed: altitudes are decimal strings and may be fractional ({@code 385250.5});
 *                  null when the listing has none (FilterList.log)
 * @param frame     the filter-manager frame, null for a legacy filter or when not listed
 * @param legacy    {@code Frame = <Legacy>}: a legacy (non-minifilter) file-system filter
 * @param instances the instance count, null when not printed (legacy filters)
 * @param volumes   the volumes its instances are attached to ({@code fltmc instances}), else empty
 */
public record InstalledFilter(String name, String altitude, Integer frame, boolean legacy, Integer instances,
                              List<String> volumes, FilterSource source) {
    public InstalledFilter {
        volumes = List.copyOf(volumes);
    }
}
