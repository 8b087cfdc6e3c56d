package io.lockscope.report.model;

import java.util.List;

/** What {@code lockscope timeline} shows: the selected events of every input, in order. */
public record TimelineReport(String lang, List<Row> rows) {

    /**
     * One event.
     *
     * @param input  the index of its input
     * @param index  its 0-based index in that input
     * @param handle the open interval the event starts or ends; null when it touches none
     */
    public record Row(int input, long index, String time, String process, int pid, int tid, String operation,
                      String path, String result, String detail, Handle handle) {
    }

    /**
     * An open-handle interval seen from one of its ends.
     *
     * @param opens    the event opens it (else it closes it)
     * @param other    the time of the other end; null when it is still open at the end of the capture
     * @param inferred the open and the close were paired by inference (no handle ids)
     */
    public record Handle(boolean opens, String other, boolean inferred) {
    }
}
