package io.lockscope.export;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The 27 columns procmon can export, with the header spelling of its CSV and the element name of its
 * XML (the column name with spaces replaced by {@code _}). Source: procmon-formats.md §2.2 (names and
 * PMC column ids from eronnen/procmon-parser consts.py) and §3.2 (XML element names).
 */
public enum ProcmonColumn {
    TIME_OF_DAY("Time of Day", 40078),
    PROCESS_NAME("Process Name", 40053),
    PID("PID", 40054),
    OPERATION("Operation", 40055),
    PATH("Path", 40071),
    RESULT("Result", 40056),
    DETAIL("Detail", 40057),
    /**
     * No public XML export with this column was found; spaces become {@code _} like every other column
     * and the {@code &}, which no XML element name may contain, is dropped: {@code Date__Time}.
     */
    DATE_AND_TIME("Date & Time", 40052),
    RELATIVE_TIME("Relative Time", 40076),
    DURATION("Duration", 40077),
    COMPLETION_TIME("Completion Time", 40164),
    EVENT_CLASS("Event Class", 40082),
    SEQUENCE("Sequence", 40058),
    IMAGE_PATH("Image Path", 40068),
    COMPANY("Company", 40064),
    DESCRIPTION("Description", 40065),
    VERSION("Version", 40081),
    USER("User", 40067),
    AUTHENTICATION_ID("Authentication ID", 40083),
    SESSION("Session", 40069),
    COMMAND_LINE("Command Line", 40066),
    TID("TID", 40072),
    VIRTUALIZED("Virtualized", 40084),
    INTEGRITY("Integrity", 40085),
    CATEGORY("Category", 40086),
    PARENT_PID("Parent PID", 40087),
    ARCHITECTURE("Architecture", 40088);

    /** procmon's default column set, in its order (Noriben and prsp0007 samples). */
    public static final List<ProcmonColumn> DEFAULT = List.of(
            TIME_OF_DAY, PROCESS_NAME, PID, OPERATION, PATH, RESULT, DETAIL);

    /** All 27 columns in the order procmon-parser's fixture exports use (declaration order). */
    public static final List<ProcmonColumn> ALL = List.of(values());

    private final String csvName;
    private final int pmcId;

    ProcmonColumn(String csvName, int pmcId) {
        this.csvName = csvName;
        this.pmcId = pmcId;
    }

    /** The CSV header spelling ("Time of Day"). */
    public String csvName() {
        return csvName;
    }

    /** The XML element name ("Time_of_Day"). */
    public String xmlName() {
        return csvName.replace("&", "").replace(' ', '_');
    }

    /** The column id in a PMC configuration's ColumnMap. */
    public int pmcId() {
        return pmcId;
    }

    /** The column whose CSV header is {@code name} (case-insensitive), or null. */
    public static ProcmonColumn byCsvName(String name) {
        for (ProcmonColumn c : values()) {
            if (c.csvName.equalsIgnoreCase(name.trim())) {
                return c;
            }
        }
        return null;
    }

    /**
     * Parses a column selection as the CLI takes it: {@code default}, {@code all}, or a comma-separated
     * list of CSV header names ("Time of Day,PID,Path").
     *
     * @throws IllegalArgumentException naming the first unknown column
     */
    public static List<ProcmonColumn> parseSelection(String selection) {
        String s = selection.trim().toLowerCase(Locale.ROOT);
        if (s.equals("default")) {
            return DEFAULT;
        }
        if (s.equals("all")) {
            return ALL;
        }
        List<ProcmonColumn> out = new ArrayList<>();
        for (String name : selection.split(",")) {
            ProcmonColumn c = byCsvName(name);
            if (c == null) {
                throw new IllegalArgumentException("unknown procmon column '" + name.trim() + "'");
            }
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no columns selected");
        }
        return List.copyOf(out);
    }
}
