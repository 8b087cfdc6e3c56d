package io.lockscope.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Renders and converts the 100 ns tick values of a trace's time column, whatever its
 * {@link TimeBase}. Absolute times print as ISO-8601 with 7 fractional digits; times of day as
 * {@code HH:MM:SS.fffffff} (report-json.md "Times").
 */
public final class TraceTime {
    /** 100 ns ticks per second. */
    public static final long TICKS_PER_SECOND = 10_000_000L;
    public static final long TICKS_PER_DAY = 86_400L * TICKS_PER_SECOND;
    /** FILETIME ticks from 1601-01-01 to 1970-01-01. */
    public static final long EPOCH_DIFF_TICKS = 116_444_736_000_000_000L;

    private TraceTime() {
    }

    /** How a tick value of {@code trace} reads: ISO-8601 when the date is known, else time of day. */
    public static String format(Trace trace, long ticks) {
        return format(trace.timeBase(), trace.zone(), ticks);
    }

    public static String format(TimeBase base, ZoneOffset zone, long ticks) {
        if (base == TimeBase.TIME_OF_DAY) {
            return timeOfDay(Math.floorMod(ticks, TICKS_PER_DAY));
        }
        long unixTicks = ticks - EPOCH_DIFF_TICKS;
        long seconds = Math.floorDiv(unixTicks, TICKS_PER_SECOND);
        int fraction = (int) Math.floorMod(unixTicks, TICKS_PER_SECOND);
        if (base == TimeBase.UTC) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
            return t.toLocalDate() + "T" + timeOfDay(t.toLocalTime().toSecondOfDay() * TICKS_PER_SECOND + fraction) + "Z";
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        String local = t.toLocalDate() + "T" + timeOfDay(t.toLocalTime().toSecondOfDay() * TICKS_PER_SECOND + fraction);
        return zone == null ? local : local + zone.getId().replace("Z", "+00:00");
    }

    /**
     * What a trace's times are (report-json.md {@code inputs[].clock}): {@code utc}, {@code local} (the
     * capturing machine's, offset unknown), {@code local+08:00} (offset known), or {@code time-of-day}
     * (local, no date).
     */
    public static String clock(TimeBase base, ZoneOffset zone) {
        return switch (base) {
            case UTC -> "utc";
            case TIME_OF_DAY -> "time-of-day";
            case LOCAL -> localClock(zone);
        };
    }

    /** {@code local}, or {@code local+08:00} when the offset from UTC is known. */
    public static String localClock(ZoneOffset zone) {
        return zone == null ? "local" : "local" + zone.getId().replace("Z", "+00:00");
    }

    /** {@code HH:MM:SS.fffffff} of a tick count since midnight. */
    public static String timeOfDay(long ticksOfDay) {
        long s = ticksOfDay / TICKS_PER_SECOND;
        long f = ticksOfDay % TICKS_PER_SECOND;
        StringBuilder sb = new StringBuilder(16);
        two(sb, s / 3600).append(':');
        two(sb, (s / 60) % 60).append(':');
        two(sb, s % 60).append('.');
        String frac = Long.toString(f);
        sb.append("0".repeat(7 - frac.length())).append(frac);
        return sb.toString();
    }

    /** Seconds between two tick values, for "offsetSeconds" and durations. */
    public static double seconds(long ticks) {
        return ticks / (double) TICKS_PER_SECOND;
    }

    public static long fromInstant(Instant instant) {
        return EPOCH_DIFF_TICKS + instant.getEpochSecond() * TICKS_PER_SECOND + instant.getNano() / 100;
    }

    private static StringBuilder two(StringBuilder sb, long v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }
}
