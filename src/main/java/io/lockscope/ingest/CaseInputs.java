package io.lockscope.ingest;

import io.lockscope.ingest.procmon.pml.PmlReader;
import io.lockscope.ingest.servicing.ServicingLog;
import io.lockscope.ingest.servicing.ServicingLogReaders;
import io.lockscope.model.Trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads what the user named on the command line: files, and folders (a folder is one case: every
 * file in it whose content lockscope recognises is read, the others are listed as not recognised).
 * Traces (procmon, ETW) and servicing logs (CBS.log, setupapi.dev.log, fltmc output, …) are told
 * apart by content.
 *
 * <p>A file named explicitly must be readable — its error ends the command. A file found inside a
 * folder that turns out to be broken is reported and the rest of the case is still read.
 */
public final class CaseInputs {
    /**
     * @param traces       the traces read, in input order
     * @param servicingLogs the servicing logs read, in input order
     * @param unrecognised files in folders that no reader recognised
     * @param errors       one-line errors of files in folders that could not be read
     */
    public record Loaded(List<Trace> traces, List<ServicingLog> servicingLogs, List<String> unrecognised,
                         List<String> errors) {
    }

    /** {@code <name>-<n>.pml}: a later part of a split procmon capture. */
    private static final Pattern LATER_PART = Pattern.compile("(.+)-\\d+(\\.[pP][mM][lL])");

    private CaseInputs() {
    }

    public static Loaded load(List<Path> inputs, ReadOptions options) throws BadInputException, IOException {
        List<Trace> traces = new ArrayList<>();
        List<ServicingLog> logs = new ArrayList<>();
        List<String> unrecognised = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                for (Path file : filesIn(input)) {
                    String name = input.relativize(file).toString();
                    String display = input.getFileName() + "/" + name;
                    try {
                        if (!readOne(file, display, options, traces, logs, true)) {
                            unrecognised.add(display);
                        }
                    } catch (BadInputException e) {
                        errors.add(e.getMessage());
                    }
                }
            } else if (Files.exists(input)) {
                if (!readOne(input, input.toString(), options, traces, logs, false)) {
                    // let the trace readers say why (empty, not a known format)
                    traces.add(Readers.read(input, input.toString(), options));
                }
            } else {
                throw new BadInputException(input.toString(), null, "no such file or folder");
            }
        }
        return new Loaded(traces, logs, unrecognised, errors);
    }

    /**
     * Reads {@code file} as a trace or a servicing log; false when neither recognises it.
     *
     * @param inFolder the file was found in a folder, beside the other parts of a split capture
     */
    private static boolean readOne(Path file, String display, ReadOptions options, List<Trace> traces,
                                   List<ServicingLog> logs, boolean inFolder) throws BadInputException, IOException {
        TraceReader reader = Files.size(file) > 0 ? Readers.forFile(file) : null;
        if (reader instanceof PmlReader pml) {
            if (!(inFolder && isLaterPart(file))) {
                // Boot.pml, Boot-1.pml, …: procmon splits a large capture; it is one capture
                List<Path> parts = PmlReader.splitParts(file);
                traces.add(parts.size() == 1 ? pml.read(file, display, options) : pml.readAll(parts, display));
            }
            return true;
        }
        if (reader != null) {
            traces.add(Readers.read(file, display, options));
            return true;
        }
        if (Files.size(file) > 0 && ServicingLogReaders.forFile(file) != null) {
            logs.add(ServicingLogReaders.read(file, display));
            return true;
        }
        return false;
    }

    /** {@code Boot-2.pml} whose {@code Boot.pml} is beside it: read with that first part. */
    private static boolean isLaterPart(Path file) {
        String name = file.getFileName().toString();
        Matcher m = LATER_PART.matcher(name);
        return m.matches() && Files.exists(file.resolveSibling(m.group(1) + m.group(2)));
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
