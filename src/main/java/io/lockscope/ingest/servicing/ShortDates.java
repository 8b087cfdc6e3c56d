package io.lockscope.ingest.servicing;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as dism and pnputil print them: in the system's short-date pattern, even with
 * {@code /English} (servicing.md §2.4: {@code 3/24/2009}, {@code 29/10/2011}, {@code 2006. 06. 21.}).
 * A date is returned only when its pattern is unambiguous: year-first forms, day-first dotted forms,
 * and slashed forms whose day is above 12. {@code 06/07/2010} could be June or July and gives null.
 */
final class ShortDates {
    private static final Pattern YEAR_FIRST = Pattern.compile("^(\\d{4})[-/.]\\s*(\\d{1,2})[-/.]\\s*(\\d{1,2})\\.?$");
    private static final Pattern YEAR_LAST = Pattern.compile("^(\\d{1,2})([-/.])\\s*(\\d{1,2})[-/.]\\s*(\\d{4})$");

    private ShortDates() {
    }

    static LocalDate parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        try {
            Matcher m = YEAR_FIRST.matcher(t);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
            }
            m = YEAR_LAST.matcher(t);
            if (!m.matches()) {
                return null;
            }
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(3));
            int year = Integer.parseInt(m.group(4));
            if (m.group(2).equals(".") || a > 12) {
                return LocalDate.of(year, b, a);
            }
            if (b > 12 || a == b) {
                return LocalDate.of(year, a, b);
            }
            return null;
        } catch (DateTimeException e) {
            return null;
        }
    }
}
