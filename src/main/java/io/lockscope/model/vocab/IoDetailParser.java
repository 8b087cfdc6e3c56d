package io.lockscope.model.vocab;

import io.lockscope.model.Operation;
import io.lockscope.model.StringPool;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.IoDetail;

import java.util.Arrays;

/**
 * Reads a ReadFile/WriteFile Detail ({@code Offset: 4,096, Length: 512, I/O Flags: Non-cached, Paging
 * I/O, Priority: Normal}) straight from an export row's characters. A boot log's reads and writes are a
 * large share of its events and nearly every one has its own offset, so a cache of whole Detail texts
 * misses on them and {@link DetailFormat#parse}'s parse-and-render-back check ran for each.
 *
 * <p>The two numbers are accepted only in the exact spelling {@link Numbers#grouped} writes (so rendering
 * them gives the same text back), and the rest of the text — empty, or the I/O Flags and Priority items,
 * a few dozen spellings in a whole log — is parsed once by {@link DetailFormat#parse} and remembered. So
 * {@link #parse} gives the same Detail as {@link DetailFormat#parse}, or null where it cannot tell
 * quickly (a negative or very large number, another layout), and the caller then uses the full parse.
 * Not thread-safe: one per reader.
 */
public final class IoDetailParser {
    private static final char[] OFFSET = "Offset: ".toCharArray();
    private static final char[] LENGTH = ", Length: ".toCharArray();
    private static final int TAIL_SLOTS = 64;
    /** 1 to 3 leading digits and five groups: at most 18 digits, below {@link Long#MAX_VALUE}. */
    private static final int MAX_GROUPS = 5;
    private static final int NOT_IO = Integer.MIN_VALUE;

    private final NumberStyle style;
    private final char separator;
    private final Tail[] tails = new Tail[TAIL_SLOTS];
    /** The value and the end of the number {@link #grouped} read last. */
    private long number;
    private int numberEnd;

    /** @param ioFlags {@link #NOT_IO} when the whole Detail with this tail is not an IoDetail */
    private record Tail(char[] text, int ioFlags, int priority) {
    }

    public IoDetailParser(NumberStyle style) {
        this.style = style;
        this.separator = style.thousands();
    }

    /** The IoDetail {@code c[start, start + length)} spells, or null: then {@link DetailFormat#parse} decides. */
    public IoDetail parse(char[] c, int start, int length) {
        int limit = start + length;
        if (!startsWith(c, start, limit, OFFSET) || !grouped(c, start + OFFSET.length, limit)) {
            return null;
        }
        long offset = number;
        if (!startsWith(c, numberEnd, limit, LENGTH) || !grouped(c, numberEnd + LENGTH.length, limit)) {
            return null;
        }
        if (numberEnd == limit) {
            return new IoDetail(offset, number, -1, -1);
        }
        Tail tail = tail(c, numberEnd, limit);
        return tail.ioFlags() == NOT_IO ? null : new IoDetail(offset, number, tail.ioFlags(), tail.priority());
    }

    private Tail tail(char[] c, int start, int limit) {
        int hash = StringPool.hash(c, start, limit - start);
        int slot = (hash ^ hash >>> 16) & (TAIL_SLOTS - 1);
        Tail seen = tails[slot];
        if (seen != null && Arrays.equals(seen.text(), 0, seen.text().length, c, start, limit)) {
            return seen;
        }
        char[] text = Arrays.copyOfRange(c, start, limit);
        Detail whole = DetailFormat.parse(Operation.READ_FILE, "Offset: 0, Length: 0" + new String(text), style);
        Tail parsed = whole instanceof IoDetail io ? new Tail(text, io.ioFlags(), io.priority())
                : new Tail(text, NOT_IO, NOT_IO);
        tails[slot] = parsed;
        return parsed;
    }

    /**
     * Whether a non-negative number in {@link Numbers#grouped}'s spelling starts at {@code i}: "0", or 1 to
     * 3 digits without a leading zero and then groups of the separator and 3 digits. A separator not
     * followed by a digit ends it (", Length"); a fourth digit in a group, a short group or a group after
     * "0" rejects it.
     */
    private boolean grouped(char[] c, int i, int limit) {
        int j = i;
        long value = 0;
        while (j < limit && j - i < 3 && isDigit(c[j])) {
            value = value * 10 + (c[j++] - '0');
        }
        if (j == i || (c[i] == '0' && j > i + 1)) {
            return false;
        }
        for (int groups = 0; ; groups++) {
            if (j < limit && isDigit(c[j])) {
                return false;
            }
            if (j + 1 >= limit || c[j] != separator || !isDigit(c[j + 1])) {
                break;
            }
            if (c[i] == '0' || groups == MAX_GROUPS
                    || j + 3 >= limit || !isDigit(c[j + 2]) || !isDigit(c[j + 3])) {
                return false;
            }
            value = value * 1000 + (c[j + 1] - '0') * 100 + (c[j + 2] - '0') * 10 + (c[j + 3] - '0');
            j += 4;
        }
        number = value;
        numberEnd = j;
        return true;
    }

    private static boolean startsWith(char[] c, int start, int limit, char[] prefix) {
        return limit - start >= prefix.length && Arrays.equals(c, start, start + prefix.length, prefix, 0, prefix.length);
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }
}
