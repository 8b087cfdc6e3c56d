package io.lockscope.batch;

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

    static void write(Path outDir, BatchRunner.Result result) throws IOException {
        try (Writer w = Files.newBufferedWriter(outDir.resolve("index.html"), StandardCharsets.UTF_8)) {
            write(w, result);
        }
    }

    /** Writes the page to {@code w}, which stays open. */
    public static void write(Writer w, BatchRunner.Result result) throws IOException {
        List<CaseSummary> rows = result.rows();
        Map<String, Object> context = new HashMap<>();
        context.put("rows", rows);
        context.put("cases", rows.size());
        context.put("ok", rows.stream().filter(r -> !r.isError()).count());
        context.put("errors", rows.stream().filter(CaseSummary::isError).count());
        context.put("analysed", result.analysed());
        context.put("kept", result.kept());
        context.put("charts", List.of(
                chart("Culprits (process, or driver when no process holds the file)", rows, IndexPage::hasCulprit,
                        CaseSummary::culprits),
                chart("Culprit vendors", rows, IndexPage::hasCulprit,
                        r -> r.vendors().isEmpty() ? List.of("(vendor not known)") : r.vendors()),
                chart("Verdicts", rows, r -> true, r -> List.of(r.isError() ? r.status() : r.verdict()))));
        ENGINE.getTemplate("index.html.peb").evaluate(w, context, Locale.ROOT);
    }

    private static boolean hasCulprit(CaseSummary row) {
        return row.culprit() != null || row.driver() != null;
    }

    /** Counts the {@code keys} of the {@code counted} rows (a case with two culprits counts for both), most frequent first. */
    static Chart chart(String title, List<CaseSummary> rows, Predicate<CaseSummary> counted,
                       Function<CaseSummary, List<String>> keys) {
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
            shown.add(Map.entry("(" + (sorted.size() - MAX_BARS) + " others)", others));
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
                .build();
    }
}
