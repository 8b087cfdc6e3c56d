package io.lockscope.ingest.procmon;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The 27 columns procmon can export, spelled as in a CSV header (procmon-formats.md §2.2). The XML
 * export names the same columns with spaces replaced by {@code _} ({@code Time_of_Day}); other tools
 * lower-case them ({@code event_class}). {@link #forName} accepts all of these spellings.
 */
public enum ProcmonColumn {
    TIME_OF_DAY("Time of Day"),
    PROCESS_NAME("Process Name"),
    PID("PID"),
    OPERATION("Operation"),
    PATH("Path"),
    RESULT("Result"),
    DETAIL("Detail"),
    DATE_AND_TIME("Date & Time"),
    RELATIVE_TIME("Relative Time"),
    DURATION("Duration"),
    COMPLETION_TIME("Completion Time"),
    EVENT_CLASS("Event Class"),
    SEQUENCE("Sequence"),
    IMAGE_PATH("Image Path"),
    COMPANY("Company"),
    DESCRIPTION("Description"),
    VERSION("Version"),
    USER("User"),
    AUTHENTICATION_ID("Authentication ID"),
    SESSION("Session"),
    COMMAND_LINE("Command Line"),
    TID("TID"),
    VIRTUALIZED("Virtualized"),
    INTEGRITY("Integrity"),
    CATEGORY("Category"),
    PARENT_PID("Parent PID"),
    ARCHITECTURE("Architecture");

    /** Number of columns, the size of per-column arrays. */
    public static final int COUNT = values().length;

    private static final Map<String, ProcmonColumn> BY_KEY = new HashMap<>();

    static {
        for (ProcmonColumn c : values()) {
            BY_KEY.put(key(c.procmonName), c);
        }
        // "Date & Time" cannot be an XML element name; accept the spellings an exporter would choose
        BY_KEY.put("dateandtime", DATE_AND_TIME);
    }

    private final String procmonName;

    ProcmonColumn(String procmonName) {
        this.procmonName = procmonName;
    }

    /** The header spelling ("Time of Day"). */
    public String procmonName() {
        return procmonName;
    }

    /**
     * The column a CSV header cell or XML element is named after, or null. Only letters and digits
     * count, case-insensitively, so "Time of Day", "Time_of_Day" and "time_of_day" are the same.
     */
    public static ProcmonColumn forName(String name) {
        return BY_KEY.get(key(name));
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
