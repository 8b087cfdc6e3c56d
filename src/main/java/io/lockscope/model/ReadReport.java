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
 * that says nothing lockscope uses). An input cut short ({@link #truncated}) is read up to the cut.
 * Commands report damage and truncation as bad input.
 */
public final class ReadReport {
    private static final int MAX_WARNINGS = 200;

    private final Map<String, Long> skipped = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private long warningCount;
    private long ignored;
    private String firstDamage;
    private Truncation truncation;
    private final Map<String, String> decoders = new LinkedHashMap<>();

    /** Counts one damaged record skipped for {@code reason} and keeps a warning saying where. */
    public void skip(String reason, String where) {
        skipped.merge(reason, 1L, Long::sum);
        String warning = where + ": skipped: " + reason;
        if (firstDamage == null) {
            firstDamage = warning;
        }
        warn(warning);
    }

    /** Counts one record not decoded on purpose (not damage) for {@code reason}. */
    public void ignore(String reason, String where) {
        skipped.merge(reason, 1L, Long::sum);
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
            warnings.add(message);
        }
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
