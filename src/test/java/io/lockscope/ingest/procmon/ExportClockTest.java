package io.lockscope.ingest.procmon;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExportClockTest {
    private static final long SECOND = ExportClock.TICKS_PER_SECOND;

    private static long clock(String s, boolean timeOfDay) {
        return ExportClock.parseClock(s.toCharArray(), 0, s.length(), timeOfDay);
    }

    private static long date(String s, ExportClock.DateOrder order) {
        return ExportClock.parseDate(s.toCharArray(), 0, s.length(), order);
    }

    @Test
    void twelveHourTimesOfDay() {
        assertEquals(((1 * 60 + 18) * 60 + 10) * SECOND + 8_939_738, clock("1:18:10.8939738 AM", true));
        assertEquals(25 * SECOND, clock("12:00:25.0000000 AM", true), "12 AM is midnight");
        assertEquals(12 * 3600 * SECOND + 25 * SECOND, clock("12:00:25.0000000 PM", true), "12 PM is noon");
        assertEquals((23 * 3600 + 59 * 60 + 59) * SECOND + 9_999_999, clock("11:59:59.9999999 PM", true));
        assertEquals(((1 * 60 + 18) * 60 + 10) * SECOND, clock("1:18:10 AM", true), "Date & Time has whole seconds");
    }

    @Test
    void twentyFourHourTimesWithDecimalComma() {
        assertEquals(((15 * 60 + 42) * 60 + 22) * SECOND + 8_459_553, clock("15:42:22,8459553", true));
        assertEquals(5 * SECOND, clock("00:00:05,0000000", true));
        assertEquals(1_000_000, clock("00:00:00.1", true), "fewer than 7 digits scale");
    }

    @Test
    void malformedTimesAreInvalid() {
        for (String bad : new String[] {"", "noon", "25:00:00,0", "13:00:00.0 PM", "0:00:00.0 AM", "1:60:00.0", "1:00:60.0",
                "1:00:00.", "1:00:00.12345678", "1:00:00.0 XM", "1:00:00.0 AM extra", "1:0:00.0"}) {
            assertEquals(ExportClock.INVALID, clock(bad, true), bad);
        }
        assertEquals(ExportClock.INVALID, clock("00:00:01.0 AM", false), "Relative Time has no AM/PM");
        assertEquals(30 * 3600 * SECOND, clock("30:00:00.0000000", false), "Relative Time may pass 24 h");
    }

    @Test
    void durationsInEitherDecimal() {
        assertEquals(691, ExportClock.parseSeconds("0.0000691".toCharArray(), 0, 9));
        assertEquals(691, ExportClock.parseSeconds("0,0000691".toCharArray(), 0, 9));
        assertEquals(12 * SECOND + 5_000_000, ExportClock.parseSeconds("12.5".toCharArray(), 0, 4));
        assertEquals(-2, ExportClock.parseSeconds(new char[0], 0, 0), "empty: pending");
        assertEquals(ExportClock.INVALID, ExportClock.parseSeconds("n/a".toCharArray(), 0, 3));
        assertEquals(ExportClock.INVALID, ExportClock.parseSeconds("0.00006910".toCharArray(), 0, 10),
                "an eighth fraction digit is finer than procmon's 100 ns");
        assertEquals(12 * SECOND, ExportClock.parseSeconds("12.".toCharArray(), 0, 3));
    }

    @Test
    void dateOrdersAreDetectedFromTheFirstValue() {
        assertEquals(ExportClock.DateOrder.MONTH_DAY_YEAR, ExportClock.dateOrder("7/12/2020".toCharArray(), 0, 9, true));
        assertEquals(ExportClock.DateOrder.DAY_MONTH_YEAR, ExportClock.dateOrder("12/07/2020".toCharArray(), 0, 10, false));
        assertEquals(ExportClock.DateOrder.DAY_MONTH_YEAR, ExportClock.dateOrder("12.07.2020".toCharArray(), 0, 10, false));
        assertEquals(ExportClock.DateOrder.YEAR_MONTH_DAY, ExportClock.dateOrder("2020/07/12".toCharArray(), 0, 10, false));
        assertEquals(ExportClock.DateOrder.YEAR_MONTH_DAY, ExportClock.dateOrder("2020-07-12".toCharArray(), 0, 10, false));
        long july12 = LocalDate.of(2020, 7, 12).toEpochDay();
        assertEquals(july12, date("7/12/2020", ExportClock.DateOrder.MONTH_DAY_YEAR));
        assertEquals(july12, date("12.07.2020", ExportClock.DateOrder.DAY_MONTH_YEAR));
        assertEquals(july12, date("2020-07-12", ExportClock.DateOrder.YEAR_MONTH_DAY));
        assertEquals(ExportClock.INVALID, date("2/30/2020", ExportClock.DateOrder.MONTH_DAY_YEAR));
        assertEquals(ExportClock.INVALID, date("13/12/2020", ExportClock.DateOrder.MONTH_DAY_YEAR));
        assertEquals(ExportClock.INVALID, date("7/12", ExportClock.DateOrder.MONTH_DAY_YEAR));
    }
}
