package io.lockscope.ingest;

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
 *
 * <p>A file named explicitly must be readable — its error ends the command. A file found inside a
 * folder that turns out to be broken is reported and the rest of the case is still read.
 */
public final class CaseInputs {
    /**
     * @param traces       the traces read, in input order
     * @param unrecognised files in folders that no reader recognised
     * @param errors       one-line errors of files in folders that could not be read
     */
    public record Loaded(List<Trace> traces, List<String> unrecognised, List<String> errors) {
    }

    private CaseInputs() {
    }

    public static Loaded load(List<Path> inputs, ReadOptions options) throws BadInputException, IOException {
        List<Trace> traces = new ArrayList<>();
        List<String> unrecognised = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                for (Path file : filesIn(input)) {
                    String name = input.relativize(file).toString();
                    String display = input.getFileName() + "/" + name;
                    if (Readers.forFile(file) == null) {
                        unrecognised.add(display);
                        continue;
                    }
                    try {
                        traces.add(Readers.read(file, display, options));
                    } catch (BadInputException e) {
                        errors.add(e.getMessage());
                    }
                }
            } else if (Files.exists(input)) {
                traces.add(Readers.read(input, input.toString(), options));
            } else {
                throw new BadInputException(input.toString(), null, "no such file or folder");
            }
        }
        return new Loaded(traces, unrecognised, errors);
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
