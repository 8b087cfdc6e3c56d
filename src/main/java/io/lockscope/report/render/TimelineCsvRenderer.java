package io.lockscope.report.render;

import io.lockscope.report.model.TimelineReport;

import java.io.IOException;
import java.io.Writer;

/** The timeline as CSV (RFC 4180, CRLF, every text field quoted), its handle column in English for scripts. */
public final class TimelineCsvRenderer implements Renderer<TimelineReport> {
    private static final Labels ENGLISH = Labels.forLanguage(Labels.ENGLISH);

    @Override
    public void render(TimelineReport timeline, Writer out) throws IOException {
        out.write("Input,Index,Time,Process Name,PID,TID,Operation,Path,Result,Detail,Handle\r\n");
        for (TimelineReport.Row r : timeline.rows()) {
            out.write(String.join(",", Integer.toString(r.input()), Long.toString(r.index()), quoted(r.time()),
                    quoted(r.process()), Integer.toString(r.pid()), Integer.toString(r.tid()), quoted(r.operation()),
                    quoted(r.path()), quoted(r.result()), quoted(r.detail()),
                    quoted(TimelineTextRenderer.handle(ENGLISH, r.handle()))));
            out.write("\r\n");
        }
        out.flush();
    }

    private static String quoted(String s) {
        return '"' + (s == null ? "" : s.replace("\"", "\"\"")) + '"';
    }
}
