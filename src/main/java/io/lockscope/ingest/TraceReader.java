package io.lockscope.ingest;

import io.lockscope.model.Trace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads one trace format into the model. Implementations are found through {@link java.util.ServiceLoader}
 * (see {@link Formats}); they only produce events, they never analyse.
 */
public interface TraceReader extends FormatReader {
    /** Reads {@code file}; {@code displayName} is how errors and reports name it. */
    Trace read(Path file, String displayName, ReadOptions options) throws BadInputException, IOException;

    /**
     * The files that make one capture with {@code first}, {@code first} itself first. Most formats are one
     * file; procmon splits a large capture into {@code Boot.pml}, {@code Boot-1.pml}, …
     */
    default List<Path> parts(Path first) {
        return List.of(first);
    }

    /**
     * Whether {@code file} is a later part of a capture whose first part lies beside it: reading a folder,
     * it is read with that first part, not on its own.
     */
    default boolean isLaterPart(Path file) {
        return false;
    }

    /** Reads the {@link #parts} of one capture as one trace named {@code displayName}. */
    default Trace readParts(List<Path> parts, String displayName, ReadOptions options)
            throws BadInputException, IOException {
        if (parts.size() != 1) {
            throw new IllegalArgumentException(format().id() + " captures are never split into parts");
        }
        return read(parts.get(0), displayName, options);
    }
}
