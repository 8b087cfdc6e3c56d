package io.lockscope.report.model;

import java.util.List;
import java.util.Map;

/** What {@code lockscope info} says about each input: its format, what it holds and what was lost reading it. */
public record InfoReport(String lang, List<Input> inputs) {

    /**
     * One trace or servicing log.
     *
     * @param kind        the servicing log's kind ("CBS.log"); null for a trace
     * @param detectedBy  why the input was taken for its format
     * @param records     events of a trace, recognised records of a servicing log
     * @param lines       lines of a servicing log; null for a trace
     * @param capturedBy  the procmon that captured a trace, when the log shows it; else null
     * @param timeBase    the trace's time base ({@code model.TimeBase} name); null for a servicing log
     * @param span        first and last event; null for a servicing log or an empty trace
     * @param decoders    which decoder read each part where there is a choice (native or Java XPRESS), by part
     * @param countsByClass     events per procmon event class; empty for a servicing log
     * @param countsByOperation events per operation, most first; empty for a servicing log
     */
    public record Input(String path, String format, String kind, String detectedBy, long records, Long lines,
                        long skipped, Map<String, Long> skippedByReason, int processes, String capturedBy,
                        String timeBase, Span span, Map<String, String> decoders,
                        Map<String, Long> countsByClass, Map<String, Long> countsByOperation,
                        List<String> warnings) {
        public boolean isTrace() {
            return kind == null;
        }
    }

    /** The first and the last event's time, and the seconds between them. */
    public record Span(String first, String last, double seconds) {
    }
}
