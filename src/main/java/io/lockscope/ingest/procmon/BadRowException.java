package io.lockscope.ingest.procmon;

import io.lockscope.model.vocab.ProcmonColumn;

/**
 * One exported event cannot be taken as it is. The reader that fed the row skips it and counts the
 * skip under {@link #reason()} in the trace's ReadReport, with its own position and {@link #detail()}.
 */
public final class BadRowException extends Exception {
    private final String reason;
    private final String detail;

    public BadRowException(String reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
        this.detail = detail;
    }

    /** The category skips are counted under ("bad Time of Day"). */
    public String reason() {
        return reason;
    }

    /** What exactly was found ("Time of Day \"25:61:00\""). */
    public String detail() {
        return detail;
    }

    static BadRowException value(ProcmonColumn column, ExportRow row) {
        String text = row.text(column);
        if (text.length() > 80) {
            text = text.substring(0, 80) + "…";
        }
        return new BadRowException("bad " + column.procmonName(), column.procmonName() + " \"" + text + "\"");
    }
}
