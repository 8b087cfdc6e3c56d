package io.lockscope.batch;

import io.lockscope.report.render.Labels;
import io.lockscope.report.render.WordingExtension;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@code index.html} of a batch: one self-contained page (inline CSS, SVG and a few lines of script,
 * nothing fetched from elsewhere) from the Pebble template {@code io/lockscope/batch/index.html.peb}:
 * a table of the cases that sorts on a click on its header, and bar charts of the culprits and their
 * vendors across cases. Pebble escapes every value (auto-escaping), so a hostile case or process
 * name cannot inject markup.
 */
public final class IndexPage {
    /** Bars shown per chart; the other values are summed into one last bar. */
    static final int MAX_BARS = 10;
    private static final int BAR_HEIGHT = 18;
    private static final int BAR_GAP = 4;
    private static final int MAX_BAR_WIDTH = 240;
    private static final int MAX_LABEL_CHARS = 30;

    private static final PebbleEngine ENGINE = engine();

    private IndexPage() {
    }

    /**
     * One bar of a chart, laid out.
     *
     * @param y     top of the bar in the SVG
     * @param width length of the bar in pixels (the largest count gets the full width)
     */
    public record Bar(String label, long count, int y, int width) {
    }

    /** @param height of the SVG */
    public record Chart(String title, List<Bar> bars, int height) {
    }

    static void write(Path outDir, BatchRunner.Result result, String lang) throws IOException {
        try (Writer w = Files.newBufferedWriter(outDir.resolve("index.html"), StandardCharsets.UTF_8)) {
            write(w, result, lang);
        }
    }

    /** Writes the page, worded in {@code lang} (en, zh-CN) as the cases' reports are, to {@code w}, which stays open. */
    public static void write(Writer w, BatchRunner.Result result, String lang) throws IOException {
        Labels labels = Labels.forLanguage(lang);
        List<CaseSummary> rows = result.rows();
        long errors = rows.stream().filter(CaseSummary::isError).count();
        Map<String, Object> context = new HashMap<>();
        context.put("lang", lang);
        context.put("L", labels.asMap());
        context.put("rows", rows);
        context.put("cases", rows.size());
        context.put("summary", labels.format("batch.summary", rows.size(), rows.size() - errors, errors,
                result.analysed(), result.kept()));
        context.put("charts", List.of(
                chart(labels.get("batch.chart.culprits"), rows, IndexPage::hasCulprit, CaseSummary::culprits, labels),
                chart(labels.get("batch.chart.vendors"), rows, IndexPage::hasCulprit,
                        r -> r.vendors().isEmpty() ? List.of(labels.get("batch.vendorUnknown")) : r.vendors(), labels),
                chart(labels.get("batch.chart.verdicts"), rows, r -> true,
                        r -> List.of(r.isError() ? labels.code("caseStatus", r.status()) : labels.code("kind", r.verdict())),
                        labels)));
        ENGINE.getTemplate("index.html.peb").evaluate(w, context, Locale.forLanguageTag(lang));
    }

    private static boolean hasCulprit(CaseSummary row) {
        return row.culprit() != null || row.driver() != null;
    }

    /** Counts the {@code keys} of the {@code counted} rows (a case with two culprits counts for both), most frequent first. */
    static Chart chart(String title, List<CaseSummary> rows, Predicate<CaseSummary> counted,
                       Function<CaseSummary, List<String>> keys, Labels labels) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (CaseSummary r : rows) {
            if (counted.test(r)) {
                keys.apply(r).forEach(k -> counts.merge(k, 1L, Long::sum));
            }
        }
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<Map.Entry<String, Long>> shown = new ArrayList<>(sorted.subList(0, Math.min(MAX_BARS, sorted.size())));
        if (sorted.size() > MAX_BARS) {
            long others = sorted.subList(MAX_BARS, sorted.size()).stream().mapToLong(Map.Entry::getValue).sum();
            shown.add(Map.entry(labels.format("batch.others", sorted.size() - MAX_BARS), others));
        }
        long max = shown.stream().mapToLong(Map.Entry::getValue).max().orElse(1);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            Map.Entry<String, Long> e = shown.get(i);
            int width = (int) Math.max(1, Math.round((double) MAX_BAR_WIDTH * e.getValue() / max));
            bars.add(new Bar(shorten(e.getKey()), e.getValue(), i * (BAR_HEIGHT + BAR_GAP), width));
        }
        return new Chart(title, bars, Math.max(BAR_HEIGHT, bars.size() * (BAR_HEIGHT + BAR_GAP)));
    }

    private static String shorten(String label) {
        return label.length() <= MAX_LABEL_CHARS ? label : label.substring(0, MAX_LABEL_CHARS - 1) + "…";
    }

    private static PebbleEngine engine() {
        ClasspathLoader loader = new ClasspathLoader(IndexPage.class.getClassLoader());
        loader.setPrefix("io/lockscope/batch");
        loader.setCharset("UTF-8");
        return new PebbleEngine.Builder().loader(loader).autoEscaping(true).strictVariables(true).cacheActive(false)
                .extension(new WordingExtension()).build();
    }
}
