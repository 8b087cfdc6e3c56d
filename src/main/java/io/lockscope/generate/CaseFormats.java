package io.lockscope.generate;

import java.util.ArrayList;
import java.util.List;

/**
 * The formats {@code lockscope generate --formats} knows. Writers of other branches (PML, servicing
 * logs) are added to {@link #ALL} when they merge.
 */
public final class CaseFormats {
    public static final List<CaseFormat> ALL = List.of(new ProcmonCsvFormat(), new ProcmonXmlFormat(),
            new ProcmonPmlFormat(), new ServicingLogsFormat());

    private CaseFormats() {
    }

    /**
     * The format with id {@code id}.
     *
     * @throws IllegalArgumentException listing the known ids
     */
    public static CaseFormat byId(String id) {
        for (CaseFormat f : ALL) {
            if (f.id().equalsIgnoreCase(id.trim())) {
                return f;
            }
        }
        List<String> known = new ArrayList<>();
        ALL.forEach(f -> known.add(f.id()));
        throw new IllegalArgumentException("unknown format '" + id.trim() + "' (known: " + String.join(", ", known) + ")");
    }

    /** Parses a comma-separated list of format ids ("csv,xml"), without duplicates. */
    public static List<CaseFormat> parse(String list) {
        List<CaseFormat> out = new ArrayList<>();
        for (String id : list.split(",")) {
            CaseFormat f = byId(id);
            if (!out.contains(f)) {
                out.add(f);
            }
        }
        return List.copyOf(out);
    }
}
