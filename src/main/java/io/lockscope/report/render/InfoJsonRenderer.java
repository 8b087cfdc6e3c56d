package io.lockscope.report.render;

import com.fasterxml.jackson.core.JsonGenerator;
import io.lockscope.report.model.InfoReport;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/** {@code lockscope info --format json}: {@code {"inputs":[…]}} as docs/cli.md gives it. */
public final class InfoJsonRenderer implements Renderer<InfoReport> {
    @Override
    public void render(InfoReport info, Writer out) throws IOException {
        try (JsonGenerator g = ToolJson.generator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeArrayFieldStart("inputs");
            for (InfoReport.Input in : info.inputs()) {
                if (in.isTrace()) {
                    trace(g, in);
                } else {
                    servicingLog(g, in);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void trace(JsonGenerator g, InfoReport.Input in) throws IOException {
        g.writeStartObject();
        g.writeStringField("path", in.path());
        g.writeStringField("format", in.format());
        g.writeStringField("detectedBy", in.detectedBy());
        g.writeNumberField("events", in.records());
        g.writeNumberField("skipped", in.skipped());
        counts(g, "skippedByReason", in.skippedByReason());
        g.writeNumberField("processes", in.processes());
        g.writeStringField("capturedBy", in.capturedBy());
        g.writeStringField("first", in.span() == null ? null : in.span().first());
        g.writeStringField("last", in.span() == null ? null : in.span().last());
        g.writeStringField("timeBase", in.timeBase());
        g.writeObjectFieldStart("decoders");
        for (Map.Entry<String, String> en : in.decoders().entrySet()) {
            g.writeStringField(en.getKey(), en.getValue());
        }
        g.writeEndObject();
        counts(g, "countsByClass", in.countsByClass());
        counts(g, "countsByOperation", in.countsByOperation());
        warnings(g, in);
        g.writeEndObject();
    }

    /** The same fields as a trace's where they mean something for a log (processes 0, no span). */
    private static void servicingLog(JsonGenerator g, InfoReport.Input in) throws IOException {
        g.writeStartObject();
        g.writeStringField("path", in.path());
        g.writeStringField("format", in.format());
        g.writeStringField("kind", in.kind());
        g.writeStringField("detectedBy", in.detectedBy());
        g.writeNumberField("events", in.records());
        g.writeNumberField("lines", in.lines());
        g.writeNumberField("skipped", in.skipped());
        g.writeNumberField("processes", 0);
        g.writeNullField("first");
        g.writeNullField("last");
        counts(g, "countsByOperation", in.countsByOperation());
        warnings(g, in);
        g.writeEndObject();
    }

    private static void counts(JsonGenerator g, String field, Map<String, Long> counts) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, Long> en : counts.entrySet()) {
            g.writeNumberField(en.getKey(), en.getValue());
        }
        g.writeEndObject();
    }

    private static void warnings(JsonGenerator g, InfoReport.Input in) throws IOException {
        g.writeArrayFieldStart("warnings");
        for (String w : in.warnings()) {
            g.writeString(w);
        }
        g.writeEndArray();
    }
}
