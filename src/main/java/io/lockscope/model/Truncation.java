package io.lockscope.model;

/**
 * An input that ends before its data does (an interrupted upload or copy): everything before the cut
 * was read, the rest is lost.
 *
 * @param unit        what {@code position} counts: {@code line} (text exports) or {@code byte} (binary logs)
 * @param position    where the cut is: the line of the cut record, or the byte offset of the first record
 *                    that is not whole
 * @param recordsLost records lost, an estimate
 * @param lowerBound  the estimate is a lower bound: the file does not say how much followed the cut (a text
 *                    export), as opposed to a count the file itself gives (a PML header's event count)
 */
public record Truncation(Unit unit, long position, long recordsLost, boolean lowerBound) {
    public enum Unit { LINE, BYTE }

    /**
     * "truncated at line 5123: at least 1 record lost; the file does not say how many followed the cut", or
     * "truncated at byte 73400320: 41,870 records lost (estimate)": for stderr, always English. The position
     * is written as an editor's go-to-line or a hex viewer takes it, without grouping.
     */
    public String describe() {
        String lost = String.format(java.util.Locale.ROOT, "%,d record%s lost", recordsLost, recordsLost == 1 ? "" : "s");
        return "truncated at " + unit.name().toLowerCase(java.util.Locale.ROOT) + " " + position + ": "
                + (lowerBound ? "at least " + lost + "; the file does not say how many followed the cut"
                              : lost + " (estimate)");
    }
}
