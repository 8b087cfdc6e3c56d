package io.lockscope.export;

import io.lockscope.model.vocab.NumberStyle;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The regional settings of the machine that exported a procmon log: they decide the number style of
 * Detail, Duration and time fractions, and the clock and date of Time of Day and Date &amp; Time
 * (procmon-formats.md §2.3). Procmon writes the Windows long-time pattern of the user's settings with the
 * seven fraction digits after the seconds.
 *
 * <p>Verified: en-US {@code 1:18:10.8939738 AM}, {@code 7/12/2020 1:18:10 AM}; European
 * {@code 15:42:22,8459553}; ru-RU {@code 19:04:47,3955378}. The others follow the Windows patterns of
 * their locale: ko-KR {@code tt h:mm:ss} (오전/오후) and {@code yyyy-MM-dd}; en-CA {@code h:mm:ss tt} with
 * {@code a.m.}/{@code p.m.} and {@code yyyy-MM-dd}; zh-CN and ja-JP as set to a 12-hour clock (their
 * default is the 24-hour {@code H:mm:ss}, read like de-DE's), {@code tt h:mm:ss} with 上午/下午 and 午前/午後
 * and {@code yyyy/M/d}. No European "Date &amp; Time" value was observed; it is written in the
 * locale's short-date pattern ({@code dd.MM.yyyy HH:mm:ss}).
 *
 * @param tag      BCP 47 tag as the CLI takes it ("en-US")
 * @param numbers  thousands and decimal separators
 * @param meridiem the AM/PM designators of a 12-hour clock, or null for a 24-hour one ({@code HH:mm:ss})
 * @param date     how "Date &amp; Time" writes the day
 */
public record ProcmonLocale(String tag, NumberStyle numbers, Meridiem meridiem, DateStyle date) {
    /**
     * A 12-hour clock: hours without a leading zero, and the designators before the time ({@code 上午
     * 1:18:10}) or after it ({@code 1:18:10 AM}), separated by a space.
     */
    public record Meridiem(String am, String pm, boolean first) {
    }

    /** The short-date patterns of the supported locales. */
    public enum DateStyle {
        /** {@code 7/12/2020} */
        MONTH_DAY_YEAR,
        /** {@code 12.07.2020} */
        DAY_MONTH_YEAR,
        /** {@code 2020/7/12} */
        YEAR_MONTH_DAY_SLASHES,
        /** {@code 2020-07-12} */
        ISO
    }

    public static final ProcmonLocale EN_US = new ProcmonLocale("en-US", NumberStyle.EN_US,
            new Meridiem("AM", "PM", false), DateStyle.MONTH_DAY_YEAR);
    public static final ProcmonLocale DE_DE = new ProcmonLocale("de-DE", NumberStyle.EUROPEAN, null, DateStyle.DAY_MONTH_YEAR);
    public static final ProcmonLocale RU_RU = new ProcmonLocale("ru-RU", NumberStyle.NBSP, null, DateStyle.DAY_MONTH_YEAR);
    public static final ProcmonLocale ZH_CN = new ProcmonLocale("zh-CN", NumberStyle.EN_US,
            new Meridiem("上午", "下午", true), DateStyle.YEAR_MONTH_DAY_SLASHES);
    public static final ProcmonLocale JA_JP = new ProcmonLocale("ja-JP", NumberStyle.EN_US,
            new Meridiem("午前", "午後", true), DateStyle.YEAR_MONTH_DAY_SLASHES);
    public static final ProcmonLocale KO_KR = new ProcmonLocale("ko-KR", NumberStyle.EN_US,
            new Meridiem("오전", "오후", true), DateStyle.ISO);
    public static final ProcmonLocale EN_CA = new ProcmonLocale("en-CA", NumberStyle.EN_US,
            new Meridiem("a.m.", "p.m.", false), DateStyle.ISO);

    private static final List<ProcmonLocale> KNOWN = List.of(EN_US, DE_DE, RU_RU, ZH_CN, JA_JP, KO_KR, EN_CA);

    /** The tags {@link #forTag} takes, for help texts: "en-US, de-DE, …". */
    public static String tags() {
        return KNOWN.stream().map(ProcmonLocale::tag).collect(Collectors.joining(", "));
    }

    /**
     * The locale tagged {@code tag} (case-insensitive).
     *
     * @throws IllegalArgumentException listing the supported tags
     */
    public static ProcmonLocale forTag(String tag) {
        for (ProcmonLocale l : KNOWN) {
            if (l.tag.equalsIgnoreCase(tag)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unsupported locale '" + tag + "' (supported: " + tags() + ")");
    }
}
