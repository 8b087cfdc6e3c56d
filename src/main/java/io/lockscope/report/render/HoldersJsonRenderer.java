package io.lockscope.report.render;

import com.fasterxml.jackson.core.JsonGenerator;
import io.lockscope.report.model.Failure;
import io.lockscope.report.model.HoldersReport;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** {@code lockscope holders --format json}: the {@link HoldersReport} as it is (docs/cli.md). */
public final class HoldersJsonRenderer implements Renderer<HoldersReport> {
    @Override
    public void render(HoldersReport report, Writer out) throws IOException {
        try (JsonGenerator g = ToolJson.generator(out)) {
            g.writeStartObject();
            g.writeStringField("lang", report.lang());
            g.writeStringField("path", report.path());
            g.writeArrayFieldStart("inputs");
            for (HoldersReport.Input input : report.inputs()) {
                g.writeStartObject();
                g.writeStringField("source", input.source());
                if (input.at() != null) {
                    JsonReportRenderer.writeTime(g, "at", "atOffsetSeconds", input.at());
                    helds(g, "open", input.openAt());
                } else {
                    g.writeArrayFieldStart("failures");
                    for (HoldersReport.FailureHolders f : input.failures()) {
                        failure(g, f);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void failure(JsonGenerator g, HoldersReport.FailureHolders f) throws IOException {
        g.writeStartObject();
        JsonReportRenderer.writeTime(g, "t", "offsetSeconds", f.t());
        g.writeStringField("process", f.process());
        g.writeNumberField("pid", f.pid());
        g.writeStringField("operation", f.operation());
        g.writeStringField("path", f.path());
        g.writeStringField("result", f.result());
        if (f.requested() != null) {
            g.writeObjectFieldStart("requested");
            g.writeStringField("access", f.requested().access());
            g.writeStringField("shareMode", f.requested().shareMode());
            g.writeEndObject();
        }
        helds(g, "blocking", f.blocking());
        helds(g, "ruledOut", f.ruledOut());
        g.writeArrayFieldStart("filterDrivers");
        for (Failure.FilterDriver d : f.filterDrivers()) {
            g.writeStartObject();
            g.writeStringField("driver", d.driver());
            g.writeStringField("altitude", d.altitude());
            g.writeStringField("vendor", d.vendor());
            g.writeStringField("evidence", d.evidence());
            g.writeArrayFieldStart("frames");
            for (String frame : d.frames()) {
                g.writeString(frame);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void helds(JsonGenerator g, String field, List<HoldersReport.Held> helds) throws IOException {
        g.writeArrayFieldStart(field);
        for (HoldersReport.Held h : helds) {
            g.writeStartObject();
            g.writeStringField("process", h.process());
            g.writeNumberField("pid", h.pid());
            g.writeStringField("how", h.how());
            g.writeStringField("access", h.access());
            g.writeStringField("shareMode", h.shareMode());
            g.writeStringField("path", h.path());
            JsonReportRenderer.writeTime(g, "openedAt", "openedAtOffsetSeconds", h.openedAt());
            JsonReportRenderer.writeTime(g, "closedAt", "closedAtOffsetSeconds", h.closedAt());
            g.writeBooleanField("pairingInferred", h.pairingInferred());
            g.writeNumberField("openEvent", h.openEvent());
            g.writeNumberField("closeEvent", h.closeEvent());
            if (h.why() != null) {
                g.writeStringField("why", h.why());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
