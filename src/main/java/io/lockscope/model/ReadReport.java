package io.lockscope.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reader could not take as it was: records skipped (counted per reason, never silently) and
 * warnings (things tolerated, with where). Shown by {@code info} and in every report.
 *
 * <p>A skipped record is either damaged ({@link #skip}: a broken row, an unreadable event) or
 * deliberately not decoded ({@link #ignore}: an ETW provider lockscope has no layout for, a log line
 * that says nothing lockscope uses). An input cut short ({@link #truncated}) is read up to the cut, and
 * one with more events than the limit ({@link #eventLimitReached}) is kept up to the limit. Commands report
 * damage, truncation and the event limit as bad input.
 */
public final class ReadReport {
    private static final int MAX_WARNINGS = 200;

    private final Map<String, Long> skipped = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private long warningCount;
    private long ignored;
    private String firstDamage;
    private Truncation truncation;
    private EventLimit eventLimit;

    /**
     * The events past a limit on how many are kept (see {@code --max-events}): dropped, and counted.
     *
     * @param kept    the events kept, the first of the input
     * @param notKept the events read after them and dropped
     */
    public record EventLimit(long kept, long notKept) {
        /** "event limit reached: the first 1,000 events were kept, 250 more were not": for stderr, always English. */
        public String describe() {
            return String.format(java.util.Locale.ROOT, "event limit reached: the first %,d events were kept, %,d more"
                    + " were not (--max-events)", kept, notKept);
        }
    }

    private final Map<String, String> decoders = new LinkedHashMap<>();

    /** Counts one damaged record skipped for {@code reason} and keeps a warning saying where. */
    public void skip(String reason, String where) {
        skipped.merge(oneLine(reason), 1L, Long::sum);
        String warning = oneLine(where + ": skipped: " + reason);
        if (firstDamage == null) {
            firstDamage = warning;
        }
        warn(warning);
    }

    /** Counts one record not decoded on purpose (not damage) for {@code reason}. */
    public void ignore(String reason, String where) {
        skipped.merge(oneLine(reason), 1L, Long::sum);
        ignored++;
        warn(where + ": not decoded: " + reason);
    }

    /** Skipped records that were damaged, as opposed to deliberately not decoded. */
    public long damagedTotal() {
        return skippedTotal() - ignored;
    }

    /** Where the first damaged record was and why it was skipped, or null when none was. */
    public String firstDamage() {
        return firstDamage;
    }

    /** The input ends at {@code cut}: what came before was read. */
    public void truncated(Truncation cut) {
        truncation = cut;
    }

    /** Where the input was cut short, or null when it is whole. */
    public Truncation truncation() {
        return truncation;
    }

    /** Only the first {@code kept} events were kept; {@code notKept} more were read and dropped. */
    public void eventLimitReached(long kept, long notKept) {
        eventLimit = new EventLimit(kept, notKept);
        warn(eventLimit.describe());
    }

    /** The events dropped past the limit, or null when every event read was kept. */
    public EventLimit eventLimit() {
        return eventLimit;
    }

    /**
     * Says which implementation decoded {@code part} of the input where the reader had a choice (the
     * XPRESS decoder of a compressed ETL: native or Java; the threads that decoded a PML).
     */
    public void decodedWith(String part, String implementation) {
        decoders.put(part, implementation);
    }

    /** What {@link #decodedWith} recorded, by part, in the order first recorded. */
    public Map<String, String> decoders() {
        return Collections.unmodifiableMap(decoders);
    }

    public void warn(String message) {
        warningCount++;
        if (warnings.size() < MAX_WARNINGS) {
            warnings.add(oneLine(message));
        }
    }

    /**
     * {@code text} with its control characters written as escapes ({@code \n}, {@code \x00}): a warning
     * quotes what the input holds, and a line break inside a damaged value would split its stderr line
     * and the text report's, and let a file write lines of its own into them.
     */
    static String oneLine(String text) {
        int i = 0;
        while (i < text.length() && !isControl(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 8).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (!isControl(c)) {
                        b.append(c);
                    } else {
                        b.append(String.format(c <= 0xFF ? "\\x%02X" : "\\u%04X", (int) c));
                    }
                }
            }
        }
        return b.toString();
    }

    /** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
    private static boolean isControl(char c) {
        return c < 0x20 || c >= 0x7F && c <= 0x9F || c == '\u2028' || c == '\u2029';
    }

    public long skippedTotal() {
        long n = 0;
        for (long v : skipped.values()) {
            n += v;
        }
        return n;
    }

    public Map<String, Long> skippedByReason() {
        return Collections.unmodifiableMap(skipped);
    }

    /** The first warnings (at most 200) followed, when more were raised, by a line counting the rest. */
    public List<String> warnings() {
        if (warningCount <= warnings.size()) {
            return Collections.unmodifiableList(warnings);
        }
        List<String> out = new ArrayList<>(warnings);
        out.add("… and " + (warningCount - warnings.size()) + " more warnings");
        return out;
    }

    public long warningCount() {
        return warningCount;
    }
}
