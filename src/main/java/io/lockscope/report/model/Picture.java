package io.lockscope.report.model;

import java.util.List;

/**
 * The timeline picture of the HTML report: one lane per process, the open intervals of the target
 * files as bars, failures as marks. Positions are seconds from the capture start; labels are worded.
 *
 * @param from   left edge of the axis (seconds)
 * @param to     right edge of the axis (seconds)
 * @param origin the time at 0 s as the report's tables show times, so the axis can read in the same
 *               absolute times; null when unknown
 * @param clock  what those times are (report-json.md {@code inputs[].clock})
 */
public record Picture(double from, double to, List<Lane> lanes, List<Mark> marks, String origin, String clock) {

    /** @param role culprit | servicing | ruled-out | other */
    public record Lane(String label, String role, List<Bar> bars) {
    }

    /** @param kind handle | mapped image | byte-range lock | pending delete; end = to when open at end */
    public record Bar(double start, double end, boolean openAtEnd, String kind, String label) {
    }

    /** A failure mark in lane {@code lane} (index into lanes). */
    public record Mark(double t, int lane, String label) {
    }
}
