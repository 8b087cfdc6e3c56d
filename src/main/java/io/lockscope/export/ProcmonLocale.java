package io.lockscope.export;

import io.lockscope.model.vocab.NumberStyle;

import java.util.List;

/**
 * The regional settings of the machine that exported a procmon log: they decide the number style of
 * Detail, Duration and time fractions, and the clock of Time of Day (procmon-formats.md §2.3).
 *
 * <p>Verified: en-US {@code 1:18:10.8939738 AM}, {@code 7/12/2020 1:18:10 AM}; European
 * {@code 15:42:22,8459553}; ru-RU {@code 19:04:47,3955378}. No European "Date &amp; Time" value was
 * observed; it is written in the Windows short-date pattern of the locale ({@code dd.MM.yyyy HH:mm:ss}).
 *
 * @param tag         BCP 47 tag as the CLI takes it ("en-US")
 * @param numbers     thousands and decimal separators
 * @param twelveHour  {@code h:mm:ss AM} (no leading zero) instead of {@code HH:mm:ss}
 * @param dayFirst    date as {@code dd.MM.yyyy} instead of {@code M/d/yyyy}
 */
public record ProcmonLocale(String tag, NumberStyle numbers, boolean twelveHour, boolean dayFirst) {
    public static final ProcmonLocale EN_US = new ProcmonLocale("en-US", NumberStyle.EN_US, true, false);
    public static final ProcmonLocale DE_DE = new ProcmonLocale("de-DE", NumberStyle.EUROPEAN, false, true);
    public static final ProcmonLocale RU_RU = new ProcmonLocale("ru-RU", NumberStyle.NBSP, false, true);

    private static final List<ProcmonLocale> KNOWN = List.of(EN_US, DE_DE, RU_RU);

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
        throw new IllegalArgumentException("unsupported locale '" + tag + "' (supported: en-US, de-DE, ru-RU)");
    }
}
