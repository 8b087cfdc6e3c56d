package io.lockscope.ingest.procmon.pml;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * FILETIMEs inside details (file times) in the text form the model keeps them in: procmon's en-US
 * "M/d/yyyy h:mm:ss AM" to the second. A PML carries no time zone, so they are rendered in UTC.
 */
public final class PmlTime {
    /** Seconds from 1601-01-01 to 1970-01-01. */
    static final long EPOCH_DIFFERENCE_SECONDS = 11_644_473_600L;
    static final long TICKS_PER_SECOND = 10_000_000L;
    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);

    private PmlTime() {
    }

    /** {@code filetime} (UTC) as procmon shows a file time. */
    public static String dateTime(long filetime) {
        long seconds = Math.floorDiv(filetime, TICKS_PER_SECOND) - EPOCH_DIFFERENCE_SECONDS;
        return LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC).format(DATE_TIME);
    }

    /** The FILETIME (to the second, UTC) that {@link #dateTime} renders as {@code text}. */
    public static long fileTime(String text) {
        LocalDateTime t = LocalDateTime.parse(text, DATE_TIME);
        return (t.toEpochSecond(ZoneOffset.UTC) + EPOCH_DIFFERENCE_SECONDS) * TICKS_PER_SECOND;
    }
}
