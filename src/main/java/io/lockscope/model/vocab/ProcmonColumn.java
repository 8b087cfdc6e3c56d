package io.lockscope.model.vocab;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The 27 columns procmon can export, for the readers and the writers of its exports alike: the CSV
 * header spelling, the XML element name (the header with spaces replaced by {@code _}) and the PMC
 * column id. Sources: procmon-formats.md §2.2 (names and PMC column ids from eronnen/procmon-parser
 * consts.py) and §3.2 (XML element names).
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

    /** Number of columns, the size of per-column arrays. */
    public static final int COUNT = values().length;

    /** procmon's default column set, in its order (Noriben and prsp0007 samples). */
    public static final List<ProcmonColumn> DEFAULT = List.of(
            TIME_OF_DAY, PROCESS_NAME, PID, OPERATION, PATH, RESULT, DETAIL);

    /** All 27 columns in the order procmon-parser's fixture exports use (declaration order). */
    public static final List<ProcmonColumn> ALL = List.of(values());

    private static final Map<String, ProcmonColumn> BY_KEY = new HashMap<>();

    static {
        for (ProcmonColumn c : values()) {
            BY_KEY.put(key(c.procmonName), c);
        }
        // "Date & Time" cannot be an XML element name; accept the spellings an exporter would choose
        BY_KEY.put("dateandtime", DATE_AND_TIME);
    }

    private final String procmonName;
    private final int pmcId;

    ProcmonColumn(String procmonName, int pmcId) {
        this.procmonName = procmonName;
        this.pmcId = pmcId;
    }

    /** The CSV header spelling ("Time of Day"). */
    public String procmonName() {
        return procmonName;
    }

    /** The XML element name ("Time_of_Day"). */
    public String xmlName() {
        return procmonName.replace("&", "").replace(' ', '_');
    }

    /** The column id in a PMC configuration's ColumnMap. */
    public int pmcId() {
        return pmcId;
    }

    /**
     * The column a CSV header cell or XML element is named after, or null. Only letters and digits
     * count, case-insensitively, so "Time of Day", "Time_of_Day" and "time_of_day" are the same.
     */
    public static ProcmonColumn forName(String name) {
        return BY_KEY.get(key(name));
    }

    /**
     * Parses a column selection as the CLI takes it: {@code default}, {@code all}, or a comma-separated
     * list of column names ("Time of Day,PID,Path").
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
            ProcmonColumn c = forName(name);
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

    private static String key(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
