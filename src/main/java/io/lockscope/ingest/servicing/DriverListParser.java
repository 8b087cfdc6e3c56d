package io.lockscope.ingest.servicing;

import io.lockscope.model.servicing.DriverPackage;
import io.lockscope.model.servicing.ServicingFacts;

import java.util.Locale;

/**
 * The {@code Key : value} blocks dism's list format and pnputil print, one block per driver package,
 * each starting with the published name. Both tools' labels (and pnputil's older spellings) map onto
 * the same fields (servicing.md §2.4).
 */
final class DriverListParser {
    private final ServicingFacts.Builder facts = new ServicingFacts.Builder();
    private Draft current;

    private static final class Draft {
        String published;
        String original;
        Boolean inbox;
        String className;
        String provider;
        String dateText;
        String version;
        String signer;

        DriverPackage build() {
            return new DriverPackage(published, original, inbox, className, provider, dateText,
                    ShortDates.parse(dateText), version, signer);
        }
    }

    /** Takes one {@code key : value} pair; returns false when the line is not one. */
    boolean line(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        String key = text.substring(0, colon).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        String value = text.substring(colon + 1).strip();
        field(key, value);
        return true;
    }

    /** Sets field {@code key} (lower-case label) of the current package; a published name starts a new one. */
    void field(String key, String value) {
        if (key.equals("published name")) {
            close();
            current = new Draft();
            current.published = value;
            return;
        }
        Draft d = current;
        if (d == null) {
            return; // preamble: "Version: 10.0.17763.1", "Image Version: …"
        }
        String v = value.isEmpty() ? null : value;
        switch (key) {
            case "original file name", "original name" -> d.original = v;
            case "inbox" -> d.inbox = v == null ? null : v.equalsIgnoreCase("yes");
            case "class name", "class" -> d.className = v;
            case "provider name", "driver package provider" -> d.provider = v;
            case "date" -> d.dateText = v;
            case "version" -> d.version = v;
            case "driver version", "driver date and version" -> dateAndVersion(d, value);
            case "signer name" -> d.signer = v;
            default -> {
                // Class GUID, Boot Critical, Extension ID … carry nothing lockscope uses
            }
        }
    }

    /** pnputil's {@code 06/21/2006 10.0.17763.1}: the version is the last word. */
    private static void dateAndVersion(Draft d, String value) {
        int space = value.lastIndexOf(' ');
        if (space < 0) {
            d.version = value.isEmpty() ? null : value;
        } else {
            d.dateText = value.substring(0, space).strip();
            d.version = value.substring(space + 1);
        }
    }

    void close() {
        if (current != null) {
            facts.drivers.add(current.build());
            current = null;
        }
    }

    ServicingFacts finish() {
        close();
        return facts.build();
    }
}
