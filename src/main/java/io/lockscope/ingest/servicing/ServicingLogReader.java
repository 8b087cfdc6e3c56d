package io.lockscope.ingest.servicing;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.InputFormat;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads one servicing log or command-output format into {@link io.lockscope.model.servicing.ServicingFacts}.
 * Implementations are found through {@link java.util.ServiceLoader} (see {@link ServicingLogReaders});
 * they only collect facts, they never analyse.
 */
public interface ServicingLogReader {
    InputFormat format();

    /** What the reader reads, for messages and {@code info}: "CBS.log", "fltmc filters" … */
    String kind();

    /**
     * Whether {@code head} (the first bytes of a file, at most {@link ServicingLogReaders#SNIFF_BYTES})
     * looks like this format. Decided from content only, never from the file name.
     */
    boolean sniff(byte[] head, int length);

    /** Reads {@code file}; {@code displayName} is how errors and reports name it. */
    ServicingLog read(Path file, String displayName) throws BadInputException, IOException;
}
