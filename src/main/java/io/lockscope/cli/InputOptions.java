package io.lockscope.cli;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.CaseInputs;
import io.lockscope.ingest.ReadOptions;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

/** The inputs and read options every command shares. */
final class InputOptions {
    @Parameters(paramLabel = "INPUT", arity = "1..*",
            description = "Trace files, or folders or archives (zip, 7z, tar.gz) holding a case (format detected from content).")
    List<Path> inputs;

    @Option(names = "--tz", paramLabel = "±HH:MM",
            description = "UTC offset of the machine that wrote local times (procmon CSV/XML exports, CBS.log).")
    String tz;

    @Option(names = {"-q", "--quiet"}, description = "No progress or notes on stderr.")
    boolean quiet;

    ReadOptions readOptions() {
        return new ReadOptions(zone());
    }

    ZoneOffset zone() {
        if (tz == null) {
            return null;
        }
        try {
            return ZoneOffset.of(tz.equals("0") || tz.equalsIgnoreCase("Z") ? "Z" : tz);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--tz wants an offset like +08:00 or -05:00, not '" + tz + "'");
        }
    }

    /** Reads the inputs; notes about unrecognised or broken files in folders go to {@code err}. */
    CaseInputs.Loaded load(PrintWriter err) throws BadInputException, IOException {
        CaseInputs.Loaded loaded = CaseInputs.load(inputs, readOptions());
        if (!quiet) {
            for (String u : loaded.unrecognised()) {
                err.println("lockscope: not recognised, skipped: " + u);
            }
        }
        for (String r : loaded.refused()) {
            err.println("lockscope: " + r);
        }
        for (String e : loaded.errors()) {
            err.println("lockscope: " + e);
        }
        return loaded;
    }
}
