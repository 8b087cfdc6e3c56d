package io.lockscope.ingest.etw.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A TraceEvent "GeneralParsing" baseline (microsoft/perfview TraceEvent.Tests): at most five
 * {@code EVENT} lines per event name — header fields then {@code name=value; } pairs, values cut at 20
 * characters plus "..." — and one {@code COUNT provider/event:n} line per event name.
 */
public final class TraceEventBaseline {
    /** One EVENT line. */
    public record Event(String name, Map<String, String> fields) {
        public String get(String field) {
            return fields.get(field);
        }
    }

    private final List<Event> events = new ArrayList<>();
    private final Map<String, Long> counts = new TreeMap<>();

    public TraceEventBaseline(Path file) throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("COUNT ")) {
                int colon = line.lastIndexOf(':');
                counts.put(line.substring(6, colon), Long.parseLong(line.substring(colon + 1)));
            } else if (line.startsWith("EVENT ")) {
                int colon = line.indexOf(": ");
                int space = line.indexOf(" PID=", colon + 2);
                String name = line.substring(colon + 2, space);
                Map<String, String> fields = new LinkedHashMap<>();
                for (String pair : line.substring(space + 1).split("; ")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        fields.put(pair.substring(0, eq), pair.substring(eq + 1).replaceAll(";\\s*$", ""));
                    }
                }
                events.add(new Event(name, fields));
            }
        }
    }

    public List<Event> events(String name) {
        return events.stream().filter(e -> e.name.equals(name)).toList();
    }

    public Map<String, Long> counts() {
        return counts;
    }

    /** How TraceEvent's test shows a value: cut to 20 characters plus "...". */
    public static String cut(String value) {
        return value.length() > 20 ? value.substring(0, 20) + "..." : value;
    }

    /** TraceEvent's "n0"-style number: thousands separated by commas. */
    public static String number(long value) {
        return String.format("%,d", value);
    }
}
