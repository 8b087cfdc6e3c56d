package io.lockscope.cli;

import io.lockscope.ingest.CaseInputs;
import io.lockscope.model.Glob;
import io.lockscope.model.Trace;
import io.lockscope.model.index.EventSelector;
import io.lockscope.report.TimelineReportBuilder;
import io.lockscope.report.model.TimelineReport;
import io.lockscope.report.render.Renderer;
import io.lockscope.report.render.TimelineCsvRenderer;
import io.lockscope.report.render.TimelineJsonRenderer;
import io.lockscope.report.render.TimelineTextRenderer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "timeline", mixinStandardHelpOptions = true, description = {
        "The ordered file and registry access sequence, with open-handle intervals.",
        "Path/key selectors are OR'ed, process selectors are OR'ed, and the two groups AND'ed."}, footer = {
        "",
        "Example: lockscope timeline boot_log.csv --path \"*oposdrv*\" --from 00:00:40 --to +60s"})
final class TimelineCommand implements Callable<Integer> {
    enum Format { text, csv, json }

    @Mixin
    InputOptions input;

    @Mixin
    LanguageOption language;

    @Option(names = "--path", paramLabel = "GLOB", description = "File path glob, case-insensitive (*oposdrv*).")
    List<String> paths = new ArrayList<>();

    @Option(names = "--key", paramLabel = "GLOB", description = "Registry key glob (HKLM\\DRIVERS\\*oposdrv*).")
    List<String> keys = new ArrayList<>();

    @Option(names = "--pid", paramLabel = "N", description = "Process id.")
    List<Integer> pids = new ArrayList<>();

    @Option(names = "--process", paramLabel = "NAME", description = "Process name or glob (TiWorker.exe).")
    List<String> processes = new ArrayList<>();

    @Option(names = "--from", paramLabel = "T", converter = TimeArgument.Converter.class, description = "HH:MM:SS[.fffffff], ISO-8601 or +12.5s from capture start.")
    TimeArgument from;

    @Option(names = "--to", paramLabel = "T", converter = TimeArgument.Converter.class, description = "Same forms as --from.")
    TimeArgument to;

    @Option(names = "--format", defaultValue = "text", description = "text, csv or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (paths.isEmpty() && keys.isEmpty() && pids.isEmpty() && processes.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "say what to follow: --path GLOB, --key GLOB, --pid N or --process NAME");
        }
        if (from != null && to != null && from.certainlyAfter(to)) {
            throw fromAfterTo();
        }
        String lang = language.checked(spec);
        CaseInputs.Loaded loaded = input.load(spec.commandLine().getErr());
        List<EventSelector> selectors = new ArrayList<>();
        for (Trace trace : loaded.traces()) {
            selectors.add(selector(trace));
        }
        TimelineReport timeline = TimelineReportBuilder.build(loaded.traces(), selectors, lang);
        Renderer<TimelineReport> renderer = switch (format) {
            case csv -> new TimelineCsvRenderer();
            case json -> new TimelineJsonRenderer();
            case text -> new TimelineTextRenderer();
        };
        renderer.render(timeline, spec.commandLine().getOut());
        return InputOptions.reportDamage(loaded, spec.commandLine().getErr()) ? ExitCode.BAD_INPUT.code() : ExitCode.OK.code();
    }

    /** The options as a selector on {@code trace}'s clock. */
    private EventSelector selector(Trace trace) {
        long fromT = from == null ? Long.MIN_VALUE : from.on(trace);
        long toT = to == null ? Long.MAX_VALUE : to.on(trace);
        if (fromT > toT) {
            throw fromAfterTo();
        }
        return new EventSelector(globs(paths), globs(keys), pids, globs(processes), fromT, toT);
    }

    private CommandLine.ParameterException fromAfterTo() {
        return new CommandLine.ParameterException(spec.commandLine(),
                "--from " + from + " is after --to " + to + ": nothing could be shown");
    }

    private static List<Glob> globs(List<String> texts) {
        return texts.stream().map(Glob::of).toList();
    }
}
