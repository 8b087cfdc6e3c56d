package io.lockscope.report.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Prose cut into lines of at most a number of display columns, for the text report: a line breaks at a
 * space (which it drops) or next to a Chinese, Japanese or Korean character, never before closing
 * punctuation (，。）…) nor after opening punctuation (（「…), the line-breaking habit of CJK text. A
 * word longer than a line (a path) stays whole on a line of its own rather than being cut.
 */
final class LineWrap {
    private static final String NO_BREAK_BEFORE = "，。、；：！？）」』》〉】…,.;:!?)]";
    private static final String NO_BREAK_AFTER = "（「『《〈【([";

    private LineWrap() {
    }

    static List<String> wrap(String text, int columns) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (DisplayWidth.of(text.substring(start)) > columns) {
            int cut = lastBreak(text, start, columns);
            if (cut < 0) {
                break;
            }
            lines.add(text.substring(start, cut).stripTrailing());
            start = cut;
            while (start < text.length() && text.charAt(start) == ' ') {
                start++;
            }
        }
        lines.add(text.substring(start));
        return lines;
    }

    /**
     * The last index after {@code start} at which a line can end within {@code columns}, or the first
     * one beyond (a long word), or -1 when the rest cannot be broken at all.
     */
    private static int lastBreak(String text, int start, int columns) {
        int width = 0;
        int best = -1;
        for (int i = start; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (i > start && canBreakBefore(text, i)) {
                if (width > columns && best > 0) {
                    return best;
                }
                best = i;
                if (width > columns) {
                    return best;
                }
            }
            width += DisplayWidth.of(cp);
            i = next;
        }
        return width > columns ? best : -1;
    }

    private static boolean canBreakBefore(String text, int i) {
        int before = text.codePointBefore(i);
        int at = text.codePointAt(i);
        if (at == ' ') {
            return before != ' ';
        }
        if (NO_BREAK_BEFORE.indexOf(at) >= 0 || NO_BREAK_AFTER.indexOf(before) >= 0) {
            return false;
        }
        return before == ' ' ? false : DisplayWidth.of(at) == 2 || DisplayWidth.of(before) == 2;
    }
}
