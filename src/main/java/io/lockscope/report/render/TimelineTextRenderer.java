package io.lockscope.report.render;

import io.lockscope.report.model.TimelineReport;

import java.io.IOException;
import java.io.Writer;

/** The timeline as text: a header, then columns aligned by display width (process names and paths may be Chinese). */
public final class TimelineTextRenderer implements Renderer<TimelineReport> {
    @Override
    public void render(TimelineReport timeline, Writer out) throws IOException {
        Labels labels = Labels.forLanguage(timeline.lang());
        TextTable table = new TextTable(labels.get("time"), labels.get("process"), labels.get("pid"), labels.get("tid"),
                labels.get("operation"), labels.get("result"), labels.get("path"), labels.get("detail"))
                .alignRight(2).alignRight(3);
        for (TimelineReport.Row r : timeline.rows()) {
            String handle = handle(labels, r.handle());
            String detail = r.detail() + (handle.isEmpty() ? "" : (r.detail().isEmpty() ? "" : "  ") + "[" + handle + "]");
            table.row(r.time(), r.process(), Integer.toString(r.pid()), Integer.toString(r.tid()), r.operation(),
                    r.result(), r.path(), detail);
        }
        out.write(table.layOut(""));
        out.write(labels.format("timeline.events", timeline.rows().size()) + "\n");
        out.flush();
    }

    /** "open until 09:18:24.1", "closes open of 09:18:21.5 (pairing inferred)"; empty without an interval. */
    static String handle(Labels labels, TimelineReport.Handle h) {
        if (h == null) {
            return "";
        }
        String text = !h.opens() ? labels.format("timeline.closes", h.other())
                : h.other() == null ? labels.get("timeline.openUntilEnd") : labels.format("timeline.openUntil", h.other());
        return h.inferred() ? text + " (" + labels.get("timeline.pairingInferred") + ")" : text;
    }
}
