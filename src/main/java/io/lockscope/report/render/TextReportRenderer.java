package io.lockscope.report.render;

import io.lockscope.model.servicing.PackageOrder;
import io.lockscope.report.model.Failure;
import io.lockscope.report.model.Filter;
import io.lockscope.report.model.Finding;
import io.lockscope.report.model.Report;
import io.lockscope.report.model.Sequences;
import io.lockscope.report.model.Servicing;
import io.lockscope.report.model.Verdict;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.lockscope.report.render.Labels.evidence;
import static io.lockscope.report.render.Nulls.orEmpty;

/**
 * The report for a terminal: the verdict first, then the failures with who held the file (conflicting
 * holders, then ruled-out ones with why), findings, the access sequence as aligned columns, servicing
 * facts, filters and inputs. Columns are aligned by display width so Chinese text stays aligned.
 * Every value from the report passes through {@link #visible}, so a hostile process name cannot send
 * escape sequences to the terminal.
 */
public final class TextReportRenderer implements ReportRenderer {
    private static final String BOLD = "\u001B[1m";
    private static final String RED = "\u001B[31m";
    private static final String DIM = "\u001B[2m";
    private static final String RESET = "\u001B[0m";
    private static final String INDENT = "  ";
    /** Display columns that prose (the verdict's summary and facts) is wrapped to; tables are not wrapped. */
    static final int WIDTH = 110;

    private final boolean ansi;

    /** @param ansi emphasise headings and the culprit with ANSI escape sequences (for a colour terminal) */
    public TextReportRenderer(boolean ansi) {
        this.ansi = ansi;
    }

    @Override
    public String fileExtension() {
        return "txt";
    }

    @Override
    public void render(Report report, Writer out) throws IOException {
        Labels labels = Labels.of(report);
        // Each section is laid out whole (its columns need every row) and written before the next.
        StringBuilder text = new StringBuilder();
        writeHeader(text, report, labels);
        writeVerdict(text, report.verdict(), labels);
        writeFailures(text, report.failures(), labels);
        writeFindings(text, report.findings(), labels);
        moveTo(out, text);
        writeSequences(text, report.sequences(), labels);
        moveTo(out, text);
        if (report.servicing() != null) {
            writeServicing(text, report.servicing(), labels);
        }
        if (report.filters() != null) {
            writeFilters(text, report.filters(), labels);
        }
        writeInputs(text, report.inputs(), labels);
        writeNotes(text, report.notes(), labels);
        moveTo(out, text);
        out.flush();
    }

    private static void moveTo(Writer out, StringBuilder text) throws IOException {
        out.append(text);
        text.setLength(0);
    }

    private void writeHeader(StringBuilder text, Report report, Labels labels) {
        text.append(styled(BOLD, visible(report.tool().name() + " " + report.tool().version() + " — " + labels.get("title"))))
                .append('\n');
        Report.Target target = report.target();
        if (target != null) {
            text.append(labels.get("target")).append(labels.colon()).append(orEmpty(target.names()).isEmpty() ? labels.get("noTarget")
                    : visible(String.join(labels.comma(), target.names())));
            if (target.source() != null) {
                text.append(labels.inParens(labels.code("targetSource", target.source())));
            }
            text.append('\n');
            for (String path : orEmpty(target.paths())) {
                text.append(INDENT).append(visible(path)).append('\n');
            }
        }
    }

    private void writeVerdict(StringBuilder text, Verdict verdict, Labels labels) {
        heading(text, labels.get("verdict"));
        text.append(INDENT).append(styled(BOLD, labels.code("kind", verdict.kind()) + labels.colon() + visible(verdict.headline())))
                .append(labels.confidenceAside(verdict.confidence())).append('\n');
        for (String line : LineWrap.wrap(visible(verdict.summary()), WIDTH - INDENT.length())) {
            text.append(INDENT).append(line).append('\n');
        }
        KeyValues facts = new KeyValues(labels);
        facts.add(labels.get("confidenceReason"), visible(verdict.confidenceReason()));
        if (verdict.culprits().isEmpty()) {
            facts.add(labels.get("culprit"), labels.culpritLine(null));
        }
        for (Verdict.Culprit c : verdict.culprits()) {
            facts.add(labels.get("culprit"), visible(labels.culpritLine(c)), RED);
            facts.add(labels.get("imagePath"), visible(c.imagePath()));
        }
        facts.add(labels.get("recommendation"), visible(verdict.recommendation()));
        text.append(facts.layOut(INDENT));
    }

    private void writeFailures(StringBuilder text, List<Failure> failures, Labels labels) {
        heading(text, labels.get("failures") + labels.inParens(String.valueOf(orEmpty(failures).size())));
        if (orEmpty(failures).isEmpty()) {
            text.append(INDENT).append(labels.get("noFailures")).append('\n');
        }
        int number = 0;
        for (Failure failure : orEmpty(failures)) {
            number++;
            String result = failure.ntstatus() == null ? failure.result() : failure.result() + " (" + failure.ntstatus() + ")";
            text.append(INDENT).append('[').append(number).append("] ")
                    .append(visible(String.join("  ", time(failure.t()), labels.processWithPid(failure.process(), failure.pid()),
                            String.valueOf(failure.operation()), String.valueOf(result))))
                    .append('\n');
            String inner = INDENT.repeat(3);
            text.append(inner).append(visible(failure.path())).append('\n');
            KeyValues facts = new KeyValues(labels);
            if (failure.requested() != null) {
                facts.add(labels.get("requested"), visible(labels.format("requestedAccess",
                        failure.requested().access(), failure.requested().shareMode())));
            }
            facts.add(labels.get("evidence"), evidence(failure.evidence()));
            text.append(facts.layOut(inner));
            if (!orEmpty(failure.holders()).isEmpty()) {
                text.append(inner).append(labels.get("holders")).append(":\n");
                text.append(holderTable(failure.holders(), labels, "conflict").layOut(inner + INDENT));
            }
            if (!orEmpty(failure.ruledOut()).isEmpty()) {
                text.append(inner).append(labels.get("ruledOut")).append(":\n");
                text.append(styled(DIM, holderTable(failure.ruledOut(), labels, "why").layOut(inner + INDENT)));
            }
            if (!orEmpty(failure.filterDrivers()).isEmpty()) {
                text.append(inner).append(labels.get("filterDrivers")).append(":\n");
                TextTable drivers = new TextTable(labels.get("driver"), labels.get("altitude"), labels.get("group"),
                        labels.get("vendor"), labels.get("evidence"), labels.get("frames"));
                for (Failure.FilterDriver driver : failure.filterDrivers()) {
                    drivers.row(visible(driver.driver()), visible(driver.altitude()), visible(driver.group()),
                            visible(driver.vendor()), labels.code("filterEvidence", driver.evidence()),
                            visible(String.join(labels.comma(), driver.frames())));
                }
                text.append(drivers.layOut(inner + INDENT));
            }
        }
    }

    /** @param reasonLabel the heading of the last column: "conflict" for holders, "why" for ruled-out ones */
    private static TextTable holderTable(List<Failure.Holder> holders, Labels labels, String reasonLabel) {
        TextTable table = new TextTable(labels.get("process"), labels.get("pid"), labels.get("opened"),
                labels.get("closed"), labels.get("access"), labels.get("shareMode"), labels.get("how"),
                labels.get("evidence"), labels.get(reasonLabel)).alignRight(1);
        for (Failure.Holder holder : holders) {
            String opened = time(holder.openedAt()) + (holder.pairingInferred() ? " *" : "");
            String closed = holder.closedAt() == null ? labels.get("stillOpen") : time(holder.closedAt());
            table.row(visible(holder.process()), String.valueOf(holder.pid()), visible(opened), visible(closed),
                    visible(holder.access()), visible(holder.shareMode()), visible(holder.how()),
                    evidence(holder.evidence()), visible(holder.conflict()));
        }
        return table;
    }

    private void writeFindings(StringBuilder text, List<Finding> findings, Labels labels) {
        heading(text, labels.get("findings"));
        if (orEmpty(findings).isEmpty()) {
            text.append(INDENT).append(labels.get("noFindings")).append('\n');
            return;
        }
        TextTable table = new TextTable("", "", "", "");
        for (Finding finding : findings) {
            table.row(labels.code("severity", finding.severity()), visible(finding.rule()),
                    evidence(finding.evidence()), visible(finding.message()));
        }
        text.append(withoutHeader(table.layOut(INDENT)));
    }

    private void writeSequences(StringBuilder text, Sequences sequences, Labels labels) {
        heading(text, labels.get("sequences"));
        writePathSequences(text, labels.get("files"), sequences == null ? null : sequences.files(), labels);
        writePathSequences(text, labels.get("registry"), sequences == null ? null : sequences.registry(), labels);
    }

    private static void writePathSequences(StringBuilder text, String title, List<Sequences.PathSequence> sequences,
                                           Labels labels) {
        text.append(INDENT).append(title).append(labels.colon());
        if (orEmpty(sequences).isEmpty()) {
            text.append(labels.get("noEvents")).append('\n');
            return;
        }
        text.append(sequences.size()).append('\n');
        for (Sequences.PathSequence sequence : sequences) {
            text.append(INDENT.repeat(2)).append(visible(sequence.path())).append('\n');
            TextTable table = new TextTable(labels.get("time"), labels.get("process"), labels.get("pid"),
                    labels.get("operation"), labels.get("result"), labels.get("evidence"), labels.get("detail"))
                    .alignRight(2);
            for (Sequences.Event event : orEmpty(sequence.events())) {
                table.row(visible(time(event.t())), visible(event.process()), String.valueOf(event.pid()),
                        visible(event.operation()), visible(event.result()), event.input() + ":" + event.index(),
                        visible(event.detail()));
            }
            text.append(table.layOut(INDENT.repeat(3)));
        }
    }

    private void writeServicing(StringBuilder text, Servicing servicing, Labels labels) {
        heading(text, labels.get("servicing"));
        KeyValues facts = new KeyValues(labels);
        facts.add(labels.get("failingInf"), visible(servicing.failingInf()));
        facts.add(labels.get("hresult"), visible(Labels.joinNonNull(" ", servicing.hresult(),
                servicing.hresultName() == null ? null : "(" + servicing.hresultName() + ")")));
        facts.add(labels.get("phase"), visible(servicing.phase()));
        facts.add(labels.get("queue"), visible(servicing.queue()));
        facts.add(labels.get("rollback"), labels.yesNo(servicing.rollback()));
        facts.add(labels.get("failureSource"), visible(servicing.failureSource()));
        facts.add(labels.get("packages"), visible(String.join(labels.comma(), orEmpty(servicing.packages()))));
        facts.add(labels.get("driverUpdateOrder"), visible(PackageOrder.shortened(orEmpty(servicing.driverUpdateOrder()),
                servicing.failingInf())));
        facts.add(labels.get("failingInfIsFirstChanged"), labels.yesNo(servicing.failingInfIsFirstChanged()));
        text.append(facts.layOut(INDENT));
        if (!orEmpty(servicing.events()).isEmpty()) {
            TextTable table = new TextTable(labels.get("time"), labels.get("source"), labels.get("line"),
                    labels.get("text"));
            for (Servicing.Event event : servicing.events()) {
                table.row(visible(event.t()), visible(event.source()), event.input() + ":" + event.line(),
                        visible(event.text()));
            }
            text.append(table.layOut(INDENT));
        }
    }

    private void writeFilters(StringBuilder text, List<Filter> filters, Labels labels) {
        heading(text, labels.get("filters"));
        TextTable table = new TextTable(labels.get("name"), labels.get("altitude"), labels.get("group"),
                labels.get("vendor"), labels.get("instances"), labels.get("thirdParty"), labels.get("source"))
                .alignRight(1).alignRight(4);
        for (Filter filter : filters) {
            table.row(visible(filter.name()), visible(filter.altitude()), visible(filter.group()),
                    visible(filter.vendor()), filter.instances() == null ? "" : String.valueOf(filter.instances()),
                    labels.yesNo(filter.thirdParty()), visible(filter.source()));
        }
        text.append(table.layOut(INDENT));
    }

    private void writeInputs(StringBuilder text, List<Report.Input> inputs, Labels labels) {
        heading(text, labels.get("inputs"));
        TextTable table = new TextTable("#", labels.get("path"), labels.get("format"), labels.get("events"),
                labels.get("skipped"), labels.get("clock")).alignRight(0).alignRight(3).alignRight(4);
        int number = 0;
        for (Report.Input input : orEmpty(inputs)) {
            table.row(String.valueOf(number++), visible(input.path()), visible(input.format()),
                    String.valueOf(input.events()), String.valueOf(input.skipped()), labels.code("clock", input.clock()));
        }
        text.append(table.layOut(INDENT));
        number = 0;
        for (Report.Input input : orEmpty(inputs)) {
            if (input.truncation() != null) {
                text.append(INDENT).append('#').append(number).append(' ').append(visible(input.truncation().text()))
                        .append('\n');
            }
            for (String warning : orEmpty(input.warnings())) {
                text.append(INDENT).append('#').append(number).append(' ').append(labels.get("warnings")).append(labels.colon())
                        .append(visible(warning)).append('\n');
            }
            number++;
        }
        text.append(INDENT).append(labels.get("evidenceHint")).append('\n');
    }

    private void writeNotes(StringBuilder text, List<String> notes, Labels labels) {
        if (orEmpty(notes).isEmpty()) {
            return;
        }
        heading(text, labels.get("notes"));
        for (String note : notes) {
            text.append(INDENT).append("- ").append(visible(note)).append('\n');
        }
    }

    private void heading(StringBuilder text, String title) {
        text.append('\n').append(styled(BOLD, title.toUpperCase(Locale.ROOT))).append('\n');
    }

    private String styled(String style, String text) {
        if (!ansi || text.isEmpty()) {
            return text;
        }
        // Re-open the style after each line break: some terminals reset attributes at a newline.
        return style + text.replace("\n", RESET + "\n" + style) + RESET;
    }

    private static String time(Report.Time time) {
        return time == null ? "" : time.text();
    }

    private static String withoutHeader(String table) {
        return table.substring(table.indexOf('\n') + 1);
    }

    /**
     * The value with control characters, bidirectional overrides and other invisible format
     * characters shown as Java-style escapes (backslash, u, four hex digits), so that what the terminal shows is what the trace holds.
     */
    static String visible(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean hidden = Character.isISOControl(c) || Character.getType(c) == Character.FORMAT;
            if (hidden && out == null) {
                out = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (out != null) {
                if (hidden) {
                    out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? value : out.toString();
    }

    /**
     * "Label:  value" lines with the values aligned after the widest label, a long value wrapped to
     * {@link #WIDTH} and its next lines aligned under its first.
     */
    private final class KeyValues {
        private final List<String[]> rows = new ArrayList<>();
        private final String colon;

        KeyValues(Labels labels) {
            colon = labels.colon();
        }

        void add(String key, String value) {
            add(key, value, null);
        }

        /** @param style an ANSI style for the value, or null */
        void add(String key, String value, String style) {
            if (value != null && !value.isEmpty()) {
                rows.add(new String[] {key + colon.strip(), value, style});
            }
        }

        String layOut(String indent) {
            int keyWidth = rows.stream().mapToInt(r -> DisplayWidth.of(r[0])).max().orElse(0);
            String under = indent + " ".repeat(keyWidth + 2);
            StringBuilder out = new StringBuilder();
            for (String[] row : rows) {
                List<String> lines = LineWrap.wrap(row[1], Math.max(40, WIDTH - under.length()));
                for (int i = 0; i < lines.size(); i++) {
                    out.append(i == 0 ? indent + DisplayWidth.padRight(row[0], keyWidth) + "  " : under)
                            .append(row[2] == null ? lines.get(i) : styled(row[2], lines.get(i))).append('\n');
                }
            }
            return out.toString();
        }
    }
}
