package io.lockscope.ingest.servicing;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.FormatReader;
import io.lockscope.ingest.Formats;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads one servicing log or command-output format into {@link io.lockscope.model.servicing.ServicingFacts}.
 * Implementations are found through {@link java.util.ServiceLoader} (see {@link Formats});
 * they only collect facts, they never analyse.
 */
public interface ServicingLogReader extends FormatReader {
    /** What the reader reads, for messages and {@code info}: "CBS.log", "fltmc filters" … */
    String kind();

    /** Reads {@code file}; {@code displayName} is how errors and reports name it. */
    ServicingLog read(Path file, String displayName) throws BadInputException, IOException;
}
