package io.lockscope.report.render;

import java.util.List;
import java.util.Locale;

/** Finds the renderer for a {@code --format} name. */
public final class Renderers {
    /** The format names {@link #forFormat} accepts, in the order the CLI lists them. */
    public static final List<String> FORMATS = List.of("text", "json", "html", "md");

    private Renderers() {
    }

    /**
     * @param format text | json | html | md (case-insensitive; "markdown" is taken for "md")
     * @throws IllegalArgumentException for any other name
     */
    public static ReportRenderer forFormat(String format) {
        String name = format == null ? "" : format.toLowerCase(Locale.ROOT);
        switch (name) {
            case "text":
                return new TextReportRenderer(false);
            case "json":
                return new JsonReportRenderer(true);
            case "html":
                return new HtmlReportRenderer();
            case "md":
            case "markdown":
                return new MarkdownReportRenderer();
            default:
                throw new IllegalArgumentException("unknown report format '" + format + "'; expected one of " + FORMATS);
        }
    }
}
