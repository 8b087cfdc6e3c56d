package io.lockscope.ingest.procmon.csv;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.Confidence;
import io.lockscope.ingest.InputFormat;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.ReadProgress;
import io.lockscope.ingest.TraceReader;
import io.lockscope.ingest.procmon.BadRowException;
import io.lockscope.ingest.procmon.ExportRow;
import io.lockscope.ingest.procmon.ExportRowAssembler;
import io.lockscope.ingest.text.CsvTokenizer;
import io.lockscope.ingest.text.HeadText;
import io.lockscope.ingest.text.MalformedRecordException;
import io.lockscope.model.ReadReport;
import io.lockscope.model.Trace;
import io.lockscope.model.Truncation;
import io.lockscope.model.TraceBuilder;
import io.lockscope.model.vocab.ProcmonColumn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads procmon's CSV export (procmon-formats.md §2): a header naming any subset of the 27 columns in
 * any order, then one record per event. {@link CsvTokenizer} splits records and
 * {@link ExportRowAssembler} gives the values meaning.
 *
 * <p>What is fatal and what is skipped:
 * <table>
 *   <caption>bad input handling</caption>
 *   <tr><th>input</th><th>result</th></tr>
 *   <tr><td>empty file, no procmon column in the first record, invalid UTF-8/UTF-16</td>
 *       <td>{@link BadInputException.Unsupported} / {@link BadInputException.Corrupt}</td></tr>
 *   <tr><td>header and no event record</td><td>{@link BadInputException.Truncated}: nothing to analyse</td></tr>
 *   <tr><td>end of file inside a quoted field, or after a separator with fields missing</td><td>the upload was cut: the records before the cut are
 *       read and the cut is recorded ({@link ReadReport#truncated}); {@link BadInputException.Truncated}
 *       when no record came before it</td></tr>
 *   <tr><td>a field over 1 MiB or a record over 4 MiB</td><td>{@link BadInputException.Corrupt}: an unbalanced
 *       quote swallowed the file; reading on would be guesswork</td></tr>
 *   <tr><td>one record with a stray quote, more than 1024 fields, another number of fields than the
 *       header, or a value that does not parse (time, PID, …)</td>
 *       <td>skipped, counted in the {@link ReadReport} with its line and record</td></tr>
 *   <tr><td>more than {@link #MAX_SKIPPED_UNLESS_MOSTLY_GOOD} skipped records and more skipped than
 *       read</td><td>{@link BadInputException.Corrupt}: the file is not what its header says</td></tr>
 * </table>
 */
public final class ProcmonCsvReader implements TraceReader {
    public static final int MAX_SKIPPED_UNLESS_MOSTLY_GOOD = 1000;
    /** A header must name at least this many procmon columns to be taken for a procmon export. */
    private static final int MIN_KNOWN_COLUMNS = 3;

    @Override
    public InputFormat format() {
        return InputFormat.PROCMON_CSV;
    }

    /** Optional BOM (UTF-8 or UTF-16), then a quoted header with at least three procmon column names. */
    @Override
    public Confidence confidence() {
        return Confidence.HEADER;
    }

    @Override
    public boolean sniff(byte[] head, int length) {
        String text = HeadText.of(head, length);
        int lineEnd = 0;
        while (lineEnd < text.length() && text.charAt(lineEnd) != '\r' && text.charAt(lineEnd) != '\n') {
            lineEnd++;
        }
        String header = text.substring(0, lineEnd);
        if (header.length() < 2 || header.charAt(0) != '"' || header.charAt(header.length() - 1) != '"') {
            return false;
        }
        int known = 0;
        for (String name : header.substring(1, header.length() - 1).split("\",\"", -1)) {
            if (ProcmonColumn.forName(name) != null) {
                known++;
            }
        }
        return known >= MIN_KNOWN_COLUMNS;
    }

    @Override
    public Trace read(Path file, String displayName, ReadOptions options) throws BadInputException, IOException {
        try (InputStream in = ReadProgress.tracking(Files.newInputStream(file), options.progress()::at)) {
            return read(in, displayName, options);
        }
    }

    /** Reads a procmon CSV from {@code in} (not closed); {@code displayName} names it in errors. */
    public Trace read(InputStream in, String displayName, ReadOptions options) throws BadInputException, IOException {
        CsvTokenizer csv = CsvTokenizer.open(in, displayName);
        TraceBuilder builder = options.newTraceBuilder(displayName, InputFormat.PROCMON_CSV);
        ReadReport report = builder.report();
        int[] columnOfField = header(csv, displayName, report);
        ExportRowAssembler assembler = new ExportRowAssembler(builder, options);
        ExportRow row = new ExportRow();
        long skipped = 0;
        String firstSkip = null;
        for (;;) {
            String skip;
            try {
                if (!csv.next()) {
                    break;
                }
                if (csv.unterminated() && csv.fieldCount() < columnOfField.length) {
                    throw new BadInputException.Truncated(displayName, BadInputException.line(csv.recordLine(),
                            csv.recordNumber()), "the file ends after field " + csv.fieldCount() + " of "
                            + columnOfField.length + " of the last record");
                }
                skip = take(csv, columnOfField, row, assembler, report);
            } catch (BadInputException.Truncated e) {
                if (builder.eventCount() == 0) {
                    throw e;
                }
                // an interrupted upload: what came before the cut record is analysed; what followed is unknown
                report.truncated(new Truncation(Truncation.Unit.LINE, csv.recordLine(), 1, true));
                break;
            } catch (MalformedRecordException e) {
                skip = BadInputException.line(e.line(), e.record()) + ": " + e.getMessage();
                report.skip("malformed CSV record", skip);
                csv.skipRecord();
            }
            if (skip != null) {
                skipped++;
                firstSkip = firstSkip == null ? skip : firstSkip;
                if (skipped > MAX_SKIPPED_UNLESS_MOSTLY_GOOD && skipped > builder.eventCount()) {
                    throw new BadInputException.Corrupt(displayName, BadInputException.line(csv.recordLine(), csv.recordNumber()),
                            skipped + " records could not be read and only " + builder.eventCount()
                                    + " could; the first: " + firstSkip);
                }
            }
        }
        if (builder.eventCount() == 0) {
            if (skipped == 0) {
                throw new BadInputException.Truncated(displayName, BadInputException.line(csv.recordLine() + 1),
                        "the export has a header but no event rows");
            }
            throw new BadInputException.Corrupt(displayName, BadInputException.line(csv.recordLine(), csv.recordNumber()),
                    "none of the " + skipped + " event rows up to here could be read; the first: " + firstSkip);
        }
        String undecodable = csv.decoding().warning();
        if (undecodable != null) {
            report.warn(undecodable);
        }
        return assembler.finish();
    }

    /** Column ordinal per header field, -1 for a field that is not a procmon column. */
    private static int[] header(CsvTokenizer csv, String file, ReadReport report)
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

    /** Adds the current record's event; returns null, or where and why the record was skipped. */
    private static String take(CsvTokenizer csv, int[] columnOfField, ExportRow row,
                               ExportRowAssembler assembler, ReadReport report) {
        if (csv.fieldCount() != columnOfField.length) {
            String where = BadInputException.line(csv.recordLine(), csv.recordNumber())
                    + ": " + csv.fieldCount() + " fields, the header has " + columnOfField.length;
            report.skip("wrong number of fields", where);
            return where;
        }
        row.bind(csv.chars());
        for (int i = 0; i < columnOfField.length; i++) {
            if (columnOfField[i] >= 0) {
                row.set(columnOfField[i], csv.fieldStart(i), csv.fieldLength(i));
            }
        }
        try {
            assembler.add(row, csv.recordLine());
            return null;
        } catch (BadRowException e) {
            String where = BadInputException.line(csv.recordLine(), csv.recordNumber()) + ": " + e.detail();
            report.skip(e.reason(), where);
            return where;
        }
    }
}
