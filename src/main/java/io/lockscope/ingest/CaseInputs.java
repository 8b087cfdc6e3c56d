package io.lockscope.ingest;

import io.lockscope.ingest.archive.ArchiveExpander;
import io.lockscope.ingest.archive.ArchiveFormat;
import io.lockscope.ingest.archive.ArchiveLimits;
import io.lockscope.ingest.archive.Expansion;
import io.lockscope.ingest.servicing.ServicingLog;
import io.lockscope.ingest.servicing.ServicingLogReader;
import io.lockscope.model.Trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads what the user named on the command line: files, folders and archives (a folder or an archive
 * is one case: every file in it whose content lockscope recognises is read, the others are listed as
 * not recognised). Traces (procmon, ETW), servicing logs (CBS.log, setupapi.dev.log, fltmc output, …)
 * and archives (zip, 7z, tar.gz, cab; see {@link ArchiveExpander}) are told apart by content. Archives are
 * expanded into a temporary folder that is deleted before {@code load} returns; their files are named
 * {@code upload.zip!/logs/CBS.log}.
 *
 * <p>A file or archive named explicitly must be readable — its error ends the command. A file found
 * inside a folder or archive that turns out to be broken is reported and the rest of the case is
 * still read; so is an archive entry refused by the {@link ArchiveLimits}.
 *
 * <p>The traces of a case keep at most {@link ReadOptions#maxEvents} events in all: each file is read with
 * what is left, and a trace file found once none is left is refused.
 */
public final class CaseInputs {
    /**
     * @param traces       the traces read, in input order
     * @param servicingLogs the servicing logs read, in input order
     * @param unrecognised files in folders and archives that no reader recognised
     * @param errors       one-line errors of files (and nested archives) in folders and archives that
     *                     could not be read
     * @param refused      one line per limit hit (archive, entry, which limit; a trace file not read because
     *                     the case holds its most events)
     * @param copies       exports of a capture that another input already holds, left out of {@code traces}
     * @param formatReasons why each trace and servicing log read was taken for its format
     *                      ({@link Formats.Detection#why()}), by its display name
     */
    public record Loaded(List<Trace> traces, List<ServicingLog> servicingLogs, List<String> unrecognised,
                         List<String> errors, List<String> refused, List<SameCapture.Copy> copies,
                         Map<String, String> formatReasons) {
        public Loaded(List<Trace> traces, List<ServicingLog> servicingLogs, List<String> unrecognised,
                      List<String> errors) {
            this(traces, servicingLogs, unrecognised, errors, List.of(), List.of(), Map.of());
        }

        /** Whether nothing lockscope reads was found. */
        public boolean isEmpty() {
            return traces.isEmpty() && servicingLogs.isEmpty();
        }
    }

    private final ReadOptions options;
    private final ArchiveLimits limits;
    private final List<Trace> traces = new ArrayList<>();
    private final List<ServicingLog> logs = new ArrayList<>();
    private final List<String> unrecognised = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private final Map<String, String> formatReasons = new LinkedHashMap<>();
    /** The events the case may still keep: {@link ReadOptions#maxEvents} less those of the traces read. */
    private long eventsLeft;
    /** Where archives are expanded; created on the first archive, deleted when loading ends. */
    private Path workRoot;

    private CaseInputs(ReadOptions options, ArchiveLimits limits) {
        this.options = options;
        this.eventsLeft = options.maxEvents();
        this.limits = limits;
    }

    public static Loaded load(List<Path> inputs, ReadOptions options) throws BadInputException, IOException {
        return load(inputs, options, ArchiveLimits.DEFAULT);
    }

    /** {@link #load(List, ReadOptions)} with the given limits for archives. */
    public static Loaded load(List<Path> inputs, ReadOptions options, ArchiveLimits limits)
            throws BadInputException, IOException {
        CaseInputs loader = new CaseInputs(options, limits);
        try {
            for (Path input : inputs) {
                loader.loadInput(input);
            }
        } finally {
            loader.deleteWorkRoot();
        }
        SameCapture.Result captures = SameCapture.keepRichest(loader.traces);
        return new Loaded(captures.kept(), loader.logs, loader.unrecognised, loader.errors, loader.refused,
                captures.copies(), loader.formatReasons);
    }

    private void loadInput(Path input) throws BadInputException, IOException {
        if (Files.isDirectory(input)) {
            for (Path file : filesIn(input)) {
                String name = input.relativize(file).toString();
                readFound(file, input.getFileName() + "/" + name);
            }
        } else if (Files.exists(input)) {
            Formats.Detection detection = Formats.detectNamed(input, input.toString());
            if (!read(detection, input, input.toString(), false)) {
                throw Formats.notATrace(input.toString());
            }
        } else {
            throw new BadInputException(input.toString(), null, "no such file or folder");
        }
    }

    /** A file found in a folder: its error is noted and the case goes on. */
    private void readFound(Path file, String display) throws IOException {
        try {
            if (Files.size(file) == 0 || !read(Formats.detect(file), file, display, true)) {
                unrecognised.add(display);
            }
        } catch (BadInputException e) {
            errors.add(e.getMessage());
        }
    }

    /** Expands the archive and reads its files as those of a folder. */
    private void readArchive(Path archive, ArchiveFormat format, String display) throws BadInputException, IOException {
        if (workRoot == null) {
            workRoot = Files.createTempDirectory("lockscope-case-");
        }
        Expansion expansion = ArchiveExpander.expand(archive, format, display, workRoot, limits);
        refused.addAll(expansion.refused());
        errors.addAll(expansion.errors());
        List<Expansion.File> files = new ArrayList<>(expansion.files());
        files.sort(Comparator.comparing(Expansion.File::displayName));
        for (Expansion.File file : files) {
            readFound(file.path(), file.displayName());
        }
    }

    private void deleteWorkRoot() throws IOException {
        if (workRoot == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(workRoot)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Reads {@code file} as its detected format says: an archive, a trace or a servicing log; false when
     * nothing recognised it.
     *
     * @param inFolder the file was found in a folder or archive, beside the other parts of a split capture
     */
    private boolean read(Formats.Detection detection, Path file, String display, boolean inFolder)
            throws BadInputException, IOException {
        TraceReader trace = detection.traceReader();
        ServicingLogReader servicing = detection.servicingLogReader();
        if (detection.archive() != null) {
            readArchive(file, detection.archive(), display);
        } else if (trace != null) {
            if (eventsLeft == 0) {
                refused.add(display + ": not read: the case already holds "
                        + String.format(Locale.ROOT, "%,d", options.maxEvents()) + " events, its most (--max-events)");
            } else if (!(inFolder && trace.isLaterPart(file))) {
                Trace read = readTrace(trace, trace.parts(file), display);
                traces.add(read);
                eventsLeft -= read.size();
                formatReasons.put(display, detection.why());
            }
        } else if (servicing != null) {
            logs.add(servicing.read(file, display));
            formatReasons.put(display, detection.why());
        } else {
            return false;
        }
        return true;
    }

    /** Reads the parts of one capture (Boot.pml, Boot-1.pml, … for a split procmon log) as one trace. */
    private Trace readTrace(TraceReader reader, List<Path> parts, String display) throws BadInputException, IOException {
        long bytes = 0;
        for (Path part : parts) {
            bytes += Files.size(part);
        }
        options.progress().begin(display, bytes);
        try {
            return reader.readParts(parts, display, options.withMaxEvents(eventsLeft));
        } finally {
            options.progress().end();
        }
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
