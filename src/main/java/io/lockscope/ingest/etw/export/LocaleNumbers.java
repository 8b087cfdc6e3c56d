package io.lockscope.ingest.etw.export;

import java.util.regex.Pattern;

/**
 * Numbers as a locale-dependent exporter writes them (wpaexporter, etw-formats.md §3.4): the decimal
 * separator is a point (en-US {@code 5,571.225}) or a comma (de-DE {@code 1,176567818}), and grouping
 * uses the other one. The file's decimal separator is learnt from cells that can only be read one way —
 * both separators (the last is the decimal one), one separator appearing twice (grouping), or one
 * separator not followed by exactly three digits (decimal); until then a lone point is decimal and a
 * lone comma before three digits is grouping, as in en-US.
 */
final class LocaleNumbers {
    private static final Pattern NUMERIC = Pattern.compile("[-+]?[0-9][0-9.,\u00A0 ']*");
    private char decimal;

    /** Learns the decimal separator from {@code cell} when it can only be read one way. */
    void observe(String cell) {
        if (decimal != 0 || !NUMERIC.matcher(cell).matches()) {
            return;
        }
        int point = cell.lastIndexOf('.');
        int comma = cell.lastIndexOf(',');
        if (point >= 0 && comma >= 0) {
            decimal = point > comma ? '.' : ',';
        } else if (point >= 0 || comma >= 0) {
            char separator = point >= 0 ? '.' : ',';
            int at = Math.max(point, comma);
            if (cell.indexOf(separator) != at) {
                decimal = separator == '.' ? ',' : '.';
            } else if (cell.length() - at - 1 != 3) {
                decimal = separator;
            }
        }
    }

    /** {@code text} as a number; NumberFormatException when it is not one. */
    double parse(String text) {
        String v = text.trim().replace("\u00A0", "").replace(" ", "").replace("'", "");
        char d = decimal;
        if (d == 0) {
            int point = v.lastIndexOf('.');
            int comma = v.lastIndexOf(',');
            if (point >= 0 && comma >= 0) {
                d = point > comma ? '.' : ',';
            } else if (comma >= 0 && (v.indexOf(',') != comma || v.length() - comma - 1 == 3)) {
                d = '.';
            } else {
                d = comma >= 0 ? ',' : '.';
            }
        }
        char grouping = d == '.' ? ',' : '.';
        return Double.parseDouble(v.replace(String.valueOf(grouping), "").replace(d, '.'));
    }
}
