package io.lockscope.ingest.servicing;

import io.lockscope.ingest.BadInputException;
import io.lockscope.model.ReadReport;
import io.lockscope.model.servicing.ServicingFacts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The plumbing every line-oriented servicing reader shares: streaming decode, the line-length cap,
 * counting what could not be used, and refusing a file in which nothing was recognised.
 */
abstract class LineLogReader implements ServicingLogReader {

    /** Parses one file; a new one per read, so readers stay stateless. */
    interface LineParser {
        /**
         * Takes one line (cut to the limit when {@code cut}); returns false when the line was not
         * understood, which the caller counts.
         */
        boolean line(String text, long number, boolean cut) throws BadInputException;

        /** Facts after the last line. */
        ServicingFacts finish();
    }

    abstract LineParser newParser(String displayName, ReadReport report);

    /** Why an unrecognised line is skipped, as counted in the report. */
    String unknownLineReason() {
        return "unrecognised " + kind() + " line";
    }

    int maxLineChars() {
        return LogLineReader.DEFAULT_MAX_LINE_CHARS;
    }

    @Override
    public final ServicingLog read(Path file, String displayName) throws BadInputException, IOException {
        ReadReport report = new ReadReport();
        LineParser parser = newParser(displayName, report);
        long recognised = 0;
        long lines;
        try (InputStream raw = Files.newInputStream(file);
             LogLineReader reader = new LogLineReader(raw, maxLineChars())) {
            String text;
            while ((text = reader.next()) != null) {
                long n = reader.lineNumber();
                boolean cut = reader.lastLineCut();
                if (cut) {
                    report.skip("over-long line (more than " + reader.maxLineChars() + " chars)",
                            BadInputException.line(n) + " (" + reader.lastLineLength() + " chars)");
                }
                if (parser.line(text, n, cut)) {
                    recognised++;
                } else if (!cut && !text.isBlank()) {
                    report.ignore(unknownLineReason(), BadInputException.line(n));
                }
            }
            lines = reader.lineNumber();
            if (reader.linesWithBadBytes() > 0) {
                report.warn(reader.linesWithBadBytes() + " lines held bytes that are not valid "
                        + "text in the detected encoding (shown as U+FFFD)");
            }
        }
        ServicingFacts facts = parser.finish();
        if (recognised == 0 || facts.equals(ServicingFacts.EMPTY)) {
            throw new BadInputException.Unsupported(displayName, null,
                    "no " + kind() + " content found in " + lines + " lines");
        }
        return new ServicingLog(displayName, format(), kind(), lines, recognised, report, facts);
    }
}
