package io.lockscope.export.csv;

import io.lockscope.export.EventRow;
import io.lockscope.export.EventWriter;
import io.lockscope.export.ExportOptions;
import io.lockscope.export.ProcmonCells;
import io.lockscope.model.TimeBase;
import io.lockscope.model.Trace;
import io.lockscope.model.vocab.ProcmonColumn;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes what procmon's "Save… → CSV" writes (procmon-formats.md §2.1, verified on 8 procmon CSVs):
 * UTF-8 with a BOM, a header row, CRLF after every record, every field in double quotes (empty ones
 * too), embedded quotes doubled, and nothing else escaped: a CR, LF or TAB inside Detail is written as
 * it is. Row at a time; holds nothing but a write buffer.
 */
public final class ProcmonCsvWriter implements EventWriter {
    private static final int BUFFER_CHARS = 1 << 16;

    private final Writer out;
    private final List<ProcmonColumn> columns;
    private final ProcmonCells cells;

    /**
     * Starts the file: writes the BOM and the header row.
     *
     * @param timeBase what the rows' times mean (UTC times are shown in {@code options.zone()})
     */
    public ProcmonCsvWriter(OutputStream out, ExportOptions options, TimeBase timeBase) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER_CHARS);
        this.columns = options.columns();
        this.cells = new ProcmonCells(options, timeBase);
        this.out.write('\uFEFF');
        for (int i = 0; i < columns.size(); i++) {
            field(i, columns.get(i).procmonName());
        }
        this.out.write("\r\n");
    }

    /** Writes every event of {@code trace} to {@code out} (which is closed afterwards). */
    public static void write(Trace trace, OutputStream out, ExportOptions options) throws IOException {
        try (ProcmonCsvWriter w = new ProcmonCsvWriter(out, options, trace.timeBase())) {
            for (int i = 0; i < trace.size(); i++) {
                w.write(EventRow.of(trace, i));
            }
        }
    }

    @Override
    public void write(EventRow row) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            field(i, cells.cell(columns.get(i), row));
        }
        out.write("\r\n");
    }

    private void field(int index, String value) throws IOException {
        if (index > 0) {
            out.write(',');
        }
        out.write('"');
        int from = 0;
        for (int q = value.indexOf('"'); q >= 0; q = value.indexOf('"', from)) {
            out.write(value, from, q + 1 - from);
            out.write('"');
            from = q + 1;
        }
        out.write(value, from, value.length() - from);
        out.write('"');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
