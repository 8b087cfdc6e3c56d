package io.lockscope.ingest.etw.export;

/** A cell of an exported event that does not hold what its column says; the row is skipped and counted. */
final class BadValueException extends Exception {
    BadValueException(String message) {
        super(message);
    }
}
