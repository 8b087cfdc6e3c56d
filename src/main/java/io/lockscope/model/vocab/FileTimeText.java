package io.lockscope.model.vocab;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A FILETIME as procmon writes one inside a Detail: en-US "M/d/yyyy h:mm:ss AM" to the second, in UTC
 * (a PML carries no time zone).
 */
public final class FileTimeText {
    /** Seconds from 1601-01-01 to 1970-01-01. */
    private static final long EPOCH_DIFFERENCE_SECONDS = 11_644_473_600L;
    private static final long TICKS_PER_SECOND = 10_000_000L;
    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);

    private FileTimeText() {
    }

    /** {@code filetime} (100 ns ticks since 1601, UTC) as procmon shows it. */
    public static String of(long filetime) {
        long seconds = Math.floorDiv(filetime, TICKS_PER_SECOND) - EPOCH_DIFFERENCE_SECONDS;
        return LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC).format(DATE_TIME);
    }

    /** The FILETIME (to the second, UTC) that {@link #of} renders as {@code text}. */
    public static long parse(String text) {
        LocalDateTime t = LocalDateTime.parse(text, DATE_TIME);
        return (t.toEpochSecond(ZoneOffset.UTC) + EPOCH_DIFFERENCE_SECONDS) * TICKS_PER_SECOND;
    }
}
