package io.lockscope.report.render;

import io.lockscope.report.model.Failure;
import io.lockscope.report.model.Report;
import io.lockscope.report.model.Verdict;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.StringJoiner;

import static io.lockscope.report.render.Nulls.orEmpty;

/**
 * A short summary to paste into a case email: the verdict and culprit, one evidence table (each
 * failure, then the holders that block it) and the recommendation. GitHub-flavoured Markdown; every
 * value is escaped so that a path can neither break the table nor inject HTML when the text is viewed
 * rendered.
 */
public final class MarkdownReportRenderer implements ReportRenderer {
    private static final String INLINE_SPECIALS = "`*[]<>|~&";
    /** What a backslash escapes in CommonMark (spec 0.31, "Backslash escapes"). */
    private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final String LINE_START_SPECIALS = "#+-=";

    @Override
    public String fileExtension() {
        return "md";
    }

    @Override
    public void render(Report report, Writer out) throws IOException {
        Labels labels = Labels.of(report);
        Verdict verdict = report.verdict();
        StringBuilder md = new StringBuilder();
        md.append("## ").append(escape(labels.code("kind", verdict.kind()))).append(labels.colon())
                .append(escape(verdict.headline()))
                .append(escape(labels.confidenceAside(verdict.confidence()))).append("\n\n");
        md.append(escape(verdict.summary())).append("\n\n");
        md.append("**").append(escape(labels.get("confidenceReason"))).append("**").append(labels.colon())
                .append(escape(verdict.confidenceReason())).append("\n\n");
        if (verdict.culprits().isEmpty()) {
            md.append("**").append(escape(labels.get("culprit"))).append("**").append(labels.colon())
                    .append(escape(labels.culpritLine(null))).append("\n\n");
        }
        for (Verdict.Culprit c : verdict.culprits()) {
            md.append("**").append(escape(labels.get("culprit"))).append("**").append(labels.colon())
                    .append(escape(labels.culpritLine(c))).append("\n\n");
        }

        List<Failure> failures = orEmpty(report.failures());
        if (failures.isEmpty()) {
            md.append(escape(labels.get("noFailures"))).append("\n\n");
        } else {
            appendEvidenceTable(md, failures, labels);
        }
        appendRuledOut(md, failures, labels);
        appendFilterDrivers(md, failures, labels);

        md.append("**").append(escape(labels.get("recommendation"))).append("**").append(labels.colon())
                .append(escape(verdict.recommendation())).append('\n');
        out.write(md.toString());
        out.flush();
    }

    private static void appendEvidenceTable(StringBuilder md, List<Failure> failures, Labels labels) {
        row(md, labels.get("time"), labels.get("process"), labels.get("pid"), labels.get("operation"),
                labels.get("path"), labels.get("result"), labels.get("conflict"));
        md.append("|---|---|--:|---|---|---|---|\n");
        for (Failure failure : failures) {
            String operation = failure.operation();
            if (failure.requested() != null) {
                operation += labels.inParens(labels.format("requestedAccess", failure.requested().access(),
                        failure.requested().shareMode()));
            }
            String result = Labels.joinNonNull(" ", failure.result(), failure.ntstatus());
            row(md, time(failure.t()), failure.process(), String.valueOf(failure.pid()), operation, failure.path(),
                    result, "");
            for (Failure.Holder holder : orEmpty(failure.holders())) {
                String held = Labels.joinNonNull(labels.colon(), holder.how(),
                        labels.format("requestedAccess", holder.access(), holder.shareMode()));
                String until = holder.closedAt() == null ? labels.get("stillOpen")
                        : labels.get("closed") + " " + time(holder.closedAt());
                row(md, time(holder.openedAt()), holder.process(), String.valueOf(holder.pid()), held,
                        failure.path(), until, holder.conflict());
            }
        }
        md.append('\n');
    }

    /** One line naming the holders that were considered and why they do not block. */
    private static void appendRuledOut(StringBuilder md, List<Failure> failures, Labels labels) {
        StringJoiner ruledOut = new StringJoiner(labels.get("punct.separator"));
        for (Failure failure : failures) {
            for (Failure.Holder holder : orEmpty(failure.ruledOut())) {
                ruledOut.add(escape(labels.processWithPid(holder.process(), holder.pid())) + labels.get("punct.dash") + escape(holder.conflict()));
            }
        }
        if (ruledOut.length() > 0) {
            md.append("*").append(escape(labels.get("ruledOut"))).append("*").append(labels.colon()).append(ruledOut)
                    .append("\n\n");
        }
    }

    /** One line naming the third-party drivers seen about the failures, with where and their frames. */
    private static void appendFilterDrivers(StringBuilder md, List<Failure> failures, Labels labels) {
        StringJoiner drivers = new StringJoiner(labels.get("punct.separator"));
        for (Failure failure : failures) {
            for (Failure.FilterDriver d : orEmpty(failure.filterDrivers())) {
                String seen = labels.code("filterEvidence", d.evidence());
                String where = d.frames().isEmpty() ? seen : seen + labels.colon() + String.join(labels.comma(), d.frames());
                drivers.add(escape(d.driver()) + escape(labels.inParens(where)));
            }
        }
        if (drivers.length() > 0) {
            md.append("*").append(escape(labels.get("filterDrivers"))).append("*").append(labels.colon()).append(drivers).append("\n\n");
        }
    }

    private static void row(StringBuilder md, String... cells) {
        md.append('|');
        for (String cell : cells) {
            md.append(' ').append(escape(cell)).append(" |");
        }
        md.append('\n');
    }

    private static String time(Report.Time time) {
        return time == null ? "" : time.text();
    }

    /**
     * Text that Markdown shows as itself: line breaks become spaces (a table row is one line),
     * invisible characters become visible escapes, and characters with a meaning to Markdown, GFM
     * tables or HTML are backslash-escaped, so that a path can neither split a cell nor turn
     * {@code <script>} into a tag. To keep pasted paths readable as raw text, a backslash is doubled
     * only where CommonMark would read it as an escape (before ASCII punctuation, or at the end), and
     * an underscore between two letters or digits (which cannot start emphasis) is left alone.
     * Characters that only mean something at the start of a line (headings, lists) are escaped there.
     */
    static String escape(String value) {
        if (value == null) {
            return "";
        }
        String flat = value.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
        String text = TextReportRenderer.visible(flat);
        StringBuilder out = new StringBuilder(text.length() + 16);
        int listNumberEnd = leadingDigits(text);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char before = i > 0 ? text.charAt(i - 1) : ' ';
            char after = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
            boolean special;
            if (c == '\\') {
                special = i + 1 == text.length() || ASCII_PUNCTUATION.indexOf(after) >= 0;
            } else if (c == '_') {
                special = !(Character.isLetterOrDigit(before) && Character.isLetterOrDigit(after));
            } else {
                special = INLINE_SPECIALS.indexOf(c) >= 0
                        || i == 0 && LINE_START_SPECIALS.indexOf(c) >= 0
                        || i == listNumberEnd && i > 0 && (c == '.' || c == ')');
            }
            if (special) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static int leadingDigits(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i;
    }
}
