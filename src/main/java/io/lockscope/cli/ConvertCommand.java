package io.lockscope.cli;

import io.lockscope.export.ExportOptions;
import io.lockscope.export.ProcmonLocale;
import io.lockscope.export.ProcmonVersion;
import io.lockscope.export.csv.ProcmonCsvWriter;
import io.lockscope.export.jsonl.JsonLinesWriter;
import io.lockscope.export.xml.ProcmonXmlWriter;
import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.model.Trace;
import io.lockscope.model.vocab.ProcmonColumn;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "convert", mixinStandardHelpOptions = true, description = {
        "Render a trace the way procmon's Save As writes it (CSV, XML), or as JSON lines with typed fields."},
        footer = {
        "",
        "Examples:",
        "  lockscope convert boot_log.pml --to csv --columns all --tz +00:00 -o boot_log.csv",
        "  lockscope convert boot_log.pml --to xml --stacks -o boot_log.xml",
        "  lockscope convert boot_log.pml --to csv --procmon-version 3.53",
        "  lockscope convert boot_log.csv --to jsonl | jq 'select(.result != \"SUCCESS\")'"})
final class ConvertCommand implements Callable<Integer> {
    enum Target { csv, xml, jsonl }

    @Parameters(paramLabel = "INPUT", description = "A trace file (format detected from content).")
    Path input;

    @Option(names = "--to", required = true, description = "csv, xml or jsonl.")
    Target to;

    @Option(names = "--columns", defaultValue = "default",
            description = "default (procmon's 7), all (27), or a comma list of procmon column names.")
    String columns;

    @Option(names = "--tz", paramLabel = "±HH:MM", converter = ZoneOffsetConverter.class, description = "Time zone of the rendered times of a UTC trace (default +00:00).")
    ZoneOffset tz = ZoneOffset.UTC;

    @Option(names = "--locale", defaultValue = "en-US", description = "Number, time and date style of a Windows locale: en-US, de-DE, ru-RU, zh-CN, ja-JP, ko-KR or en-CA.")
    String locale;

    @Option(names = "--procmon-version", paramLabel = "VERSION", defaultValue = "latest",
            description = "Write what that procmon release writes where releases differ, e.g. 3.53 (default: latest).")
    String procmonVersion;

    @Option(names = "--stacks", description = "XML: include each event's stack frames (procmon's /SaveAs1).")
    boolean stacks;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of stdout.")
    Path output;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        refuseIgnoredOptions();
        if (Files.isDirectory(input)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "convert renders one trace file; " + input + " is a folder: name a file in it");
        }
        ExportOptions options = options();
        if (output != null) {
            OutputChecks.file(spec, output);
        }
        Trace trace = Formats.readTrace(input, input.toString(), ReadOptions.DEFAULT.withProgress(Progress.reading(quiet)));
        if (output == null) {
            // the writers close what they write to; stdout belongs to the process: flush it, never close it
            write(trace, options, new BufferedOutputStream(new FilterOutputStream(System.out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            }, 1 << 16));
        } else {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16)) {
                write(trace, options, file);
            }
        }
        return ExitCode.OK.code();
    }

    private void write(Trace trace, ExportOptions options, OutputStream out) throws IOException {
        switch (to) {
            case csv -> ProcmonCsvWriter.write(trace, out, options);
            case xml -> ProcmonXmlWriter.write(trace, out, options);
            default -> JsonLinesWriter.write(trace, out);
        }
    }

    /** An option the chosen --to would not use is a usage error: silently ignoring it misleads. */
    private void refuseIgnoredOptions() {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        List<String> unused = switch (to) {
            case jsonl -> List.of("--columns", "--locale", "--procmon-version", "--tz", "--stacks");
            case csv -> List.of("--stacks");
            case xml -> List.of();
        };
        for (String option : unused) {
            if (given.hasMatchedOption(option)) {
                throw new CommandLine.ParameterException(spec.commandLine(), option + " does not apply to --to " + to
                        + (to == Target.jsonl ? " (JSON lines carry typed values, not procmon's text)" : " (stacks are in XML only)"));
            }
        }
    }

    private ExportOptions options() {
        List<ProcmonColumn> cols;
        try {
            cols = ProcmonColumn.parseSelection(columns);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage()
                    + "; names as in procmon's CSV header, e.g. \"Time of Day,Process Name,PID,Operation\"");
        }
        try {
            return new ExportOptions(cols, ProcmonLocale.forTag(locale), tz, stacks,
                    ProcmonVersion.parse(procmonVersion));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
