package io.lockscope.ingest;

import io.lockscope.ingest.servicing.ServicingLog;
import io.lockscope.ingest.servicing.ServicingLogReaders;
import io.lockscope.model.Trace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
                        if (!readOne(file, display, options, traces, logs)) {
                            unrecognised.add(display);
                        }
                    } catch (BadInputException e) {
                        errors.add(e.getMessage());
                    }
                }
            } else if (Files.exists(input)) {
                if (!readOne(input, input.toString(), options, traces, logs)) {
                    // let the trace readers say why (empty, not a known format)
                    traces.add(Readers.read(input, input.toString(), options));
                }
            } else {
                throw new BadInputException(input.toString(), null, "no such file or folder");
            }
        }
        return new Loaded(traces, logs, unrecognised, errors);
    }

    /** Reads {@code file} as a trace or a servicing log; false when neither recognises it. */
    private static boolean readOne(Path file, String display, ReadOptions options, List<Trace> traces,
                                   List<ServicingLog> logs) throws BadInputException, IOException {
        if (Files.size(file) > 0 && Readers.forFile(file) != null) {
            traces.add(Readers.read(file, display, options));
            return true;
        }
        if (Files.size(file) > 0 && ServicingLogReaders.forFile(file) != null) {
            logs.add(ServicingLogReaders.read(file, display));
            return true;
        }
        return false;
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
