package io.lockscope.ingest.etw.etl;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * TIME_ZONE_INFORMATION of the capturing machine, as the logfile header stores it (winbase.h; 172
 * bytes):
 *
 * <pre>
 * 0   i32 Bias (minutes, UTC = local + bias)   4   wchar StandardName[32]
 * 68  SYSTEMTIME StandardDate                  84  i32 StandardBias
 * 88  wchar DaylightName[32]                   152 SYSTEMTIME DaylightDate   168 i32 DaylightBias
 * SYSTEMTIME: u16 wYear, wMonth, wDayOfWeek (0 = Sunday), wDay, wHour, wMinute, wSecond, wMilliseconds
 * </pre>
 * A transition date with wYear 0 is a yearly rule: the wDay-th (5 = last) wDayOfWeek of wMonth at
 * wHour:wMinute local time; wMonth 0 means the zone has no daylight time.
 */
public record TimeZoneInfo(int bias, String standardName, Rule standardDate, int standardBias, String daylightName,
                           Rule daylightDate, int daylightBias) {
    public static final int SIZE = 172;

    /** A SYSTEMTIME transition rule. */
    public record Rule(int year, int month, int dayOfWeek, int day, int hour, int minute) {
        static Rule read(TraceRecord r, int at) {
            return new Rule(r.u16(at), r.u16(at + 2), r.u16(at + 4), r.u16(at + 6), r.u16(at + 8), r.u16(at + 10));
        }

        /** The local date-time of this rule in {@code year}; null when the rule is unusable. */
        LocalDateTime in(int forYear) {
            if (month < 1 || month > 12 || hour > 23 || minute > 59) {
                return null;
            }
            if (year != 0) {
                return day < 1 || day > 31 || year != forYear ? null : safeDate(year, month, day, hour, minute);
            }
            if (dayOfWeek > 6 || day < 1 || day > 5) {
                return null;
            }
            DayOfWeek dow = DayOfWeek.of(dayOfWeek == 0 ? 7 : dayOfWeek);
            LocalDate first = LocalDate.of(forYear, month, 1);
            LocalDate date = day == 5 ? first.with(TemporalAdjusters.lastInMonth(dow))
                    : first.with(TemporalAdjusters.dayOfWeekInMonth(day, dow));
            return date.atTime(hour, minute);
        }

        private static LocalDateTime safeDate(int y, int m, int d, int h, int min) {
            try {
                return LocalDateTime.of(y, m, d, h, min);
            } catch (DateTimeException invalid) {
                return null;
            }
        }
    }

    static TimeZoneInfo read(TraceRecord r, int at) {
        return new TimeZoneInfo(r.i32(at), r.utf16Fixed(at + 4, 32), Rule.read(r, at + 68), r.i32(at + 84),
                r.utf16Fixed(at + 88, 32), Rule.read(r, at + 152), r.i32(at + 168));
    }

    /**
     * The offset of local time from UTC at {@code fileTime} (a UTC FILETIME), daylight time included;
     * null when the biases are out of range.
     */
    public ZoneOffset offsetAt(long fileTime) {
        int minutes = -(bias + (inDaylightTime(fileTime) ? daylightBias : standardBias));
        if (Math.abs(minutes) > 18 * 60) {
            return null;
        }
        return ZoneOffset.ofTotalSeconds(minutes * 60);
    }

    private boolean inDaylightTime(long fileTime) {
        if (daylightDate.month() == 0 || standardDate.month() == 0) {
            return false;
        }
        long epochSecond = Math.floorDiv(fileTime, 10_000_000L) - 11_644_473_600L;
        LocalDateTime utc = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        int year = utc.getYear();
        LocalDateTime daylightStart = daylightDate.in(year);
        LocalDateTime standardStart = standardDate.in(year);
        if (daylightStart == null || standardStart == null) {
            return false;
        }
        // the rules are in local time: daylight starts in standard time, ends in daylight time
        LocalDateTime beginUtc = daylightStart.plusMinutes(bias + standardBias);
        LocalDateTime endUtc = standardStart.plusMinutes(bias + daylightBias);
        Instant t = utc.toInstant(ZoneOffset.UTC);
        Instant begin = beginUtc.toInstant(ZoneOffset.UTC);
        Instant end = endUtc.toInstant(ZoneOffset.UTC);
        return begin.isBefore(end)
                ? !t.isBefore(begin) && t.isBefore(end)
                : !t.isBefore(begin) || t.isBefore(end); // southern hemisphere
    }
}
