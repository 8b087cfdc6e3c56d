package io.lockscope.cli;

import io.lockscope.analysis.SeveralCases;
import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.CaseInputs;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.SameCapture;
import io.lockscope.ingest.servicing.ServicingLog;
import io.lockscope.model.ReadReport;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/** The inputs and read options every command shares. */
final class InputOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Parameters(paramLabel = "INPUT", arity = "1..*",
            description = "Trace files, or folders or archives (zip, 7z, tar.gz, cab) holding a case (format detected from content).")
    List<Path> inputs;

    @Option(names = "--tz", paramLabel = "±HH:MM", converter = ZoneOffsetConverter.class,
            description = "UTC offset of the machine that wrote local times (procmon CSV/XML exports, CBS.log).")
    ZoneOffset tz;

    @Option(names = {"-q", "--quiet"}, description = "No progress or notes on stderr.")
    boolean quiet;

    @Option(names = "--max-events", paramLabel = "N", defaultValue = "" + ReadOptions.DEFAULT_MAX_EVENTS,
            description = "Most trace events kept from one case; those past it are counted and dropped "
                    + "(default: ${DEFAULT-VALUE}, which needs about -Xmx10g).")
    long maxEvents;

    ReadOptions readOptions() {
        if (maxEvents < 1 || maxEvents > TraceBuilder.MAX_EVENTS) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--max-events must be between 1 and " + TraceBuilder.MAX_EVENTS + ", not " + maxEvents);
        }
        return new ReadOptions(tz, Progress.reading(quiet), maxEvents);
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

    /**
     * Refuses what cannot be analysed as one case, saying why on {@code err}: nothing recognised
     * (exit 1, with what was skipped) or several cases (exit 2, pointing at {@code batch}). Null when
     * the inputs are one case; notes which exports of a capture were left out.
     */
    ExitCode refuseAsCase(CaseInputs.Loaded loaded, PrintWriter err) {
        String named = inputs.stream().map(Path::toString).collect(Collectors.joining(" "));
        if (loaded.isEmpty()) {
            err.println("lockscope: nothing lockscope reads in " + named
                    + (loaded.unrecognised().isEmpty() ? " (no files)" : "; skipped: "
                    + String.join(", ", loaded.unrecognised())));
            return ExitCode.BAD_INPUT;
        }
        List<String> reasons = SeveralCases.reasons(loaded.traces(),
                loaded.servicingLogs().stream().map(ServicingLog::input).toList());
        if (!reasons.isEmpty()) {
            err.println("lockscope: " + named + " holds several cases (" + String.join("; ", reasons)
                    + "); analyze reads one case: run 'lockscope batch " + named + "' to analyse each, or name one case");
            return ExitCode.USAGE;
        }
        if (!quiet) {
            for (SameCapture.Copy copy : loaded.copies()) {
                err.println("lockscope: " + copy.skipped() + " is an export of the capture " + copy.used()
                        + " holds; read " + copy.used() + " only");
            }
        }
        return null;
    }

    /**
     * Says on {@code err}, one line per input, where records were damaged and skipped, where an input was
     * cut short and where events past the limit were dropped; true when any were, so that the command ends with exit code 1 after its output.
     */
    static boolean reportDamage(CaseInputs.Loaded loaded, PrintWriter err) {
        boolean damaged = !loaded.errors().isEmpty();
        for (Trace t : loaded.traces()) {
            damaged |= reportDamage(t.source(), t.report(), err);
        }
        for (ServicingLog l : loaded.servicingLogs()) {
            damaged |= reportDamage(l.input(), l.report(), err);
        }
        return damaged;
    }

    private static boolean reportDamage(String input, ReadReport report, PrintWriter err) {
        if (report.truncation() != null) {
            err.printf("lockscope: %s: %s; what came before was analysed%n", input, report.truncation().describe());
        }
        if (report.eventLimit() != null) {
            err.printf("lockscope: %s: %s; what came before was analysed%n", input, report.eventLimit().describe());
        }
        if (report.damagedTotal() == 0) {
            return report.truncation() != null || report.eventLimit() != null;
        }
        String first = report.firstDamage();
        err.printf("lockscope: %s%s (%,d damaged record%s skipped in all)%n", first.startsWith(input) ? "" : input + ": ",
                first, report.damagedTotal(), report.damagedTotal() == 1 ? "" : "s");
        return true;
    }
}
