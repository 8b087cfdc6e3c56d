package io.lockscope.ingest.servicing;

import io.lockscope.ingest.BadInputException;
import io.lockscope.model.servicing.ServicingFacts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds the servicing reader for a file by its content, reads it, and joins a case's logs. */
public final class ServicingLogReaders {
    /** How many leading bytes {@link ServicingLogReader#sniff} sees. */
    public static final int SNIFF_BYTES = 4096;

    private static final List<ServicingLogReader> READERS = load();

    private ServicingLogReaders() {
    }

    private static List<ServicingLogReader> load() {
        List<ServicingLogReader> list = new ArrayList<>();
        ServiceLoader.load(ServicingLogReader.class, ServicingLogReaders.class.getClassLoader()).forEach(list::add);
        return List.copyOf(list);
    }

    public static List<ServicingLogReader> all() {
        return READERS;
    }

    /** The reader for {@code head}, or null when no servicing reader recognises it. */
    public static ServicingLogReader forHead(byte[] head, int length) {
        for (ServicingLogReader r : READERS) {
            if (r.sniff(head, length)) {
                return r;
            }
        }
        return null;
    }

    /** The reader whose format {@code file}'s content has, or null. */
    public static ServicingLogReader forFile(Path file) throws IOException {
        byte[] head = new byte[SNIFF_BYTES];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return forHead(head, n);
    }

    /** Reads {@code file} with the reader its content calls for. */
    public static ServicingLog read(Path file, String displayName) throws BadInputException, IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(displayName, null, "not a readable file");
        }
        if (Files.size(file) == 0) {
            throw new BadInputException.Unsupported(displayName, null, "the file is empty");
        }
        ServicingLogReader reader = forFile(file);
        if (reader == null) {
            throw new BadInputException.Unsupported(displayName, null, "not a servicing log lockscope reads (CBS.log, "
                    + "setupapi.dev.log, FilterList.log, fltmc, sc, dism, pnputil output); detected from content");
        }
        return reader.read(file, displayName);
    }

    /** One case's facts from all its servicing logs. */
    public static ServicingFacts merge(List<ServicingLog> logs) {
        List<ServicingFacts> parts = new ArrayList<>(logs.size());
        for (ServicingLog l : logs) {
            parts.add(l.facts());
        }
        return parts.isEmpty() ? ServicingFacts.EMPTY : ServicingFacts.merge(parts);
    }
}
