package io.lockscope.report.render;

import com.fasterxml.jackson.core.JsonGenerator;
import io.lockscope.report.model.TimelineReport;

import java.io.IOException;
import java.io.Writer;

/** The timeline as JSON, one event per line inside {@code {"events":[…]}}; the handle in English for scripts. */
public final class TimelineJsonRenderer implements Renderer<TimelineReport> {
    private static final Labels ENGLISH = Labels.forLanguage(Labels.ENGLISH);

    @Override
    public void render(TimelineReport timeline, Writer out) throws IOException {
        try (JsonGenerator g = ToolJson.generator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("events");
            for (TimelineReport.Row r : timeline.rows()) {
                g.writeStartObject();
                g.writeNumberField("input", r.input());
                g.writeNumberField("index", r.index());
                g.writeStringField("t", r.time());
                g.writeStringField("process", r.process());
                g.writeNumberField("pid", r.pid());
                g.writeNumberField("tid", r.tid());
                g.writeStringField("operation", r.operation());
                g.writeStringField("path", r.path());
                g.writeStringField("result", r.result());
                g.writeStringField("detail", r.detail());
                if (r.handle() != null) {
                    g.writeStringField("handle", TimelineTextRenderer.handle(ENGLISH, r.handle()));
                }
                g.writeEndObject();
                g.writeRaw('\n');
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }
}
