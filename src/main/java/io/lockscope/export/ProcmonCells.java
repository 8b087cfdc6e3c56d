package io.lockscope.export;

import io.lockscope.model.EventStore;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.TimeBase;
import io.lockscope.model.vocab.DetailFormat;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.model.vocab.ProcmonColumn;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;

/**
 * Renders the text of one export cell the way procmon writes it, shared by the CSV and XML writers.
 * Stateful: Relative Time counts from the first row rendered, as procmon counts from the first event of
 * the saved file. Value formats: procmon-formats.md §2.2–2.3 and procmon-parser logs.py
 * ({@code get_compatible_csv_info}, which is checked against procmon's CSV).
 */
public final class ProcmonCells {
    /** 100 ns ticks between 1601-01-01 and 1970-01-01. */
    public static final long FILETIME_UNIX_EPOCH = 116_444_736_000_000_000L;
    public static final long TICKS_PER_SECOND = 10_000_000L;
    private static final long TICKS_PER_DAY = 86_400L * TICKS_PER_SECOND;

    private final ExportOptions options;
    private final ZoneRules zoneRules;
    private final TimeBase timeBase;
    private final char decimal;
    private long firstTime;
    private boolean seenFirst;

    public ProcmonCells(ExportOptions options, TimeBase timeBase) {
        this.options = options;
        this.zoneRules = options.zone().getRules();
        this.timeBase = timeBase;
        this.decimal = options.locale().numbers().decimal();
    }

    /** The text of {@code column} for {@code row}; never null. */
    public String cell(ProcmonColumn column, EventRow row) {
        if (!seenFirst) {
            seenFirst = true;
            firstTime = row.time();
        }
        ProcessInfo p = row.process();
        switch (column) {
            case TIME_OF_DAY:
                return timeOfDay(row.time());
            case PROCESS_NAME:
                return text(p.name());
            case PID:
                return Integer.toString(p.pid());
            case OPERATION:
                return options.version().operation(row.operationName());
            case PATH:
                return row.path();
            case RESULT:
                return NtStatus.name(row.result());
            case DETAIL:
                return detail(row);
            case DATE_AND_TIME:
                return dateAndTime(row.time());
            case RELATIVE_TIME:
                return relativeTime(row.time() - firstTime);
            case DURATION:
                return completed(row) ? seconds(row.duration()) : "";
            case COMPLETION_TIME:
                return completed(row) ? timeOfDay(row.time() + row.duration()) : "";
            case EVENT_CLASS:
                return row.eventClass().procmonName();
            case SEQUENCE:
                // procmon prints n/a for the Sequence of every event of a saved log (procmon-formats.md §1.8)
                return "n/a";
            case IMAGE_PATH:
                return text(p.imagePath());
            case COMPANY:
                return text(p.company());
            case DESCRIPTION:
                return text(p.description());
            case VERSION:
                return text(p.version());
            case USER:
                return text(p.user());
            case AUTHENTICATION_ID:
                return text(p.authenticationId());
            case SESSION:
                return p.session() < 0 ? "" : Integer.toString(p.session());
            case COMMAND_LINE:
                return text(p.commandLine());
            case TID:
                return Integer.toString(row.tid());
            case VIRTUALIZED:
                return p.virtualized() == null ? "n/a" : (p.virtualized() ? "True" : "False");
            case INTEGRITY:
                return text(p.integrity());
            case CATEGORY:
                return ProcmonCategory.of(row.operation(), row.detail());
            case PARENT_PID:
                return p.parentPid() < 0 ? "" : Integer.toString(p.parentPid());
            case ARCHITECTURE:
                return p.is64bit() == null ? "" : (p.is64bit() ? "64-bit" : "32-bit");
            default:
                throw new IllegalStateException("unhandled column " + column);
        }
    }

    /** The Detail text, cut to the {@value DetailFormat#MAX_CHARS} characters procmon's detail buffer holds. */
    public String detail(EventRow row) {
        String text = DetailFormat.render(row.operation(), options.version().detail(row.detail()),
                options.locale().numbers());
        return text.length() > DetailFormat.MAX_CHARS ? text.substring(0, DetailFormat.MAX_CHARS) : text;
    }

    /** The wall-clock time of {@code time} in the export's zone, as ticks since 1601 (local). */
    private long localTicks(long time) {
        if (timeBase != TimeBase.UTC) {
            return time;
        }
        long epochSecond = Math.floorDiv(time - FILETIME_UNIX_EPOCH, TICKS_PER_SECOND);
        ZoneOffset offset = zoneRules.getOffset(Instant.ofEpochSecond(epochSecond));
        return time + offset.getTotalSeconds() * TICKS_PER_SECOND;
    }

    /** en-US {@code 1:18:10.8939738 AM}, zh-CN {@code 上午 1:18:10.8939738}; 24-hour {@code 15:42:22,8459553}. */
    public String timeOfDay(long time) {
        long ticks = Math.floorMod(localTicks(time), TICKS_PER_DAY);
        return clock(ticks / TICKS_PER_SECOND, decimal + fraction(ticks % TICKS_PER_SECOND));
    }

    /** en-US {@code 7/12/2020 1:18:10 AM} (seconds only); empty for a time-of-day trace (no date known). */
    public String dateAndTime(long time) {
        if (timeBase == TimeBase.TIME_OF_DAY) {
            return "";
        }
        long local = localTicks(time);
        LocalDateTime dt = LocalDateTime.ofEpochSecond(
                Math.floorDiv(local - FILETIME_UNIX_EPOCH, TICKS_PER_SECOND), 0, ZoneOffset.UTC);
        int y = dt.getYear();
        int m = dt.getMonthValue();
        int d = dt.getDayOfMonth();
        String day = switch (options.locale().date()) {
            case MONTH_DAY_YEAR -> m + "/" + d + "/" + y;
            case DAY_MONTH_YEAR -> two(d) + "." + two(m) + "." + y;
            case YEAR_MONTH_DAY_SLASHES -> y + "/" + m + "/" + d;
            case ISO -> y + "-" + two(m) + "-" + two(d);
        };
        return day + ' ' + clock(dt.toLocalTime().toSecondOfDay(), "");
    }

    /** {@code HH:MM:SS.fffffff} since the first event. */
    public String relativeTime(long delta) {
        long secs = Math.floorDiv(delta, TICKS_PER_SECOND);
        return two(secs / 3600) + ':' + two(secs / 60 % 60) + ':' + two(secs % 60) + decimal
                + fraction(Math.floorMod(delta, TICKS_PER_SECOND));
    }

    /** Seconds with 7 decimals ({@code 0.0000691}). */
    public String seconds(long ticks) {
        return Long.toString(ticks / TICKS_PER_SECOND) + decimal + fraction(ticks % TICKS_PER_SECOND);
    }

    private static boolean completed(EventRow row) {
        return row.result() != NtStatus.PENDING && row.duration() != EventStore.NO_DURATION;
    }

    /** The locale's clock of {@code secondOfDay}, with {@code fraction} right after the seconds. */
    private String clock(long secondOfDay, String fraction) {
        int h = (int) (secondOfDay / 3600);
        String minutesAndSeconds = ":" + two(secondOfDay / 60 % 60) + ":" + two(secondOfDay % 60) + fraction;
        ProcmonLocale.Meridiem meridiem = options.locale().meridiem();
        if (meridiem == null) {
            return two(h) + minutesAndSeconds;
        }
        String time = (h % 12 == 0 ? 12 : h % 12) + minutesAndSeconds;
        String designator = h < 12 ? meridiem.am() : meridiem.pm();
        return meridiem.first() ? designator + " " + time : time + " " + designator;
    }

    private static String two(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }

    private static String fraction(long ticks) {
        String s = Long.toString(ticks);
        return "0000000".substring(s.length()) + s;
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
