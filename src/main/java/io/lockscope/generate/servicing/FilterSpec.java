package io.lockscope.generate.servicing;

/**
 * A filter to list in generated {@code fltmc filters} / FilterList.log output.
 *
 * @param instances null for a legacy filter (fltmc prints no count)
 * @param altitude  a decimal string, possibly fractional
 * @param frame     null for a legacy filter
 */
public record FilterSpec(String name, Integer instances, String altitude, Integer frame) {
    public static FilterSpec minifilter(String name, int instances, String altitude) {
        return new FilterSpec(name, instances, altitude, 0);
    }

    public static FilterSpec legacy(String name, String altitude) {
        return new FilterSpec(name, null, altitude, null);
    }

    public boolean isLegacy() {
        return frame == null;
    }
}
