package io.lockscope.model.vocab;

/**
 * Decimal numbers as procmon writes them in the Detail column: thousands grouped with the export
 * locale's separator ({@code 16,384}, {@code 16.384}, {@code 8 192} with NBSP), see
 * procmon-formats.md §2.3.
 */
public final class Numbers {
    /** Returned by the parsers for text that is not a number in the expected form. */
    static final long INVALID = Long.MIN_VALUE;

    private Numbers() {
    }

    /** {@code value} with its digits grouped by three using {@code separator}. */
    public static String grouped(long value, char separator) {
        String digits = Long.toString(value);
        int sign = value < 0 ? 1 : 0;
        int count = digits.length() - sign;
        if (count <= 3) {
            return digits;
        }
        StringBuilder out = new StringBuilder(digits.length() + count / 3);
        out.append(digits, 0, sign);
        int first = count % 3 == 0 ? 3 : count % 3;
        out.append(digits, sign, sign + first);
        for (int i = sign + first; i < digits.length(); i += 3) {
            out.append(separator).append(digits, i, i + 3);
        }
        return out.toString();
    }

    /**
     * The value of a grouped decimal written by {@link #grouped}, or {@link #INVALID}. Only the exact
     * grouped spelling is accepted, so that rendering the value gives the same text back.
     */
    static long parseGrouped(String text, char separator) {
        int n = text.length();
        int start = n > 0 && text.charAt(0) == '-' ? 1 : 0;
        if (n == start || n > 26) {
            return INVALID;
        }
        long value = 0;
        for (int i = start; i < n; i++) {
            char ch = text.charAt(i);
            if (ch == separator) {
                continue;
            }
            if (ch < '0' || ch > '9' || value > (Long.MAX_VALUE - 9) / 10) {
                return INVALID;
            }
            value = value * 10 + (ch - '0');
        }
        long result = start == 1 ? -value : value;
        return grouped(result, separator).equals(text) ? result : INVALID;
    }

    /** A plain (ungrouped) signed decimal such as a PID or a REG_DWORD, or {@link #INVALID}. */
    static long parsePlain(String text) {
        if (text.isEmpty() || text.length() > 20) {
            return INVALID;
        }
        try {
            long value = Long.parseLong(text);
            return Long.toString(value).equals(text) ? value : INVALID;
        } catch (NumberFormatException e) {
            return INVALID;
        }
    }

    /** {@code 0x} + lower-case hex, as procmon writes image bases and sizes. */
    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    /** The value of {@code 0x}-prefixed lower-case hex written by {@link #hex}, or {@link #INVALID}. */
    static long parseHex(String text) {
        if (text.length() < 3 || text.length() > 18 || !text.startsWith("0x")) {
            return INVALID;
        }
        try {
            long value = Long.parseUnsignedLong(text.substring(2), 16);
            return hex(value).equals(text) ? value : INVALID;
        } catch (NumberFormatException e) {
            return INVALID;
        }
    }
}
