package io.lockscope.ingest.procmon;

import io.lockscope.model.TimeBase;
import io.lockscope.model.vocab.ProcmonColumn;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Turns procmon's exported time columns into 100 ns ticks in one {@link TimeBase}
 * (procmon-formats.md §2.3, §4.4).
 *
 * <ul>
 *   <li>Time of Day is {@code h:mm:ss.fffffff AM} in en-US, {@code HH:mm:ss,fffffff} in European and
 *       Russian locales; every value is parsed in whichever of the two shapes it has.</li>
 *   <li>With a "Date &amp; Time" column (second resolution) the date is taken from it and the time from
 *       Time of Day: {@link TimeBase#LOCAL}, or {@link TimeBase#UTC} when the user gave the zone.</li>
 *   <li>Without a date: {@link TimeBase#TIME_OF_DAY}. With a Relative Time column the day is exact
 *       (capture start + relative time). Without it a midnight roll-over is inferred: a backward step
 *       of more than {@link #ROLL_OVER_STEP} (12 h) starts the next day. Exports are written in
 *       capture order, whose time goes backwards only by the reordering of events logged on several
 *       CPUs or completed later, which is far below a second, and by early-boot clock adjustments of
 *       at most the zone offset; 12 h keeps both apart from a day change, and still sees a day change
 *       after a capture gap of up to 12 h. An event up to {@link #STRAGGLER_WINDOW} (1 h) before
 *       midnight that follows the roll-over is a straggler of the previous day, not a jump ahead.</li>
 *   <li>With Relative Time alone, events are placed at their relative time (a time of day whose
 *       midnight is the first event); with no time column at all, at 0.</li>
 * </ul>
 */
final class ExportClock {
    static final long TICKS_PER_SECOND = 10_000_000L;
    static final long TICKS_PER_DAY = 86_400L * TICKS_PER_SECOND;
    static final long ROLL_OVER_STEP = TICKS_PER_DAY / 2;
    static final long STRAGGLER_WINDOW = 3_600L * TICKS_PER_SECOND;
    /** A parse failure; no valid time is negative. */
    static final long INVALID = Long.MIN_VALUE;
    /** By the number n of fraction digits (at most 7, see {@link #fractionEnd}): the ticks their last digit counts. */
    private static final long[] TICKS_OF_FRACTION_DIGITS = {0, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};
    private static final long EPOCH_DAY_1601 = LocalDate.of(1601, 1, 1).toEpochDay();

    /** How the day, month and year of a "Date &amp; Time" value are ordered. */
    enum DateOrder { MONTH_DAY_YEAR, DAY_MONTH_YEAR, YEAR_MONTH_DAY }

    private final boolean hasDate;
    private final boolean hasTimeOfDay;
    private final boolean hasRelative;
    private final ZoneOffset zone;

    private DateOrder dateOrder;
    private final char[] lastDate = new char[16];
    private int lastDateLength = -1;
    private long lastEpochDay;

    private boolean first = true;
    private long captureStart;
    private long lastTimeOfDay;
    private long dayOffset;

    ExportClock(boolean hasDate, boolean hasTimeOfDay, boolean hasRelative, ZoneOffset zone) {
        this.hasDate = hasDate;
        this.hasTimeOfDay = hasTimeOfDay;
        this.hasRelative = hasRelative;
        this.zone = zone;
    }

    TimeBase timeBase() {
        if (hasDate) {
            return zone != null ? TimeBase.UTC : TimeBase.LOCAL;
        }
        return TimeBase.TIME_OF_DAY;
    }

    /** Whether the export has no time at all (events keep their order, at time 0). */
    boolean timeless() {
        return !hasDate && !hasTimeOfDay && !hasRelative;
    }

    /**
     * A parser of another part of the same export, on another thread: the columns and the date order
     * are this one's; the state {@link #eventTime} keeps from row to row is not shared (it is only
     * used on the thread that puts the events in order).
     */
    ExportClock forAnotherPart() {
        ExportClock other = new ExportClock(hasDate, hasTimeOfDay, hasRelative, zone);
        other.dateOrder = dateOrder;
        return other;
    }

    /** Whether rows parse the same anywhere later in the export: the date order, if any, is known. */
    boolean settled() {
        return !hasDate || dateOrder != null;
    }

    /**
     * The first part of parsing {@code row}'s time, which needs no earlier row: the dated time with a
     * "Date &amp; Time" column, else the time of day, else the relative time, else 0.
     */
    long parseTime(ExportRow row) throws BadRowException {
        char[] c = row.chars();
        long timeOfDay = INVALID;
        if (hasTimeOfDay) {
            timeOfDay = parseClock(c, row.start(ProcmonColumn.TIME_OF_DAY), row.length(ProcmonColumn.TIME_OF_DAY), true);
            if (timeOfDay == INVALID) {
                throw BadRowException.value(ProcmonColumn.TIME_OF_DAY, row);
            }
        }
        if (hasDate) {
            return dated(row, timeOfDay);
        }
        if (hasTimeOfDay) {
            return timeOfDay;
        }
        return hasRelative ? relative(row) : 0;
    }

    /** The second part: the relative time when it anchors a time of day to its day, else 0. */
    long parseRelative(ExportRow row) throws BadRowException {
        return hasTimeOfDay && hasRelative && !hasDate ? relative(row) : 0;
    }

    /**
     * The event time in {@link #timeBase()} of a row whose {@link #parseTime} and {@link #parseRelative}
     * gave {@code time} and {@code relative}; rows must come in file order (a midnight roll-over and the
     * capture start are inferred from the rows before).
     */
    long eventTime(long time, long relative) {
        if (hasDate || !hasTimeOfDay) {
            return time;
        }
        return hasRelative ? anchored(time, relative) : rolledOver(time);
    }

    private long dated(ExportRow row, long timeOfDay) throws BadRowException {
        char[] c = row.chars();
        int start = row.start(ProcmonColumn.DATE_AND_TIME);
        int end = start + row.length(ProcmonColumn.DATE_AND_TIME);
        int space = start;
        while (space < end && c[space] != ' ') {
            space++;
        }
        long day = epochDay(c, start, space - start, end);
        if (day == INVALID) {
            throw BadRowException.value(ProcmonColumn.DATE_AND_TIME, row);
        }
        if (timeOfDay == INVALID) {
            timeOfDay = space < end ? parseClock(c, space + 1, end - space - 1, true) : INVALID;
            if (timeOfDay == INVALID) {
                throw BadRowException.value(ProcmonColumn.DATE_AND_TIME, row);
            }
        }
        long local = (day - EPOCH_DAY_1601) * TICKS_PER_DAY + timeOfDay;
        return zone == null ? local : local - zone.getTotalSeconds() * TICKS_PER_SECOND;
    }

    private long anchored(long timeOfDay, long relative) {
        if (first) {
            first = false;
            captureStart = timeOfDay - relative;
        }
        long expected = captureStart + relative;
        long days = Math.round((double) (expected - timeOfDay) / TICKS_PER_DAY);
        return timeOfDay + days * TICKS_PER_DAY;
    }

    private long rolledOver(long timeOfDay) {
        if (first) {
            first = false;
            lastTimeOfDay = timeOfDay;
            return timeOfDay;
        }
        long step = timeOfDay - lastTimeOfDay;
        if (step < -ROLL_OVER_STEP) {
            dayOffset += TICKS_PER_DAY;
        } else if (step > TICKS_PER_DAY - STRAGGLER_WINDOW && dayOffset > 0) {
            return timeOfDay + dayOffset - TICKS_PER_DAY;
        }
        lastTimeOfDay = timeOfDay;
        return timeOfDay + dayOffset;
    }

    private static long relative(ExportRow row) throws BadRowException {
        long t = parseClock(row.chars(), row.start(ProcmonColumn.RELATIVE_TIME), row.length(ProcmonColumn.RELATIVE_TIME), false);
        if (t == INVALID) {
            throw BadRowException.value(ProcmonColumn.RELATIVE_TIME, row);
        }
        return t;
    }

    /** Days since 1970-01-01 of the date {@code c[start, start+length)}, cached for repeated dates. */
    private long epochDay(char[] c, int start, int length, int valueEnd) {
        if (length == lastDateLength && regionEquals(c, start, lastDate, length)) {
            return lastEpochDay;
        }
        if (length > lastDate.length) {
            return INVALID;
        }
        if (dateOrder == null) {
            dateOrder = dateOrder(c, start, length, hasMeridiem(c, start, valueEnd));
        }
        long day = parseDate(c, start, length, dateOrder);
        if (day != INVALID) {
            System.arraycopy(c, start, lastDate, 0, length);
            lastDateLength = length;
            lastEpochDay = day;
        }
        return day;
    }

    /**
     * The date order of a file, from its first "Date &amp; Time" value: "/" with AM/PM is en-US
     * month/day/year; "/" in a 24-hour locale is day/month/year (en-GB, fr-FR) unless the first
     * component has four digits (ja-JP, zh-CN year/month/day); "." is day.month.year (de-DE, ru-RU);
     * "-" is ISO year-month-day.
     */
    static DateOrder dateOrder(char[] c, int start, int length, boolean twelveHour) {
        int firstComponent = 0;
        char separator = 0;
        for (int i = start; i < start + length; i++) {
            if (c[i] < '0' || c[i] > '9') {
                separator = c[i];
                break;
            }
            firstComponent++;
        }
        if (firstComponent == 4 || separator == '-') {
            return DateOrder.YEAR_MONTH_DAY;
        }
        if (separator == '/' && twelveHour) {
            return DateOrder.MONTH_DAY_YEAR;
        }
        return DateOrder.DAY_MONTH_YEAR;
    }

    /** Days since 1970-01-01 of a date written with one-character separators, or {@link #INVALID}. */
    static long parseDate(char[] c, int start, int length, DateOrder order) {
        int[] parts = new int[3];
        int part = 0;
        int digits = 0;
        for (int i = start, end = start + length; i < end; i++) {
            char ch = c[i];
            if (ch >= '0' && ch <= '9') {
                if (++digits > 4) {
                    return INVALID;
                }
                parts[part] = parts[part] * 10 + (ch - '0');
            } else {
                if (digits == 0 || part == 2) {
                    return INVALID;
                }
                part++;
                digits = 0;
            }
        }
        if (part != 2 || digits == 0) {
            return INVALID;
        }
        int year;
        int month;
        int day;
        if (order == DateOrder.MONTH_DAY_YEAR) {
            month = parts[0];
            day = parts[1];
            year = parts[2];
        } else if (order == DateOrder.DAY_MONTH_YEAR) {
            day = parts[0];
            month = parts[1];
            year = parts[2];
        } else {
            year = parts[0];
            month = parts[1];
            day = parts[2];
        }
        if (year < 1601 || month < 1 || month > 12 || day < 1 || day > 31) {
            return INVALID;
        }
        if (day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return INVALID;
        }
        return LocalDate.of(year, month, day).toEpochDay();
    }

    /**
     * Ticks of {@code h:mm:ss[.fffffff]} with, in a 12-hour locale, an AM/PM designator after the time
     * ({@code 1:18:10 AM}, {@code 1:18:10 p.m.}) or before it ({@code 上午 1:18:10}, {@code 오전 1:18:10});
     * the fraction separated by "." or ",". A time of day has hours 0–23 (1–12 with a designator); a
     * duration ({@code timeOfDay} false, Relative Time) any number of hours and no designator. Returns
     * {@link #INVALID} when the text is not of that shape.
     */
    static long parseClock(char[] c, int start, int length, boolean timeOfDay) {
        int end = start + length;
        int i = start;
        int meridiem = NO_MERIDIEM;
        if (timeOfDay && i < end && (c[i] < '0' || c[i] > '9')) {
            int digit = i;
            while (digit < end && (c[digit] < '0' || c[digit] > '9')) {
                digit++;
            }
            int designatorEnd = digit;
            while (designatorEnd > i && c[designatorEnd - 1] == ' ') {
                designatorEnd--;
            }
            meridiem = meridiem(c, i, designatorEnd);
            if (meridiem == NO_MERIDIEM) {
                return INVALID;
            }
            i = digit;
        }
        long hours = 0;
        int hourDigits = 0;
        while (i < end && c[i] >= '0' && c[i] <= '9') {
            hours = hours * 10 + (c[i++] - '0');
            if (++hourDigits > 9) {
                return INVALID;
            }
        }
        if (hourDigits == 0 || i >= end || c[i++] != ':') {
            return INVALID;
        }
        int minutes = twoDigits(c, i, end);
        i += 2;
        if (minutes < 0 || minutes > 59 || i >= end || c[i++] != ':') {
            return INVALID;
        }
        int seconds = twoDigits(c, i, end);
        i += 2;
        if (seconds < 0 || seconds > 59) {
            return INVALID;
        }
        long fraction = 0;
        if (i < end && (c[i] == '.' || c[i] == ',')) {
            int to = fractionEnd(c, ++i, end);
            if (to < 0 || to == i) {
                return INVALID;
            }
            fraction = fractionTicks(c, i, to);
            i = to;
        }
        if (i < end) {
            if (!timeOfDay || meridiem != NO_MERIDIEM) {
                return INVALID;
            }
            while (i < end && c[i] == ' ') {
                i++;
            }
            meridiem = meridiem(c, i, end);
            if (meridiem == NO_MERIDIEM) {
                return INVALID;
            }
        }
        if (meridiem != NO_MERIDIEM) {
            if (hours < 1 || hours > 12) {
                return INVALID;
            }
            hours = hours % 12 + (meridiem == PM ? 12 : 0);
        } else if (timeOfDay && hours > 23) {
            return INVALID;
        }
        return ((hours * 60 + minutes) * 60 + seconds) * TICKS_PER_SECOND + fraction;
    }

    private static final int NO_MERIDIEM = -1;
    private static final int AM = 0;
    private static final int PM = 1;
    /**
     * The AM and PM designators of Windows locales with a 12-hour clock, in pairs: English (any case),
     * the Canadian and Spanish-American dotted forms, Chinese, Japanese and Korean.
     */
    private static final char[][] DESIGNATORS = {
            "AM".toCharArray(), "PM".toCharArray(), "a.m.".toCharArray(), "p.m.".toCharArray(),
            "a. m.".toCharArray(), "p. m.".toCharArray(), "上午".toCharArray(), "下午".toCharArray(),
            "午前".toCharArray(), "午後".toCharArray(), "오전".toCharArray(), "오후".toCharArray()};

    /** {@link #AM} or {@link #PM} when {@code c[from, to)} is a designator, else {@link #NO_MERIDIEM}. */
    private static int meridiem(char[] c, int from, int to) {
        for (int d = 0; d < DESIGNATORS.length; d++) {
            char[] designator = DESIGNATORS[d];
            if (designator.length == to - from && equalsIgnoringAsciiCase(c, from, designator)) {
                return d % 2 == 0 ? AM : PM;
            }
        }
        return NO_MERIDIEM;
    }

    private static boolean equalsIgnoringAsciiCase(char[] c, int from, char[] expected) {
        for (int k = 0; k < expected.length; k++) {
            char a = c[from + k];
            char b = expected[k];
            if (a != b && !(a < 128 && Character.toUpperCase(a) == Character.toUpperCase(b))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Ticks of a number of seconds ({@code 0.0000691}, {@code 0,0000691}); -2 for an empty value
     * (procmon leaves Duration empty while an operation is pending), {@link #INVALID} otherwise.
     */
    static long parseSeconds(char[] c, int start, int length) {
        if (length == 0) {
            return -2;
        }
        int end = start + length;
        int i = start;
        long seconds = 0;
        int digits = 0;
        while (i < end && c[i] >= '0' && c[i] <= '9') {
            seconds = seconds * 10 + (c[i++] - '0');
            if (++digits > 12) {
                return INVALID;
            }
        }
        if (digits == 0) {
            return INVALID;
        }
        long fraction = 0;
        if (i < end && (c[i] == '.' || c[i] == ',')) {
            int to = fractionEnd(c, ++i, end);
            if (to < 0) {
                return INVALID;
            }
            fraction = fractionTicks(c, i, to);
            i = to;
        }
        return i == end ? seconds * TICKS_PER_SECOND + fraction : INVALID;
    }

    /**
     * Where the digits of a decimal fraction starting at {@code from} end, or -1 when there are more
     * than 7 of them: procmon writes 100 ns ticks, so an eighth digit is not a procmon time.
     */
    private static int fractionEnd(char[] c, int from, int end) {
        int i = from;
        while (i < end && c[i] >= '0' && c[i] <= '9') {
            i++;
        }
        return i - from > 7 ? -1 : i;
    }

    /** The 100 ns ticks of the fraction digits {@code c[from, to)} ("8939738" → 8,939,738). */
    private static long fractionTicks(char[] c, int from, int to) {
        long digits = 0;
        for (int i = from; i < to; i++) {
            digits = digits * 10 + (c[i] - '0');
        }
        return digits * TICKS_OF_FRACTION_DIGITS[to - from];
    }

    /**
     * The decimal separator of a time or duration value ('.' or ','), or 0 when it has none: in a time,
     * the one right after the seconds (a designator such as {@code p. m.} has dots of its own).
     */
    static char decimalSeparator(char[] c, int start, int length) {
        int end = start + length;
        for (int i = end - 1; i >= start; i--) {
            if (c[i] == ':') {
                return i + 3 < end && (c[i + 3] == '.' || c[i + 3] == ',') ? c[i + 3] : 0;
            }
        }
        for (int i = start; i < end; i++) {
            if (c[i] == '.' || c[i] == ',') {
                return c[i];
            }
        }
        return 0;
    }

    private static boolean hasMeridiem(char[] c, int start, int end) {
        return end - start >= 2 && (c[end - 1] == 'M' || c[end - 1] == 'm')
                && (c[end - 2] == 'A' || c[end - 2] == 'P' || c[end - 2] == 'a' || c[end - 2] == 'p');
    }

    private static int twoDigits(char[] c, int i, int end) {
        if (i + 2 > end) {
            return -1;
        }
        int a = c[i] - '0';
        int b = c[i + 1] - '0';
        if (a < 0 || a > 9 || b < 0 || b > 9) {
            return -1;
        }
        return a * 10 + b;
    }

    private static boolean regionEquals(char[] a, int aStart, char[] b, int length) {
        for (int k = 0; k < length; k++) {
            if (a[aStart + k] != b[k]) {
                return false;
            }
        }
        return true;
    }
}
