package io.lockscope.ingest.text;

/**
 * One CSV record breaks RFC 4180 in a way that leaves the rest of the file readable (a stray quote);
 * {@link CsvTokenizer#skipRecord()} resumes at the next line.
 */
public final class MalformedRecordException extends Exception {
    private final long line;
    private final long record;

    MalformedRecordException(long line, long record, String message) {
        super(message, null, false, false);
        this.line = line;
        this.record = record;
    }

    /** The line the record started on (1-based). */
    public long line() {
        return line;
    }

    /** The record's number: 0 is the header, 1 the first event. */
    public long record() {
        return record;
    }
}
