package io.lockscope.ingest.procmon.pml;

/**
 * A PML structure is inconsistent at byte {@link #offset()}. Internal to the reader, which turns it
 * into a {@link io.lockscope.ingest.BadInputException} or a counted skip.
 */
final class PmlFormatException extends RuntimeException {
    private final long offset;

    PmlFormatException(long offset, String message) {
        super(message, null, false, false);
        this.offset = offset;
    }

    long offset() {
        return offset;
    }
}
