package io.lockscope.ingest;

/**
 * What every reader of an input file shares: it recognises its format from the file's first bytes,
 * by content only, never by the file name. {@link Formats} asks every reader and picks one.
 */
public interface FormatReader {
    InputFormat format();

    /** How sure a match of {@link #sniff} is; decides between readers that all match one file. */
    Confidence confidence();

    /** Whether {@code head} (the first bytes of a file, at most {@link Formats#HEAD_BYTES}) looks like this format. */
    boolean sniff(byte[] head, int length);
}
