package io.lockscope.report.render;

import io.lockscope.report.model.Report;

import java.io.IOException;
import java.io.Writer;

/**
 * Lays out a finished {@link Report} in one output format. Renderers never compute or decide: the
 * report arrives worded and with formatted times; a renderer only arranges it and escapes it for its
 * format. The writer is flushed but not closed.
 */
public interface ReportRenderer {

    void render(Report report, Writer out) throws IOException;

    /** The usual file extension of this format, without the dot ("json", "html", …). */
    String fileExtension();
}
