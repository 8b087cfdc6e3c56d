package io.lockscope.ingest;

import io.lockscope.model.Trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the reader for a file by its content and reads it. */
public final class Readers {
    /** How many leading bytes {@link TraceReader#sniff} sees. */
    public static final int SNIFF_BYTES = 4096;

    private static final List<TraceReader> READERS = load();

    private Readers() {
    }

    private static List<TraceReader> load() {
        List<TraceReader> list = new ArrayList<>();
        ServiceLoader.load(TraceReader.class, Readers.class.getClassLoader()).forEach(list::add);
        return List.copyOf(list);
    }

    public static List<TraceReader> all() {
        return READERS;
    }

    /** The reader whose format {@code file}'s content has, or null when none recognises it. */
    public static TraceReader forFile(Path file) throws IOException {
        byte[] head = new byte[SNIFF_BYTES];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        for (TraceReader r : READERS) {
            if (r.sniff(head, n)) {
                return r;
            }
        }
        return null;
    }

    /** Reads {@code file} with the reader its content calls for. */
    public static Trace read(Path file, String displayName, ReadOptions options) throws BadInputException, IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(displayName, null, "not a readable file");
        }
        if (Files.size(file) == 0) {
            throw new BadInputException.Unsupported(displayName, null, "the file is empty");
        }
        TraceReader reader = forFile(file);
        if (reader == null) {
            throw new BadInputException.Unsupported(displayName, null,
                    "not a format lockscope reads (procmon CSV/XML/PML, ETW exports); detected from content");
        }
        options.progress().begin(displayName, Files.size(file));
        try {
            return reader.read(file, displayName, options);
        } finally {
            options.progress().end();
        }
    }
}
