package io.lockscope.ingest.procmon.csv;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.InputFormat;
import io.lockscope.ingest.PartThreads;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.ReadProgress;
import io.lockscope.ingest.procmon.BadRowException;
import io.lockscope.ingest.procmon.ExportRow;
import io.lockscope.ingest.procmon.ExportRowAssembler;
import io.lockscope.ingest.procmon.ExportRowParser;
import io.lockscope.ingest.procmon.ParsedRows;
import io.lockscope.ingest.text.CsvTokenizer;
import io.lockscope.ingest.text.LenientDecoder;
import io.lockscope.ingest.text.MalformedRecordException;
import io.lockscope.model.ReadReport;
import io.lockscope.model.StringPool;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceBuilder;
import io.lockscope.model.Truncation;
import io.lockscope.model.vocab.ProcmonColumn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One read of a procmon CSV export into a trace, on the calling thread. Each record of the part it reads
 * itself is parsed and put into the trace at once. Read in parts ({@link CsvParts}), the later parts are
 * parsed by threads of their own, each into rows of its own, and put into the trace once the parts
 * before them are in it: the trace is the one a read in one part gives, event by event, skips and
 * warnings included.
 */
final class CsvRead {
    private final String file;
    private final ReadOptions options;
    private final TraceBuilder builder;
    private final ReadReport report;
    private final ExportRowAssembler assembler;
    /** Room for one row: each record this thread reads is put into the trace as soon as it is parsed. */
    private final ParsedRows one;
    private int[] columnOfField;
    private long skipped;
    private String firstSkip;
    /** How the parts read so far decoded, added up in file order. */
    private LenientDecoder decoding;
    /** The tokenizer of the records this thread read last: where it ended. */
    private CsvTokenizer latest;

    /** A cut last record of a part: the error it would be alone, and the line it starts on, as the part counts lines. */
    record Cut(BadInputException.Truncated error, long line) {
    }

    /** Takes the rows a part parsed; returns the rows to fill next. */
    interface RowsTaker {
        ParsedRows take(ParsedRows rows) throws BadInputException;
    }

    CsvRead(String file, ReadOptions options) {
        this.file = file;
        this.options = options;
        this.builder = options.newTraceBuilder(file, InputFormat.PROCMON_CSV);
        this.report = builder.report();
        this.assembler = new ExportRowAssembler(builder, options);
        this.one = new ParsedRows(builder.strings(), 1);
    }

    /** Reads the header record: which procmon column each field is. */
    void header(CsvTokenizer csv) throws IOException, BadInputException {
        columnOfField = columns(csv, file, report);
    }

    /** Column ordinal per header field, -1 for a field that is not a procmon column. */
    private static int[] columns(CsvTokenizer csv, String file, ReadReport report)
            throws IOException, BadInputException {
        try {
            if (!csv.next()) {
                throw new BadInputException.Unsupported(file, null, "the file is empty");
            }
        } catch (MalformedRecordException e) {
            throw new BadInputException.Unsupported(file, BadInputException.line(e.line(), e.record()),
                    "not a procmon CSV header: " + e.getMessage());
        }
        int[] columnOfField = new int[csv.fieldCount()];
        boolean[] seen = new boolean[ProcmonColumn.COUNT];
        int known = 0;
        for (int i = 0; i < columnOfField.length; i++) {
            ProcmonColumn column = ProcmonColumn.forName(csv.field(i));
            columnOfField[i] = column == null || seen[column.ordinal()] ? -1 : column.ordinal();
            if (column == null) {
                report.warn("line " + csv.recordLine() + ": column \"" + csv.field(i) + "\" is not a procmon column; ignored");
            } else if (seen[column.ordinal()]) {
                report.warn("line " + csv.recordLine() + ": column \"" + csv.field(i) + "\" appears twice; the first is used");
            } else {
                seen[column.ordinal()] = true;
                known++;
            }
        }
        if (known == 0) {
            throw new BadInputException.Unsupported(file, BadInputException.line(csv.recordLine(), 0),
                    "not a procmon CSV export: the first record names no procmon column (expected e.g. "
                            + "\"Time of Day\",\"Process Name\",\"PID\",\"Operation\",\"Path\",\"Result\",\"Detail\")");
        }
        return columnOfField;
    }

    /**
     * Reads the records of {@code csv} to its end on this thread, each put into the trace as soon as it
     * is parsed; {@code afterEach} (if not null) runs after each. Returns the cut of its last record, or null.
     */
    Cut here(CsvTokenizer csv, Runnable afterEach) throws IOException, BadInputException {
        Cut cut = records(file, csv, columnOfField, assembler.parser(), one, rows -> {
            put(rows, 0, 0);
            rows.clear();
            if (afterEach != null) {
                afterEach.run();
            }
            return rows;
        });
        decoded(csv.decoding());
        latest = csv;
        return cut;
    }

    /**
     * Reads {@code path} in parts, the later ones beginning at {@code starts} (record starts by their bytes,
     * see {@link CsvParts#recordStarts}), on up to {@link ReadOptions#threads()} threads: part i is read by
     * thread i modulo their number, the parts of this one at once into the trace, the others' put into it
     * in order. Throws {@link CsvParts.NotARecordStart} when a part this thread read shows that the next
     * does not begin at a record.
     */
    Trace inParts(Path path, long[] starts) throws IOException, BadInputException {
        long size = Files.size(path);
        long[] bounds = new long[starts.length + 2];
        System.arraycopy(starts, 0, bounds, 1, starts.length);
        bounds[bounds.length - 1] = size;
        int parts = bounds.length - 1;
        int threads = Math.min(options.threads(), parts);
        ExportRowParser parser = assembler.parser();
        List<PartThreads<CsvParts.Part>> others = new ArrayList<>(1);
        try {
            try (InputStream in = ReadProgress.tracking(CsvParts.range(path, 0, bounds[1]), options.progress()::at)) {
                CsvTokenizer csv = CsvTokenizer.open(in, file);
                header(csv);
                // the other threads start once a first event has settled how the export is written
                Cut cut = here(csv, () -> {
                    if (others.isEmpty() && builder.eventCount() > 0 && parser.settled()) {
                        others.add(PartThreads.start("lockscope-csv-part " + file, parts, threads, t -> {
                            ExportRowParser own = parser.forAnotherPart(new StringPool());
                            return (p, stopping) -> CsvParts.read(path, file, bounds[p], bounds[p + 1], columnOfField,
                                    own, stopping);
                        }));
                    }
                });
                if (cut != null) {
                    throw new CsvParts.NotARecordStart();
                }
            }
            if (others.isEmpty()) { // the first part never settled the export's style
                return finish(hereOn(path, bounds[1], size, latest.line(), latest.recordNumber()));
            }
            PartThreads<CsvParts.Part> threadParts = others.get(0);
            long line = latest.line(); // where the next part begins
            long record = latest.recordNumber();
            for (int p = 1; p < parts; p++) {
                boolean last = p == parts - 1;
                if (threadParts.ownPart(p)) {
                    Cut cut = hereOn(path, bounds[p], bounds[p + 1], line, record);
                    if (last) {
                        report.decodedWith("CSV", threads + " threads");
                        return finish(cut);
                    }
                    if (cut != null) {
                        throw new CsvParts.NotARecordStart();
                    }
                    line = latest.line();
                    record = latest.recordNumber();
                    continue;
                }
                CsvParts.Part part = threadParts.take(p);
                if (part == null || part.cut() != null && (!last || builder.eventCount() == 0)) {
                    // failed, or ended inside a record before the end of the file: the rest is read here
                    threadParts.close();
                    report.decodedWith("CSV", threads + " threads up to byte " + bounds[p] + ", then 1");
                    return finish(hereOn(path, bounds[p], size, line, record));
                }
                for (ParsedRows rows : part.rows()) {
                    put(rows, line, record + 1);
                }
                decoded(part.decoding());
                options.progress().at(bounds[p + 1]);
                if (last) {
                    report.decodedWith("CSV", threads + " threads");
                    return finish(part.cut() == null ? null : new Cut(part.cut().error(), line + part.cut().line()));
                }
                line += part.line();
                record += part.recordNumber() + 1;
            }
            throw new IllegalStateException("unreachable: the last part returns");
        } finally {
            others.forEach(PartThreads::close);
        }
    }

    /**
     * Reads bytes {@code [start, end)} of {@code path} here, its first record on {@code line} and numbered
     * after {@code record}; returns the cut of its last record, or null.
     */
    private Cut hereOn(Path path, long start, long end, long line, long record) throws IOException, BadInputException {
        try (InputStream in = ReadProgress.tracking(CsvParts.range(path, start, end),
                position -> options.progress().at(start + position))) {
            return here(CsvTokenizer.continuing(in, file, start, line, record), null);
        }
    }

    /**
     * Builds the trace after the last record: a cut one is recorded as the loss it is (or is the error,
     * when no event came before it).
     */
    Trace finish(Cut cut) throws BadInputException {
        if (cut != null) {
            if (builder.eventCount() == 0) {
                throw cut.error();
            }
            // an interrupted upload: what came before the cut record is analysed; what followed is unknown
            report.truncated(new Truncation(Truncation.Unit.LINE, cut.line(), 1, true));
        }
        if (builder.eventCount() == 0) {
            if (skipped == 0) {
                throw new BadInputException.Truncated(file, BadInputException.line(latest.recordLine() + 1),
                        "the export has a header but no event rows");
            }
            throw new BadInputException.Corrupt(file, BadInputException.line(latest.recordLine(), latest.recordNumber()),
                    "none of the " + skipped + " event rows up to here could be read; the first: " + firstSkip);
        }
        String undecodable = decoding.warning();
        if (undecodable != null) {
            report.warn(undecodable);
        }
        return assembler.finish();
    }

    /**
     * Tokenizes the records of {@code csv} to its end and parses each into {@code rows}, handing them to
     * {@code taker} when full (a batch of one row: after each record). A record that cannot be read
     * is kept in its place as a skip. Returns the cut of the last record, or null when the input ended
     * after a whole one.
     */
    static Cut records(String file, CsvTokenizer csv, int[] columnOfField, ExportRowParser parser, ParsedRows rows,
                       RowsTaker taker) throws IOException, BadInputException {
        ExportRow row = new ExportRow();
        Cut cut = null;
        for (;;) {
            try {
                if (!csv.next()) {
                    break;
                }
                if (csv.unterminated() && csv.fieldCount() < columnOfField.length) {
                    cut = new Cut(new BadInputException.Truncated(file, BadInputException.line(csv.recordLine(),
                            csv.recordNumber()), "the file ends after field " + csv.fieldCount() + " of "
                            + columnOfField.length + " of the last record"), csv.recordLine());
                    break;
                }
                parse(csv, columnOfField, parser, row, rows);
            } catch (BadInputException.Truncated e) {
                cut = new Cut(e, csv.recordLine());
                break;
            } catch (MalformedRecordException e) {
                rows.skip("malformed CSV record", e.getMessage(), e.line(), e.record());
                csv.skipRecord();
            }
            if (rows.isFull()) {
                rows = taker.take(rows);
            }
        }
        if (rows.size() > 0) {
            taker.take(rows);
        }
        return cut;
    }

    private static void parse(CsvTokenizer csv, int[] columnOfField, ExportRowParser parser, ExportRow row,
                              ParsedRows rows) {
        if (csv.fieldCount() != columnOfField.length) {
            rows.skip("wrong number of fields", csv.fieldCount() + " fields, the header has " + columnOfField.length,
                    csv.recordLine(), csv.recordNumber());
            return;
        }
        row.bind(csv.chars());
        for (int i = 0; i < columnOfField.length; i++) {
            if (columnOfField[i] >= 0) {
                row.set(columnOfField[i], csv.fieldStart(i), csv.fieldLength(i));
            }
        }
        try {
            parser.parse(row, csv.recordLine(), rows);
        } catch (BadRowException e) {
            rows.skip(e.reason(), e.detail(), csv.recordLine(), csv.recordNumber());
        }
    }

    /**
     * Puts {@code rows} into the trace in order: events through the assembler, skips counted. Their lines
     * and records are counted from {@code lineOffset} and {@code recordOffset}.
     */
    private void put(ParsedRows rows, long lineOffset, long recordOffset) throws BadInputException {
        for (int i = 0; i < rows.size(); i++) {
            ParsedRows.Skip skip = rows.skipAt(i);
            if (skip == null) {
                assembler.add(rows, i, lineOffset);
                continue;
            }
            String at = BadInputException.line(skip.line() + lineOffset, skip.record() + recordOffset);
            String where = at + ": " + skip.detail();
            report.skip(skip.reason(), where);
            skipped++;
            firstSkip = firstSkip == null ? where : firstSkip;
            if (skipped > ProcmonCsvReader.MAX_SKIPPED_UNLESS_MOSTLY_GOOD && skipped > builder.eventCount()) {
                throw new BadInputException.Corrupt(file, at, skipped + " records could not be read and only "
                        + builder.eventCount() + " could; the first: " + firstSkip);
            }
        }
    }

    private void decoded(LenientDecoder part) {
        if (decoding == null) {
            decoding = part;
        } else {
            decoding.append(part);
        }
    }
}
