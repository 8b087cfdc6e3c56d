package io.lockscope.ingest.etw.export;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.text.LenientDecoder;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.ReadProgress;
import io.lockscope.ingest.TraceReader;
import io.lockscope.model.ReadReport;
import io.lockscope.model.TimeBase;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A reader of an exported kernel trace: streams the file twice, once for {@link ExportModelWriter#prepare}
 * and once for {@link ExportModelWriter#write}; only the second pass reports skipped rows, so each is
 * counted once.
 */
abstract class ExportReader implements TraceReader {
    /** Bad rows tolerated before a file with more bad than good rows is refused as not this format. */
    static final int MAX_BAD_ROWS_UNLESS_MOSTLY_GOOD = 1000;

    @Override
    public final Trace read(Path file, String displayName, ReadOptions options) throws BadInputException, IOException {
        TraceBuilder builder = options.newTraceBuilder(displayName, format());
        builder.timeBase(timeBase(), options.zone());
        ExportModelWriter writer = new ExportModelWriter(displayName, builder);
        long bytes = Files.size(file);
        stream(file, new Rows(displayName, new ReadReport(), options.progress().pass(0, 2, bytes)), writer::prepare);
        stream(file, new Rows(displayName, builder.report(), options.progress().pass(1, 2, bytes)), writer::write);
        writer.finish();
        return builder.build();
    }

    /** What the exported times are: UTC FILETIMEs unless the format has only relative times. */
    TimeBase timeBase() {
        return TimeBase.UTC;
    }

    /** Streams the events of {@code file} into {@code sink}, counting bad rows in {@code rows}. */
    abstract void stream(Path file, Rows rows, Consumer<ExportedEvent> sink) throws BadInputException, IOException;

    /** The good/bad row count of one pass, and where bad rows go. */
    static final class Rows {
        final String file;
        final ReadReport report;
        private final LongConsumer progress;
        private long good;
        private long bad;

        Rows(String file, ReadReport report, LongConsumer progress) {
            this.file = file;
            this.report = report;
            this.progress = progress;
        }

        /** Opens {@code path} for this pass, telling the progress how far it has been read. */
        InputStream open(Path path) throws IOException {
            return ReadProgress.tracking(Files.newInputStream(path), progress);
        }

        void good() {
            good++;
        }

        /** Reports the undecodable bytes the file's text had (shown as U+FFFD), if any. */
        void decoded(LenientDecoder decoding) {
            String warning = decoding.warning();
            if (warning != null) {
                report.warn(file + ": " + warning);
            }
        }

        /** Counts a bad row; a file with mostly bad rows is refused, naming the line. */
        void bad(String reason, long line) throws BadInputException {
            bad++;
            report.skip(reason, file + ": " + BadInputException.line(line));
            if (bad > MAX_BAD_ROWS_UNLESS_MOSTLY_GOOD && bad > good) {
                throw new BadInputException.Corrupt(file, BadInputException.line(line),
                        bad + " of the rows so far are not readable (" + reason + "); damaged or not this export");
            }
        }
    }
}
