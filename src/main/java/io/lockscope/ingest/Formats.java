package io.lockscope.ingest;

import io.lockscope.ingest.archive.ArchiveFormat;
import io.lockscope.ingest.servicing.ServicingLog;
import io.lockscope.ingest.servicing.ServicingLogReader;
import io.lockscope.model.Trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The one registry of input formats: archives, trace readers and servicing-log readers (the readers are
 * {@link ServiceLoader} plug-ins). A file's head is read once and offered to all of them; among those that
 * recognise it, the one with the strongest {@link Confidence} wins, ties going to archives, then traces,
 * then servicing logs, then the {@link InputFormat} order and the reader's class name — never the line
 * order of a services file. {@link Detection#why()} says why.
 */
public final class Formats {
    /** How many leading bytes a reader's sniff sees (archive signatures need 262). */
    public static final int HEAD_BYTES = 4096;

    private static final List<TraceReader> TRACE_READERS = load(TraceReader.class);
    private static final List<ServicingLogReader> SERVICING_READERS = load(ServicingLogReader.class);

    private static final Comparator<Match> STRONGEST_FIRST = Comparator
            .comparing(Match::confidence, Comparator.reverseOrder())
            .thenComparing(Match::family)
            .thenComparing(Match::order);

    private Formats() {
    }

    /** What recognised a file: an archive format or a reader, how surely, and its format id. */
    public record Match(String id, Confidence confidence, ArchiveFormat archive, FormatReader reader) {
        /** The format id, with the servicing reader's kind where several readers share one format. */
        public String name() {
            return reader instanceof ServicingLogReader s ? id + " (" + s.kind() + ")" : id;
        }

        private int family() {
            return archive != null ? 0 : reader instanceof TraceReader ? 1 : 2;
        }

        private String order() {
            return archive != null ? String.format("%03d", archive.ordinal())
                    : String.format("%03d %s", reader.format().ordinal(), reader.getClass().getSimpleName());
        }
    }

    /**
     * The format chosen for a file's head ({@code chosen} is null when nothing recognised it) and the
     * others that also recognised it, strongest first.
     */
    public record Detection(Match chosen, List<Match> alsoMatched) {
        public boolean recognised() {
            return chosen != null;
        }

        /** The archive format when the file is an archive, else null. */
        public ArchiveFormat archive() {
            return chosen == null ? null : chosen.archive();
        }

        /** The trace reader chosen, or null when the file is not a trace. */
        public TraceReader traceReader() {
            return chosen != null && chosen.reader() instanceof TraceReader t ? t : null;
        }

        /** The servicing-log reader chosen, or null when the file is not a servicing log. */
        public ServicingLogReader servicingLogReader() {
            return chosen != null && chosen.reader() instanceof ServicingLogReader s ? s : null;
        }

        /**
         * Why this format, e.g. "filter-list (fltmc filters) by its header; also matched filter-list
         * (FilterList.log) (weaker evidence)".
         */
        public String why() {
            if (chosen == null) {
                return "no format recognised the content";
            }
            StringBuilder s = new StringBuilder(chosen.name()).append(" by ").append(chosen.confidence().evidence());
            for (Match other : alsoMatched) {
                s.append("; also matched ").append(other.name()).append(other.confidence() == chosen.confidence()
                        ? " (as sure; the fixed format order decides)" : " (weaker evidence)");
            }
            return s.toString();
        }
    }

    public static List<TraceReader> traceReaders() {
        return TRACE_READERS;
    }

    public static List<ServicingLogReader> servicingLogReaders() {
        return SERVICING_READERS;
    }

    /** Reads the head of {@code file} once and detects its format. */
    public static Detection detect(Path file) throws IOException {
        byte[] head = new byte[HEAD_BYTES];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return detect(head, n);
    }

    /** The format of content that starts with {@code head[0..length)}. */
    public static Detection detect(byte[] head, int length) {
        List<Match> matches = new ArrayList<>();
        ArchiveFormat archive = ArchiveFormat.sniff(head, length);
        if (archive != null) {
            matches.add(new Match(archive.id(), Confidence.SIGNATURE, archive, null));
        }
        addMatches(TRACE_READERS, head, length, matches);
        addMatches(SERVICING_READERS, head, length, matches);
        if (matches.isEmpty()) {
            return new Detection(null, List.of());
        }
        matches.sort(STRONGEST_FIRST);
        return new Detection(matches.get(0), List.copyOf(matches.subList(1, matches.size())));
    }

    private static void addMatches(List<? extends FormatReader> readers, byte[] head, int length, List<Match> into) {
        for (FormatReader r : readers) {
            if (r.sniff(head, length)) {
                into.add(new Match(r.format().id(), r.confidence(), null, r));
            }
        }
    }

    /** Reads {@code file} as a trace, with the reader its content calls for. */
    public static Trace readTrace(Path file, String displayName, ReadOptions options)
            throws BadInputException, IOException {
        TraceReader reader = detectNamed(file, displayName).traceReader();
        if (reader == null) {
            throw notATrace(displayName);
        }
        options.progress().begin(displayName, Files.size(file));
        try {
            return reader.read(file, displayName, options);
        } finally {
            options.progress().end();
        }
    }

    /** Reads {@code file} as a servicing log, with the reader its content calls for. */
    public static ServicingLog readServicingLog(Path file, String displayName) throws BadInputException, IOException {
        ServicingLogReader reader = detectNamed(file, displayName).servicingLogReader();
        if (reader == null) {
            throw new BadInputException.Unsupported(displayName, null, "not a servicing log lockscope reads (CBS.log, "
                    + "setupapi.dev.log, FilterList.log, fltmc, sc, dism, pnputil output); detected from content");
        }
        return reader.read(file, displayName);
    }

    static BadInputException notATrace(String displayName) {
        return new BadInputException.Unsupported(displayName, null,
                "not a format lockscope reads (procmon CSV/XML/PML, ETW exports); detected from content");
    }

    /** Detects the format of a file the user named, which must be a readable, non-empty file. */
    static Detection detectNamed(Path file, String displayName) throws BadInputException, IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(displayName, null, "not a readable file");
        }
        if (Files.size(file) == 0) {
            throw new BadInputException.Unsupported(displayName, null, "the file is empty");
        }
        return detect(file);
    }

    private static <T> List<T> load(Class<T> type) {
        List<T> list = new ArrayList<>();
        ServiceLoader.load(type, Formats.class.getClassLoader()).forEach(list::add);
        return List.copyOf(list);
    }
}
