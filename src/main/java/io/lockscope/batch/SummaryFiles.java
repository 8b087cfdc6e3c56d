package io.lockscope.batch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code summary.json} and {@code summary.csv} of a batch: one row per case, in input order.
 *
 * <p>summary.json: {@code {"schemaVersion":1, "tool":{"name","version"}, "counts":{"cases",
 * "analysed", "kept", "ok", "badInput", "internalError", "outOfMemory", "ranAlone"}, "cases":[row…]}}, rows as
 * {@link CaseSummary}. summary.csv: RFC 4180 (comma, CRLF, quotes doubled), UTF-8, a header line;
 * formula-like text is neutralised ({@link #quote}).
 */
public final class SummaryFiles {
    public static final int SCHEMA_VERSION = 1;
    /** The CSV columns, in order. */
    public static final List<String> CSV_HEADER = List.of("case", "id", "status", "verdict", "confidence", "culprit",
            "vendor", "driver", "failing_inf", "hresult", "inputs", "warnings", "seconds", "message", "report");

    private static final JsonFactory JSON = new JsonFactory();

    private SummaryFiles() {
    }

    static void write(Path outDir, String toolVersion, BatchRunner.Result result) throws IOException {
        try (Writer w = Files.newBufferedWriter(outDir.resolve("summary.json"), StandardCharsets.UTF_8)) {
            writeJson(w, toolVersion, result);
        }
        try (Writer w = Files.newBufferedWriter(outDir.resolve("summary.csv"), StandardCharsets.UTF_8)) {
            writeCsv(w, result.rows());
        }
    }

    /** Writes summary.json to {@code w}, which stays open. */
    public static void writeJson(Writer w, String toolVersion, BatchRunner.Result result) throws IOException {
        List<CaseSummary> rows = result.rows();
        try (JsonGenerator g = JSON.createGenerator(w).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            g.writeObjectFieldStart("tool");
            g.writeStringField("name", "lockscope");
            g.writeStringField("version", toolVersion);
            g.writeEndObject();
            g.writeObjectFieldStart("counts");
            g.writeNumberField("cases", rows.size());
            g.writeNumberField("analysed", result.analysed());
            g.writeNumberField("kept", result.kept());
            g.writeNumberField("ok", result.count(CaseSummary.OK));
            g.writeNumberField("badInput", result.count(CaseSummary.BAD_INPUT));
            g.writeNumberField("internalError", result.count(CaseSummary.INTERNAL_ERROR));
            g.writeNumberField("outOfMemory", result.count(CaseSummary.OUT_OF_MEMORY));
            g.writeNumberField("ranAlone", result.ranAlone());
            g.writeEndObject();
            g.writeArrayFieldStart("cases");
            for (CaseSummary row : rows) {
                row.write(g);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** Writes summary.csv to {@code w}, which stays open. */
    public static void writeCsv(Writer w, List<CaseSummary> rows) throws IOException {
        csvLine(w, CSV_HEADER);
        for (CaseSummary r : rows) {
            csvLine(w, List.of(r.name(), r.id(), r.status(), text(r.verdict()), text(r.confidence()), text(r.culprit()),
                    text(r.vendor()), text(r.driver()), text(r.failingInf()), text(r.hresult()),
                    Integer.toString(r.inputs()), Integer.toString(r.warnings()),
                    String.format(Locale.ROOT, "%.3f", r.seconds()), text(r.message()),
                    text(r.mainReport())));
        }
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    /** One line of a CSV file as summary.csv writes it ({@link #quote}, CRLF). */
    public static void csvLine(Writer w, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(quote(cells.get(i)));
        }
        w.write("\r\n");
    }

    /**
     * One CSV cell. Case names, process names and messages come from customer uploads, so a text a
     * spreadsheet would run as a formula (first character {@code = + - @}, tab or CR) is prefixed with
     * {@code '}, which spreadsheets show as text (OWASP "CSV Injection"); then RFC 4180 §2.6–2.7: fields
     * with commas, quotes or line breaks are quoted, quotes doubled. No numeric column is ever negative.
     */
    static String quote(String text) {
        String cell = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        boolean needsQuotes = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                || cell.indexOf('\r') >= 0;
        return needsQuotes ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }
}
