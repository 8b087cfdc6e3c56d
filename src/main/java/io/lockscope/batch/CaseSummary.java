package io.lockscope.batch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.lockscope.report.model.Report;
import io.lockscope.report.model.Servicing;
import io.lockscope.report.model.Verdict;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One case's row of a batch summary (summary.json, summary.csv, index.html).
 *
 * @param status     ok (a report was written) | bad-input | internal-error | out-of-memory (even run alone)
 * @param verdict    the verdict kind, null for an error row
 * @param culprit    every culprit's process, joined with {@value #CULPRIT_SEPARATOR} (likewise vendor and driver)
 * @param failingInf the failing INF of the servicing logs, else the INF the target was taken from
 * @param hresult    the servicing failure's HRESULT and its name ("0x800703f1 ERROR_NO_MORE_ITEMS")
 * @param inputs     files read (traces and servicing logs)
 * @param warnings   reader warnings, archive entries refused by a limit, and files that could not be read
 * @param message    an error row's one-line error; null for ok rows
 * @param seconds    time spent analysing (for a case kept by --resume, that of the run that analysed it)
 * @param reports    the case's report files, relative to the batch's output folder
 */
public record CaseSummary(String id, String name, String input, String status, String verdict, String confidence,
                          String culprit, String vendor, String driver, String failingInf, String hresult, int inputs,
                          int warnings, String message, double seconds, List<String> reports) implements Serializable {
    public static final String OK = "ok";
    public static final String BAD_INPUT = "bad-input";
    public static final String INTERNAL_ERROR = "internal-error";
    /** The case ran out of Java heap, also with no other case beside it: the operator's heap is too small for it. */
    public static final String OUT_OF_MEMORY = "out-of-memory";
    /** Between the culprits of a case in the culprit, vendor and driver fields. */
    public static final String CULPRIT_SEPARATOR = "; ";

    public CaseSummary {
        reports = List.copyOf(reports);
    }

    /** The row of a case analysed into {@code report}. */
    static CaseSummary of(BatchCase c, CaseAnalyzer.Result result, double seconds, List<String> reports) {
        Report report = result.report();
        Verdict verdict = report.verdict();
        Servicing servicing = report.servicing();
        String failingInf = servicing == null ? null : servicing.failingInf();
        if (failingInf == null && report.target() != null) {
            failingInf = report.target().names().stream()
                    .filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".inf")).findFirst().orElse(null);
        }
        String hresult = servicing == null || servicing.hresult() == null ? null
                : servicing.hresultName() == null ? servicing.hresult() : servicing.hresult() + " " + servicing.hresultName();
        int warnings = result.loaded().refused().size() + result.loaded().errors().size()
                + report.inputs().stream().mapToInt(i -> i.warnings() == null ? 0 : i.warnings().size()).sum();
        return new CaseSummary(c.id(), c.name(), c.input(), OK, verdict.kind(), verdict.confidence(),
                joined(verdict, Verdict.Culprit::process), joined(verdict, Verdict.Culprit::vendor),
                joined(verdict, Verdict.Culprit::driver), failingInf, hresult, report.inputs().size(), warnings, null,
                seconds, reports);
    }

    /** One field of every culprit, distinct, joined with {@link #CULPRIT_SEPARATOR}; null when none has it. */
    private static String joined(Verdict verdict, Function<Verdict.Culprit, String> field) {
        List<String> values = verdict.culprits().stream().map(field).filter(Objects::nonNull).distinct().toList();
        return values.isEmpty() ? null : String.join(CULPRIT_SEPARATOR, values);
    }

    /** Each culprit's process (or, when a driver holds nothing, its driver), for counting culprits. */
    List<String> culprits() {
        if (culprit == null) {
            return driver == null ? List.of() : List.of(driver.split(CULPRIT_SEPARATOR));
        }
        return List.of(culprit.split(CULPRIT_SEPARATOR));
    }

    /** Each culprit vendor; empty when no culprit's vendor is known. */
    List<String> vendors() {
        return vendor == null ? List.of() : List.of(vendor.split(CULPRIT_SEPARATOR));
    }

    /** The row of a case that produced no report. */
    public static CaseSummary error(BatchCase c, String status, String message, double seconds) {
        return new CaseSummary(c.id(), c.name(), c.input(), status, null, null, null, null, null, null,
                null, 0, 0, message, seconds, List.of());
    }

    /** The same row with another message. */
    CaseSummary withMessage(String newMessage) {
        return new CaseSummary(id, name, input, status, verdict, confidence, culprit, vendor, driver, failingInf,
                hresult, inputs, warnings, newMessage, seconds, reports);
    }

    /** The report a reader opens first: the HTML one if written, else the first; null when none. */
    public String mainReport() {
        return reports.stream().filter(r -> r.endsWith(".html")).findFirst()
                .orElse(reports.isEmpty() ? null : reports.get(0));
    }

    public boolean isError() {
        return !OK.equals(status);
    }

    /**
     * A failure of the run rather than of the input: an internal error, or out of memory even alone. The
     * batch then exits 3 (bad input: 1).
     */
    public boolean failedInRun() {
        return INTERNAL_ERROR.equals(status) || OUT_OF_MEMORY.equals(status);
    }

    /**
     * The progress line of a finished case: {@code [12/200] case-042  lock-holder  ntrtscan.exe  3.1 s}.
     *
     * @param kept not analysed because its inputs are unchanged
     */
    public String progressLine(int done, int total, boolean kept) {
        String width = Integer.toString(Integer.toString(total).length());
        String head = String.format(Locale.ROOT, "[%" + width + "d/%d] %s  ", done, total, id);
        String tail = kept ? "unchanged, not analysed" : String.format(Locale.ROOT, "%.1f s", seconds);
        if (isError()) {
            return head + status + "  " + message + "  " + tail;
        }
        String shown = culprit != null ? culprit : driver != null ? driver : "-";
        return head + verdict + "  " + shown + "  " + tail;
    }

    /** The same row, for a case whose unchanged inputs were not analysed again. */
    CaseSummary kept(BatchCase c) {
        return new CaseSummary(c.id(), c.name(), c.input(), status, verdict, confidence, culprit, vendor,
                driver, failingInf, hresult, inputs, warnings, message, seconds, reports);
    }

    // ---- JSON (summary.json and the per-case record); field names are those of the record

    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("name", name);
        g.writeStringField("input", input);
        g.writeStringField("status", status);
        g.writeStringField("verdict", verdict);
        g.writeStringField("confidence", confidence);
        g.writeStringField("culprit", culprit);
        g.writeStringField("vendor", vendor);
        g.writeStringField("driver", driver);
        g.writeStringField("failingInf", failingInf);
        g.writeStringField("hresult", hresult);
        g.writeNumberField("inputs", inputs);
        g.writeNumberField("warnings", warnings);
        g.writeStringField("message", message);
        g.writeNumberField("seconds", Math.round(seconds * 1000) / 1000.0);
        g.writeArrayFieldStart("reports");
        for (String r : reports) {
            g.writeString(r);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Reads what {@link #write} wrote; the parser is on the object's START_OBJECT. */
    static CaseSummary read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException("a case summary object was expected at " + p.currentLocation());
        }
        String[] text = new String[12];
        List<String> fields = List.of("id", "name", "input", "status", "verdict", "confidence", "culprit", "vendor",
                "driver", "failingInf", "hresult", "message");
        int inputs = 0;
        int warnings = 0;
        double seconds = 0;
        List<String> reports = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            int index = fields.indexOf(field);
            if (index >= 0) {
                text[index] = value == JsonToken.VALUE_NULL ? null : p.getText();
            } else if (field.equals("inputs")) {
                inputs = p.getIntValue();
            } else if (field.equals("warnings")) {
                warnings = p.getIntValue();
            } else if (field.equals("seconds")) {
                seconds = p.getDoubleValue();
            } else if (field.equals("reports") && value == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.VALUE_STRING) {
                    reports.add(p.getText());
                }
            } else {
                p.skipChildren();
            }
        }
        if (text[0] == null || text[3] == null) {
            throw new IOException("a case summary without id or status");
        }
        return new CaseSummary(text[0], text[1], text[2], text[3], text[4], text[5], text[6], text[7], text[8], text[9],
                text[10], inputs, warnings, text[11], seconds, reports);
    }
}
