package io.lockscope.ingest.procmon.csv;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.Confidence;
import io.lockscope.ingest.InputFormat;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.ReadProgress;
import io.lockscope.ingest.TraceReader;
import io.lockscope.ingest.procmon.ExportRowAssembler;
import io.lockscope.ingest.text.CsvTokenizer;
import io.lockscope.ingest.text.HeadText;
import io.lockscope.model.ReadReport;
import io.lockscope.model.Trace;
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
 *
 * <p>A large UTF-8 file is read in parts at once, on up to {@link ReadOptions#threads()} threads
 * ({@link CsvParts}, {@link CsvRead}), into the trace a read in one part gives.
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

    /** The least bytes a part of a file read on a thread of its own has: below, threads cost more than they give. */
    static final long MIN_PART_BYTES = 16L << 20;

    private final long minPartBytes;

    public ProcmonCsvReader() {
        this(MIN_PART_BYTES);
    }

    /** A reader that gives a thread a part of a file of at least {@code minPartBytes} (small in tests). */
    ProcmonCsvReader(long minPartBytes) {
        this.minPartBytes = minPartBytes;
    }

    /**
     * Reads the file in as many parts as {@link ReadOptions#threads()} allows and its size makes worth it
     * (see {@link CsvParts}), or in one.
     */
    @Override
    public Trace read(Path file, String displayName, ReadOptions options) throws BadInputException, IOException {
        long[] starts = options.threads() > 1 ? CsvParts.recordStarts(file, options.threads(), minPartBytes) : new long[0];
        if (starts.length > 0) {
            try {
                return new CsvRead(displayName, options).inParts(file, starts);
            } catch (CsvParts.NotARecordStart e) {
                // a part began inside a quoted field: nothing of that read is kept, the file is read in one part
            }
        }
        try (InputStream in = ReadProgress.tracking(Files.newInputStream(file), options.progress()::at)) {
            return read(in, displayName, options);
        }
    }

    /** Reads a procmon CSV from {@code in} (not closed); {@code displayName} names it in errors. */
    public Trace read(InputStream in, String displayName, ReadOptions options) throws BadInputException, IOException {
        CsvRead read = new CsvRead(displayName, options);
        CsvTokenizer csv = CsvTokenizer.open(in, displayName);
        read.header(csv);
        return read.finish(read.here(csv, null));
    }
}
