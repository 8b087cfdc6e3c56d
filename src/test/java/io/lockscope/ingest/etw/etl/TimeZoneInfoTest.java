package io.lockscope.ingest.etw.etl;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimeZoneInfoTest {
    private static long fileTime(String instant) {
        Instant t = Instant.parse(instant);
        return (t.getEpochSecond() + 11_644_473_600L) * 10_000_000L + t.getNano() / 100;
    }

    // Windows' "W. Europe Standard Time": last Sunday of March 02:00 → last Sunday of October 03:00
    private static final TimeZoneInfo BERLIN = new TimeZoneInfo(-60, "W. Europe Standard Time",
            new TimeZoneInfo.Rule(0, 10, 0, 5, 3, 0), 0, "W. Europe Daylight Time",
            new TimeZoneInfo.Rule(0, 3, 0, 5, 2, 0), -60);
    // "AUS Eastern Standard Time": first Sunday of April 03:00 → first Sunday of October 02:00
    private static final TimeZoneInfo SYDNEY = new TimeZoneInfo(-600, "AUS Eastern Standard Time",
            new TimeZoneInfo.Rule(0, 4, 0, 1, 3, 0), 0, "AUS Eastern Daylight Time",
            new TimeZoneInfo.Rule(0, 10, 0, 1, 2, 0), -60);

    @Test
    void daylightTimeStartsAtTheLocalTransitionInstant() {
        // 2024-03-31 02:00 CET = 01:00 UTC
        assertEquals(ZoneOffset.ofHours(1), BERLIN.offsetAt(fileTime("2024-03-31T00:59:59Z")));
        assertEquals(ZoneOffset.ofHours(2), BERLIN.offsetAt(fileTime("2024-03-31T01:00:00Z")));
        // 2024-10-27 03:00 CEST = 01:00 UTC
        assertEquals(ZoneOffset.ofHours(2), BERLIN.offsetAt(fileTime("2024-10-27T00:59:59Z")));
        assertEquals(ZoneOffset.ofHours(1), BERLIN.offsetAt(fileTime("2024-10-27T01:00:00Z")));
    }

    @Test
    void southernHemisphereDaylightTimeSpansTheYearEnd() {
        assertEquals(ZoneOffset.ofHours(11), SYDNEY.offsetAt(fileTime("2024-01-15T00:00:00Z")));
        assertEquals(ZoneOffset.ofHours(10), SYDNEY.offsetAt(fileTime("2024-07-15T00:00:00Z")));
        assertEquals(ZoneOffset.ofHours(11), SYDNEY.offsetAt(fileTime("2024-12-15T00:00:00Z")));
    }

    @Test
    void zoneWithoutDaylightRuleOrWithNonsenseUsesTheStandardBias() {
        TimeZoneInfo utc = new TimeZoneInfo(0, "UTC", new TimeZoneInfo.Rule(0, 0, 0, 0, 0, 0), 0, "UTC",
                new TimeZoneInfo.Rule(0, 0, 0, 0, 0, 0), 0);
        assertEquals(ZoneOffset.UTC, utc.offsetAt(fileTime("2024-07-01T00:00:00Z")));
        TimeZoneInfo garbage = new TimeZoneInfo(-330, "?", new TimeZoneInfo.Rule(0, 13, 9, 9, 99, 0), 0, "?",
                new TimeZoneInfo.Rule(0, 3, 0, 5, 2, 0), -60);
        assertEquals(ZoneOffset.ofHoursMinutes(5, 30), garbage.offsetAt(fileTime("2024-07-01T00:00:00Z")));
        TimeZoneInfo outOfRange = new TimeZoneInfo(100_000, "?", new TimeZoneInfo.Rule(0, 0, 0, 0, 0, 0), 0, "?",
                new TimeZoneInfo.Rule(0, 0, 0, 0, 0, 0), 0);
        assertEquals(null, outOfRange.offsetAt(fileTime("2024-07-01T00:00:00Z")));
    }
}
