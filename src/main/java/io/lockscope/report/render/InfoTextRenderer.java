package io.lockscope.report.render;

import io.lockscope.report.model.InfoReport;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code lockscope info} as text: one block per input, labels in a column. */
public final class InfoTextRenderer implements Renderer<InfoReport> {
    /** The label column is this wide ("detected", "processes", …). */
    private static final int LABEL_WIDTH = 12;

    @Override
    public void render(InfoReport info, Writer writer) throws IOException {
        Labels labels = Labels.forLanguage(info.lang());
        PrintWriter out = new PrintWriter(writer);
        for (InfoReport.Input in : info.inputs()) {
            out.println(in.path() + "  (" + in.format() + (in.isTrace() ? "" : ", " + in.kind()) + ")");
            line(out, labels, "info.detected", in.detectedBy());
            if (in.isTrace()) {
                line(out, labels, "info.events", count(in.records()));
            } else {
                line(out, labels, "info.lines", labels.format("info.recognised", count(in.lines()), count(in.records())));
            }
            line(out, labels, "info.skipped", count(in.skipped())
                    + (in.skippedByReason().isEmpty() ? "" : "  " + in.skippedByReason()));
            if (in.isTrace()) {
                trace(out, labels, in);
            }
            list(out, labels, "info.warnings", in.warnings());
        }
        out.flush();
    }

    private static void trace(PrintWriter out, Labels labels, InfoReport.Input in) {
        line(out, labels, "info.processes", count(in.processes()));
        if (in.capturedBy() != null) {
            line(out, labels, "info.procmon", in.capturedBy());
        }
        if (in.span() != null) {
            line(out, labels, "info.span", labels.format("info.spanValue", in.span().first(), in.span().last(),
                    String.format(Locale.ROOT, "%.3f", in.span().seconds()), labels.code("timeBase", in.timeBase())));
        }
        in.decoders().forEach((part, how) -> line(out, labels, "info.decoder", part + ": " + how));
        counts(out, labels, "info.byClass", in.countsByClass(), 14);
        counts(out, labels, "info.byOperation", in.countsByOperation(), 40);
    }

    private static void line(PrintWriter out, Labels labels, String key, String value) {
        out.println("  " + DisplayWidth.padRight(labels.get(key), LABEL_WIDTH) + value);
    }

    private static void counts(PrintWriter out, Labels labels, String key, Map<String, Long> counts, int nameWidth) {
        out.println("  " + labels.get(key));
        counts.forEach((name, n) -> out.printf(Locale.ROOT, "    %s %,12d%n", DisplayWidth.padRight(name, nameWidth), n));
    }

    private static void list(PrintWriter out, Labels labels, String key, List<String> items) {
        if (!items.isEmpty()) {
            out.println("  " + labels.get(key));
            items.forEach(item -> out.println("    " + item));
        }
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
