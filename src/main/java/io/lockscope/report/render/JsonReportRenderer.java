package io.lockscope.report.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.lockscope.report.model.Failure;
import io.lockscope.report.model.Filter;
import io.lockscope.report.model.Finding;
import io.lockscope.report.model.Report;
import io.lockscope.report.model.Sequences;
import io.lockscope.report.model.Servicing;
import io.lockscope.report.model.Verdict;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

import static io.lockscope.report.render.Nulls.orEmpty;

/**
 * The JSON report of docs/report-json.md (schemaVersion 1), written with Jackson's
 * streaming generator so that a big case is never held twice in memory. Field order follows the
 * spec; fields beyond it: {@code lang}, {@code notes}, per failure {@code ruledOut} and
 * {@code evidence}, per holder {@code how}, {@code pairingInferred} and the offsets of
 * {@code openedAt}/{@code closedAt}, per filter driver {@code group}. Every object with a {@code t} also
 * has {@code offsetSeconds}; a servicing log line's is null when its clock could not be related to the
 * trace's. The timeline picture is for HTML only and is not written.
 */
public final class JsonReportRenderer implements ReportRenderer {
    /** Offsets are kept to 100 ns, the resolution of the traces. */
    private static final int OFFSET_DECIMALS = 7;

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .characterEscapes(new HtmlSafeEscapes())
            .build();

    private final boolean pretty;

    /** @param pretty indent with two spaces and "\n" line ends (same bytes on every platform) */
    public JsonReportRenderer(boolean pretty) {
        this.pretty = pretty;
    }

    @Override
    public String fileExtension() {
        return "json";
    }

    @Override
    public void render(Report report, Writer out) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            if (pretty) {
                json.setPrettyPrinter(prettyPrinter());
            }
            writeReport(json, report);
            json.writeRaw('\n');
        }
        out.flush();
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withSeparators(separators);
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return printer;
    }

    private static void writeReport(JsonGenerator json, Report report) throws IOException {
        json.writeStartObject();
        json.writeNumberField("schemaVersion", report.schemaVersion());
        json.writeObjectFieldStart("tool");
        json.writeStringField("name", report.tool().name());
        json.writeStringField("version", report.tool().version());
        json.writeEndObject();
        json.writeStringField("lang", report.lang());

        json.writeArrayFieldStart("inputs");
        for (Report.Input input : orEmpty(report.inputs())) {
            json.writeStartObject();
            json.writeStringField("path", input.path());
            json.writeStringField("format", input.format());
            json.writeNumberField("events", input.events());
            json.writeNumberField("skipped", input.skipped());
            json.writeStringField("clock", input.clock());
            writeStrings(json, "warnings", input.warnings());
            Report.Truncation cut = input.truncation();
            if (cut != null) {
                json.writeObjectFieldStart("truncation");
                json.writeStringField("unit", cut.unit());
                json.writeNumberField("position", cut.position());
                json.writeNumberField("recordsLost", cut.recordsLost());
                json.writeBooleanField("lowerBound", cut.lowerBound());
                json.writeStringField("text", cut.text());
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        json.writeEndArray();

        writeTarget(json, report.target());
        writeVerdict(json, report.verdict());

        json.writeArrayFieldStart("failures");
        for (Failure failure : orEmpty(report.failures())) {
            writeFailure(json, failure);
        }
        json.writeEndArray();

        json.writeArrayFieldStart("findings");
        for (Finding finding : orEmpty(report.findings())) {
            json.writeStartObject();
            json.writeStringField("rule", finding.rule());
            json.writeStringField("severity", finding.severity());
            json.writeStringField("message", finding.message());
            writeEvidence(json, finding.evidence());
            json.writeEndObject();
        }
        json.writeEndArray();

        writeSequences(json, report.sequences());
        if (report.servicing() != null) {
            writeServicing(json, report.servicing());
        }
        if (report.filters() != null) {
            writeFilters(json, report.filters());
        }
        writeStrings(json, "notes", report.notes());
        json.writeEndObject();
    }

    private static void writeTarget(JsonGenerator json, Report.Target target) throws IOException {
        json.writeFieldName("target");
        if (target == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        writeStrings(json, "names", target.names());
        json.writeStringField("source", target.source());
        writeStrings(json, "paths", target.paths());
        json.writeEndObject();
    }

    private static void writeVerdict(JsonGenerator json, Verdict verdict) throws IOException {
        json.writeObjectFieldStart("verdict");
        json.writeStringField("kind", verdict.kind());
        json.writeStringField("headline", verdict.headline());
        json.writeStringField("summary", verdict.summary());
        json.writeStringField("confidence", verdict.confidence());
        json.writeStringField("confidenceReason", verdict.confidenceReason());
        json.writeFieldName("culprit");
        if (verdict.culprit() == null) {
            json.writeNull();
        } else {
            writeCulprit(json, verdict.culprit());
        }
        json.writeArrayFieldStart("culprits");
        for (Verdict.Culprit c : verdict.culprits()) {
            writeCulprit(json, c);
        }
        json.writeEndArray();
        json.writeStringField("recommendation", verdict.recommendation());
        json.writeEndObject();
    }

    private static void writeCulprit(JsonGenerator json, Verdict.Culprit culprit) throws IOException {
        json.writeStartObject();
        json.writeStringField("process", culprit.process());
        writeInteger(json, "pid", culprit.pid());
        json.writeStringField("imagePath", culprit.imagePath());
        json.writeStringField("company", culprit.company());
        json.writeStringField("vendor", culprit.vendor());
        json.writeStringField("product", culprit.product());
        json.writeStringField("driver", culprit.driver());
        json.writeStringField("altitude", culprit.altitude());
        json.writeStringField("mechanism", culprit.mechanism());
        json.writeStringField("confidence", culprit.confidence());
        json.writeStringField("advice", culprit.advice());
        json.writeEndObject();
    }

    private static void writeFailure(JsonGenerator json, Failure failure) throws IOException {
        json.writeStartObject();
        writeTime(json, "t", "offsetSeconds", failure.t());
        json.writeStringField("process", failure.process());
        json.writeNumberField("pid", failure.pid());
        json.writeStringField("operation", failure.operation());
        json.writeStringField("path", failure.path());
        json.writeStringField("result", failure.result());
        json.writeStringField("ntstatus", failure.ntstatus());
        json.writeFieldName("requested");
        if (failure.requested() == null) {
            json.writeNull();
        } else {
            json.writeStartObject();
            json.writeStringField("access", failure.requested().access());
            json.writeStringField("shareMode", failure.requested().shareMode());
            json.writeEndObject();
        }
        writeHolders(json, "holders", failure.holders());
        writeHolders(json, "ruledOut", failure.ruledOut());
        json.writeArrayFieldStart("filterDrivers");
        for (Failure.FilterDriver driver : orEmpty(failure.filterDrivers())) {
            json.writeStartObject();
            json.writeStringField("driver", driver.driver());
            json.writeStringField("altitude", driver.altitude());
            json.writeStringField("group", driver.group());
            json.writeStringField("vendor", driver.vendor());
            json.writeStringField("evidence", driver.evidence());
            writeStrings(json, "frames", driver.frames());
            json.writeEndObject();
        }
        json.writeEndArray();
        writeEvidence(json, failure.evidence());
        json.writeEndObject();
    }

    private static void writeHolders(JsonGenerator json, String field, List<Failure.Holder> holders) throws IOException {
        json.writeArrayFieldStart(field);
        for (Failure.Holder holder : orEmpty(holders)) {
            json.writeStartObject();
            json.writeStringField("process", holder.process());
            json.writeNumberField("pid", holder.pid());
            writeTime(json, "openedAt", "openedAtOffsetSeconds", holder.openedAt());
            writeTime(json, "closedAt", "closedAtOffsetSeconds", holder.closedAt());
            json.writeStringField("access", holder.access());
            json.writeStringField("shareMode", holder.shareMode());
            json.writeStringField("conflict", holder.conflict());
            json.writeStringField("how", holder.how());
            json.writeBooleanField("pairingInferred", holder.pairingInferred());
            writeEvidence(json, holder.evidence());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeSequences(JsonGenerator json, Sequences sequences) throws IOException {
        json.writeObjectFieldStart("sequences");
        writePathSequences(json, "files", "path", sequences == null ? null : sequences.files());
        writePathSequences(json, "registry", "key", sequences == null ? null : sequences.registry());
        json.writeEndObject();
    }

    private static void writePathSequences(JsonGenerator json, String field, String pathField,
                                           List<Sequences.PathSequence> sequences) throws IOException {
        json.writeArrayFieldStart(field);
        for (Sequences.PathSequence sequence : orEmpty(sequences)) {
            json.writeStartObject();
            json.writeStringField(pathField, sequence.path());
            json.writeArrayFieldStart("events");
            for (Sequences.Event event : orEmpty(sequence.events())) {
                json.writeStartObject();
                writeTime(json, "t", "offsetSeconds", event.t());
                json.writeStringField("process", event.process());
                json.writeNumberField("pid", event.pid());
                json.writeStringField("operation", event.operation());
                json.writeStringField("result", event.result());
                json.writeStringField("detail", event.detail());
                json.writeNumberField("input", event.input());
                json.writeNumberField("index", event.index());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeServicing(JsonGenerator json, Servicing servicing) throws IOException {
        json.writeObjectFieldStart("servicing");
        json.writeStringField("failingInf", servicing.failingInf());
        json.writeStringField("hresult", servicing.hresult());
        json.writeStringField("hresultName", servicing.hresultName());
        json.writeStringField("phase", servicing.phase());
        json.writeStringField("queue", servicing.queue());
        writeBoolean(json, "rollback", servicing.rollback());
        json.writeStringField("failureSource", servicing.failureSource());
        writeStrings(json, "packages", servicing.packages());
        writeStrings(json, "driverUpdateOrder", servicing.driverUpdateOrder());
        writeBoolean(json, "failingInfIsFirstChanged", servicing.failingInfIsFirstChanged());
        json.writeArrayFieldStart("events");
        for (Servicing.Event event : orEmpty(servicing.events())) {
            json.writeStartObject();
            json.writeStringField("t", event.t());
            if (event.offsetSeconds() == null) {
                json.writeNullField("offsetSeconds");
            } else {
                writeOffset(json, "offsetSeconds", event.offsetSeconds());
            }
            json.writeStringField("source", event.source());
            json.writeNumberField("input", event.input());
            json.writeNumberField("line", event.line());
            json.writeStringField("text", event.text());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeFilters(JsonGenerator json, List<Filter> filters) throws IOException {
        json.writeArrayFieldStart("filters");
        for (Filter filter : filters) {
            json.writeStartObject();
            json.writeStringField("name", filter.name());
            json.writeStringField("altitude", filter.altitude());
            json.writeStringField("group", filter.group());
            json.writeStringField("vendor", filter.vendor());
            writeInteger(json, "instances", filter.instances());
            json.writeBooleanField("thirdParty", filter.thirdParty());
            json.writeStringField("source", filter.source());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeEvidence(JsonGenerator json, List<Report.Evidence> evidence) throws IOException {
        json.writeArrayFieldStart("evidence");
        for (Report.Evidence e : orEmpty(evidence)) {
            json.writeStartObject();
            json.writeNumberField("input", e.input());
            json.writeNumberField("index", e.index());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** A time as its text in {@code textField} and its offset from the capture start in {@code offsetField}. */
    static void writeTime(JsonGenerator json, String textField, String offsetField, Report.Time time)
            throws IOException {
        if (time == null) {
            json.writeNullField(textField);
            json.writeNullField(offsetField);
            return;
        }
        json.writeStringField(textField, time.text());
        writeOffset(json, offsetField, time.offsetSeconds());
    }

    /** Seconds rounded to 100 ns, as a plain decimal; null when not finite. */
    private static void writeOffset(JsonGenerator json, String field, double seconds) throws IOException {
        if (Double.isFinite(seconds)) {
            json.writeNumberField(field, BigDecimal.valueOf(seconds)
                    .setScale(OFFSET_DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros());
        } else {
            json.writeNullField(field);
        }
    }

    private static void writeStrings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String value : orEmpty(values)) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static void writeInteger(JsonGenerator json, String field, Integer value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }

    private static void writeBoolean(JsonGenerator json, String field, Boolean value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeBooleanField(field, value);
        }
    }

    /**
     * Writes {@code <}, {@code >}, {@code &} and the JavaScript line separators U+2028/U+2029 as
     * {@code \\uXXXX}: the JSON stays equal, and a hostile path such as {@code <script>} stays inert when a
     * report is embedded in a page.
     */
    private static final class HtmlSafeEscapes extends CharacterEscapes {
        private static final int[] ESCAPES = standardAsciiEscapesForJSON();

        static {
            ESCAPES['<'] = ESCAPE_STANDARD;
            ESCAPES['>'] = ESCAPE_STANDARD;
            ESCAPES['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ESCAPES;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch == 0x2028 || ch == 0x2029) {
                return new SerializedString(String.format(Locale.ROOT, "\\u%04X", ch));
            }
            return null;
        }
    }
}
