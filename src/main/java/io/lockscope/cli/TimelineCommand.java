package io.lockscope.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.lockscope.ingest.CaseInputs;
import io.lockscope.model.EventStore;
import io.lockscope.model.Glob;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceTime;
import io.lockscope.model.index.EventSelector;
import io.lockscope.model.index.OpenIntervals;
import io.lockscope.model.vocab.DetailFormat;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.model.vocab.NumberStyle;
import io.lockscope.report.render.TextTable;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "timeline", mixinStandardHelpOptions = true, description = {
        "The ordered file and registry access sequence, with open-handle intervals.",
        "Path/key selectors are OR'ed, process selectors are OR'ed, and the two groups AND'ed.",
        "",
        "Example: lockscope timeline boot_log.csv --path '*oposdrv*' --from 00:00:40 --to +60s"})
final class TimelineCommand implements Callable<Integer> {
    enum Format { text, csv, json }

    @Mixin
    InputOptions input;

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
        PrintWriter out = spec.commandLine().getOut();
        CaseInputs.Loaded loaded = input.load(spec.commandLine().getErr());
        List<Row> rows = new ArrayList<>();
        for (int t = 0; t < loaded.traces().size(); t++) {
            collect(loaded.traces().get(t), t, rows);
        }
        switch (format) {
            case csv -> writeCsv(out, rows);
            case json -> writeJson(out, rows);
            default -> writeText(out, rows);
        }
        out.flush();
        return InputOptions.reportDamage(loaded, spec.commandLine().getErr()) ? ExitCode.BAD_INPUT.code() : ExitCode.OK.code();
    }

    /** One line of the timeline; {@code handle} describes the open interval the event starts or ends. */
    record Row(int input, int index, String time, String process, int pid, int tid, String operation, String path,
               String result, String detail, String handle) {
    }

    private void collect(Trace trace, int input, List<Row> rows) {
        long fromT = from == null ? Long.MIN_VALUE : from.on(trace);
        long toT = to == null ? Long.MAX_VALUE : to.on(trace);
        if (fromT > toT) {
            throw fromAfterTo();
        }
        EventSelector selector = new EventSelector(globs(paths), globs(keys), pids, globs(processes), fromT, toT);
        IntArrayList selected = selector.select(trace);
        EventStore e = trace.events();
        BitSet selectedPaths = new BitSet();
        selected.forEach(i -> selectedPaths.set(e.pathId(i)));
        OpenIntervals intervals = OpenIntervals.of(trace, selectedPaths);
        selected.forEach(i -> {
            ProcessInfo p = trace.process(i);
            rows.add(new Row(input, i, TraceTime.format(trace, e.time(i)), p.name(), p.pid(), e.tid(i),
                    e.operationName(i), e.path(i), NtStatus.name(e.result(i)),
                    DetailFormat.render(e.operation(i), e.detail(i), NumberStyle.EN_US),
                    handle(trace, intervals, i)));
        });
    }

    private CommandLine.ParameterException fromAfterTo() {
        return new CommandLine.ParameterException(spec.commandLine(),
                "--from " + from + " is after --to " + to + ": nothing could be shown");
    }

    private static String handle(Trace trace, OpenIntervals intervals, int event) {
        OpenIntervals.Interval iv = intervals.touching(event);
        if (iv == null) {
            return "";
        }
        String guess = iv.paired() ? "" : " (pairing inferred)";
        if (iv.openEvent() == event) {
            return iv.openAtEnd() ? "open until end of capture" + guess
                    : "open until " + TraceTime.format(trace, trace.events().time(iv.closeEvent())) + guess;
        }
        return "closes open of " + TraceTime.format(trace, trace.events().time(iv.openEvent())) + guess;
    }

    private static List<Glob> globs(List<String> texts) {
        return texts.stream().map(Glob::of).toList();
    }

    /** A header, then columns aligned by display width (process names and paths may be Chinese). */
    private static void writeText(PrintWriter out, List<Row> rows) {
        TextTable table = new TextTable("Time", "Process", "PID", "TID", "Operation", "Result", "Path", "Detail")
                .alignRight(2).alignRight(3);
        for (Row r : rows) {
            String detail = r.detail() + (r.handle().isEmpty() ? "" : (r.detail().isEmpty() ? "" : "  ") + "[" + r.handle() + "]");
            table.row(r.time(), r.process(), Integer.toString(r.pid()), Integer.toString(r.tid()), r.operation(),
                    r.result(), r.path(), detail);
        }
        out.print(table.layOut(""));
        out.printf("%d events%n", rows.size());
    }

    private static void writeCsv(PrintWriter out, List<Row> rows) {
        out.print("Input,Index,Time,Process Name,PID,TID,Operation,Path,Result,Detail,Handle\r\n");
        for (Row r : rows) {
            out.print(String.join(",", Integer.toString(r.input()), Integer.toString(r.index()), q(r.time()),
                    q(r.process()), Integer.toString(r.pid()), Integer.toString(r.tid()), q(r.operation()), q(r.path()),
                    q(r.result()), q(r.detail()), q(r.handle())));
            out.print("\r\n");
        }
    }

    private static String q(String s) {
        return '"' + (s == null ? "" : s.replace("\"", "\"\"")) + '"';
    }

    private static void writeJson(PrintWriter out, List<Row> rows) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("events");
            for (Row r : rows) {
                g.writeStartObject();
                g.writeNumberField("input", r.input());
                g.writeNumberField("index", r.index());
                g.writeStringField("t", r.time());
                g.writeStringField("process", r.process());
                g.writeNumberField("pid", r.pid());
                g.writeNumberField("tid", r.tid());
                g.writeStringField("operation", r.operation());
                g.writeStringField("path", r.path());
                g.writeStringField("result", r.result());
                g.writeStringField("detail", r.detail());
                if (!r.handle().isEmpty()) {
                    g.writeStringField("handle", r.handle());
                }
                g.writeEndObject();
                g.writeRaw('\n');
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.println();
    }
}
