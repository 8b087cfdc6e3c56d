package io.lockscope.report.render;

import io.lockscope.report.model.Report;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.io.IOException;
import java.io.Writer;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page (inline CSS and SVG, a few lines of inline script, no external
 * reference) made from the single Pebble template {@code io/lockscope/report/report.html.peb}.
 * Pebble escapes every value it prints (auto-escaping on), so process names and paths from a trace
 * cannot inject markup; strict variables make a misspelt name in the template an error, not a blank.
 */
public final class HtmlReportRenderer implements ReportRenderer {
    private static final String TEMPLATE = "report.html.peb";

    private static final PebbleEngine ENGINE = createEngine();

    private final PebbleTemplate template = ENGINE.getTemplate(TEMPLATE);

    @Override
    public String fileExtension() {
        return "html";
    }

    private static final List<String> ROLE_ORDER = List.of("culprit", "servicing", "ruled-out", "other");

    @Override
    public void render(Report report, Writer out) throws IOException {
        Labels labels = Labels.of(report);
        Map<String, Object> context = new HashMap<>();
        context.put("report", report);
        context.put("lang", labels.lang());
        context.put("L", labels.asMap());
        boolean drawTimeline = report.picture() != null && !Nulls.orEmpty(report.picture().lanes()).isEmpty();
        TimelineLayout timeline = drawTimeline ? new TimelineLayout(report.picture(), labels) : null;
        context.put("timeline", timeline);
        // the legend names the colours the picture uses, no others
        context.put("roles", timeline == null ? List.of() : timeline.getLanes().stream().map(TimelineLayout.Lane::role)
                .distinct().sorted(Comparator.comparingInt(ROLE_ORDER::indexOf)).toList());
        context.put("openAtEnd", timeline != null && timeline.getLanes().stream()
                .anyMatch(lane -> lane.bars().stream().anyMatch(TimelineLayout.Bar::openAtEnd)));
        template.evaluate(out, context, Locale.forLanguageTag(labels.lang()));
        out.flush();
    }

    private static PebbleEngine createEngine() {
        ClasspathLoader loader = new ClasspathLoader(HtmlReportRenderer.class.getClassLoader());
        loader.setPrefix("io/lockscope/report");
        loader.setCharset("UTF-8");
        return new PebbleEngine.Builder()
                .loader(loader)
                .autoEscaping(true)
                .strictVariables(true)
                .cacheActive(false)
                .extension(new WordingExtension())
                .build();
    }
}
