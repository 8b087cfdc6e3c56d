package io.lockscope.report.model;

import java.util.List;

/**
 * Everything a rendered report shows, already worded in the report's language and with times
 * already formatted: renderers only lay it out and escape it (report-json.md is its JSON form).
 *
 * @param servicing null when no CBS.log / setupapi.dev.log was read
 * @param filters   null when no filter list or module list was read
 * @param picture   the timeline picture of the target files (lanes per process), for HTML
 */
public record Report(int schemaVersion, Tool tool, String lang, List<Input> inputs, Target target, Verdict verdict,
                     List<Failure> failures, List<Finding> findings, Sequences sequences, Servicing servicing,
                     List<Filter> filters, Picture picture, List<String> notes) {
    public static final int SCHEMA_VERSION = 1;

    public record Tool(String name, String version) {
    }

    /**
     * @param clock      what the input's times are: utc | local | local±HH:MM | time-of-day
     *                   ({@link io.lockscope.model.TraceTime#clock})
     * @param truncation where the input was cut short, null when it is whole
     */
    public record Input(String path, String format, long events, long skipped, List<String> warnings, String clock,
                        Truncation truncation) {
        public Input(String path, String format, long events, long skipped, List<String> warnings, String clock) {
            this(path, format, events, skipped, warnings, clock, null);
        }
    }

    /**
     * An input that ends early: everything before the cut was analysed.
     *
     * @param unit        line | byte: what {@code position} counts
     * @param recordsLost an estimate
     * @param lowerBound  the input does not say how much followed the cut, so at least that many were lost
     * @param text        all of it in a sentence: "truncated at line 5,123, at least 1 record lost (estimate)"
     */
    public record Truncation(String unit, long position, long recordsLost, boolean lowerBound, String text) {
    }

    /** @param source cbs-log | setupapi-log | trace | user */
    public record Target(List<String> names, String source, List<String> paths) {
    }

    /** A point in time: formatted per the trace, and seconds from the capture start. */
    public record Time(String text, double offsetSeconds) {
    }

    /** Points at one event of one input (index into {@link Report#inputs()}, 0-based event index). */
    public record Evidence(int input, long index) {
    }
}
