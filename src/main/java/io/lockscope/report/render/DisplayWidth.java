package io.lockscope.report.render;

/**
 * How many terminal columns a string takes, so that columns of text containing Chinese stay aligned.
 * East Asian Wide and Fullwidth characters take two columns, combining marks and format characters
 * none, everything else one — the rule of Unicode Standard Annex #11 (East Asian Width) as terminals
 * apply it (cf. Markus Kuhn's public-domain wcwidth()). Ranges are the W/F blocks of UAX #11.
 */
final class DisplayWidth {
    private static final int[][] WIDE_RANGES = {
            {0x1100, 0x115F},   // Hangul Jamo initial consonants
            {0x231A, 0x231B}, {0x2329, 0x232A},
            {0x2E80, 0x303E},   // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
            {0x3041, 0x33FF},   // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, CJK compatibility
            {0x3400, 0x4DBF},   // CJK Unified Ideographs Extension A
            {0x4E00, 0x9FFF},   // CJK Unified Ideographs
            {0xA000, 0xA4CF},   // Yi
            {0xA960, 0xA97F},   // Hangul Jamo Extended-A
            {0xAC00, 0xD7A3},   // Hangul syllables
            {0xF900, 0xFAFF},   // CJK compatibility ideographs
            {0xFE10, 0xFE19},   // vertical forms
            {0xFE30, 0xFE6F},   // CJK compatibility forms, small form variants
            {0xFF00, 0xFF60},   // fullwidth ASCII variants
            {0xFFE0, 0xFFE6},   // fullwidth signs
            {0x1F300, 0x1F64F}, // pictographs and emoticons
            {0x1F900, 0x1F9FF}, // supplemental symbols and pictographs
            {0x20000, 0x2FFFD}, // CJK Unified Ideographs Extension B and later
            {0x30000, 0x3FFFD},
    };

    private DisplayWidth() {
    }

    static int of(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            width += of(cp);
            i += Character.charCount(cp);
        }
        return width;
    }

    static int of(int codePoint) {
        int type = Character.getType(codePoint);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || codePoint == 0x200B) {
            return 0;
        }
        for (int[] range : WIDE_RANGES) {
            if (codePoint < range[0]) {
                return 1;
            }
            if (codePoint <= range[1]) {
                return 2;
            }
        }
        return 1;
    }

    /** {@code text} followed by spaces up to {@code columns} display columns (never cut). */
    static String padRight(String text, int columns) {
        int missing = columns - of(text);
        return missing <= 0 ? text : text + " ".repeat(missing);
    }

    /**
     * {@code text} cut to at most {@code columns} display columns, ending in "…" when cut; a wide
     * character that would straddle the limit is dropped whole.
     */
    static String truncate(String text, int columns) {
        if (of(text) <= columns) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int w = of(cp);
            if (width + w > columns - 1) {
                break;
            }
            out.appendCodePoint(cp);
            width += w;
            i += Character.charCount(cp);
        }
        return out.append('…').toString();
    }
}
