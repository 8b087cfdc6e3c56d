package io.lockscope.ingest;

import io.lockscope.model.Trace;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads one format into the model. Implementations are found through {@link java.util.ServiceLoader}
 * (see {@link Readers}); they only produce events, they never analyse.
 */
public interface TraceReader {
    InputFormat format();

    /**
     * Whether {@code head} (the first bytes of a file, at most {@link Readers#SNIFF_BYTES}) looks like
     * this format. Decided from content only, never from the file name.
     */
    boolean sniff(byte[] head, int length);

    /** Reads {@code file}; {@code displayName} is how errors and reports name it. */
    Trace read(Path file, String displayName, ReadOptions options) throws BadInputException, IOException;
}
