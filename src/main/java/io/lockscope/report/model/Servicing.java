package io.lockscope.report.model;

import java.util.List;

/** What CBS.log and setupapi.dev.log say; fields null when the logs do not say. */
/** @param queue the CBS queue that failed ({@code critical-drivers}, …), null when the log does not name one */
public record Servicing(String failingInf, String hresult, String hresultName, String phase, String queue, Boolean rollback,
                        String failureSource, List<String> packages, List<String> driverUpdateOrder,
                        Boolean failingInfIsFirstChanged, List<Event> events) {

    /**
     * @param source        cbs-log | setupapi-log
     * @param offsetSeconds the line's time on the first trace's time line (seconds from its start),
     *                      null when the two clocks cannot be related (no trace, or a UTC trace and
     *                      no known UTC offset of the log's local time)
     */
    public record Event(String t, Double offsetSeconds, String source, int input, long line, String text) {
    }
}
