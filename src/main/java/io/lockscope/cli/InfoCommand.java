package io.lockscope.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.lockscope.ingest.procmon.CapturingProcmon;
import io.lockscope.ingest.CaseInputs;
import io.lockscope.ingest.servicing.ServicingLog;
import io.lockscope.model.EventClass;
import io.lockscope.model.EventStore;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceTime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "info", mixinStandardHelpOptions = true, description = {
        "Format, capture span, event counts per class and operation, processes, skipped records and warnings.",
        "",
        "Example: lockscope info boot_log.csv --format json"})
final class InfoCommand implements Callable<Integer> {
    enum Format { text, json }

    @Mixin
    InputOptions input;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CaseInputs.Loaded loaded = input.load(spec.commandLine().getErr());
        List<Summary> summaries = loaded.traces().stream().map(Summary::of).toList();
        if (format == Format.json) {
            writeJson(out, summaries, loaded.servicingLogs(), loaded.formatReasons());
        } else {
            summaries.forEach(s -> writeText(out, s, loaded.formatReasons().get(s.trace().source())));
            loaded.servicingLogs().forEach(l -> writeText(out, l, loaded.formatReasons().get(l.input())));
        }
        out.flush();
        return InputOptions.reportDamage(loaded, spec.commandLine().getErr()) ? ExitCode.BAD_INPUT.code() : ExitCode.OK.code();
    }

    /** What {@code info} says about one input. */
    record Summary(Trace trace, Map<EventClass, Long> byClass, Map<String, Long> byOperation) {
        static Summary of(Trace t) {
            Map<EventClass, Long> byClass = new EnumMap<>(EventClass.class);
            Map<String, Long> byOperation = new LinkedHashMap<>();
            EventStore e = t.events();
            for (int i = 0, n = e.size(); i < n; i++) {
                byClass.merge(e.eventClass(i), 1L, Long::sum);
                byOperation.merge(e.operationName(i), 1L, Long::sum);
            }
            Map<String, Long> sorted = new LinkedHashMap<>();
            byOperation.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                    .forEach(en -> sorted.put(en.getKey(), en.getValue()));
            return new Summary(t, byClass, sorted);
        }

        String first() {
            return trace.size() == 0 ? null : TraceTime.format(trace, trace.events().time(0));
        }

        String last() {
            return trace.size() == 0 ? null : TraceTime.format(trace, trace.events().time(trace.size() - 1));
        }
    }

    private static void writeText(PrintWriter out, Summary s, String detectedBy) {
        Trace t = s.trace();
        out.printf("%s  (%s)%n", t.source(), t.format());
        out.printf("  detected    %s%n", detectedBy);
        out.printf("  events      %,d%n", t.size());
        out.printf("  skipped     %,d%s%n", t.report().skippedTotal(), t.report().skippedByReason().isEmpty() ? ""
                : "  " + t.report().skippedByReason());
        out.printf("  processes   %,d%n", t.processes().size());
        String procmon = CapturingProcmon.describe(t);
        if (procmon != null) {
            out.printf("  procmon     %s%n", procmon);
        }
        if (t.size() > 0) {
            long span = t.events().time(t.size() - 1) - t.events().time(0);
            out.printf("  span        %s .. %s  (%.3f s, times %s)%n", s.first(), s.last(), TraceTime.seconds(span),
                    t.timeBase().name().toLowerCase().replace('_', ' '));
        }
        out.println("  by class");
        s.byClass().forEach((c, n) -> out.printf("    %-14s %,12d%n", c.procmonName(), n));
        out.println("  by operation");
        s.byOperation().forEach((op, n) -> out.printf("    %-40s %,12d%n", op, n));
        List<String> warnings = t.report().warnings();
        if (!warnings.isEmpty()) {
            out.println("  warnings");
            warnings.forEach(w -> out.println("    " + w));
        }
    }

    private static void writeText(PrintWriter out, ServicingLog log, String detectedBy) {
        out.printf("%s  (%s, %s)%n", log.input(), log.format().id(), log.kind());
        out.printf("  detected    %s%n", detectedBy);
        out.printf("  lines       %,d (%,d recognised)%n", log.lines(), log.recognised());
        out.printf("  skipped     %,d%s%n", log.report().skippedTotal(), log.report().skippedByReason().isEmpty() ? ""
                : "  " + log.report().skippedByReason());
        if (!log.report().warnings().isEmpty()) {
            out.println("  warnings");
            log.report().warnings().forEach(w -> out.println("    " + w));
        }
    }

    private static void writeJson(PrintWriter out, List<Summary> summaries, List<ServicingLog> logs,
                                  Map<String, String> detectedBy)
            throws java.io.IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeArrayFieldStart("inputs");
            for (Summary s : summaries) {
                Trace t = s.trace();
                g.writeStartObject();
                g.writeStringField("path", t.source());
                g.writeStringField("format", t.format());
                g.writeStringField("detectedBy", detectedBy.get(t.source()));
                g.writeNumberField("events", t.size());
                g.writeNumberField("skipped", t.report().skippedTotal());
                g.writeObjectFieldStart("skippedByReason");
                for (Map.Entry<String, Long> en : t.report().skippedByReason().entrySet()) {
                    g.writeNumberField(en.getKey(), en.getValue());
                }
                g.writeEndObject();
                g.writeNumberField("processes", t.processes().size());
                g.writeStringField("capturedBy", CapturingProcmon.describe(t));
                g.writeStringField("first", s.first());
                g.writeStringField("last", s.last());
                g.writeStringField("timeBase", t.timeBase().name());
                g.writeObjectFieldStart("countsByClass");
                for (Map.Entry<EventClass, Long> en : s.byClass().entrySet()) {
                    g.writeNumberField(en.getKey().procmonName(), en.getValue());
                }
                g.writeEndObject();
                g.writeObjectFieldStart("countsByOperation");
                for (Map.Entry<String, Long> en : s.byOperation().entrySet()) {
                    g.writeNumberField(en.getKey(), en.getValue());
                }
                g.writeEndObject();
                g.writeArrayFieldStart("warnings");
                for (String w : t.report().warnings()) {
                    g.writeString(w);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            for (ServicingLog log : logs) {
                g.writeStartObject();
                g.writeStringField("path", log.input());
                g.writeStringField("format", log.format().id());
                g.writeStringField("kind", log.kind());
                g.writeStringField("detectedBy", detectedBy.get(log.input()));
                g.writeNumberField("events", log.recognised());
                g.writeNumberField("lines", log.lines());
                g.writeNumberField("skipped", log.report().skippedTotal());
                g.writeNumberField("processes", 0);
                g.writeNullField("first");
                g.writeNullField("last");
                g.writeObjectFieldStart("countsByOperation");
                g.writeEndObject();
                g.writeArrayFieldStart("warnings");
                for (String w : log.report().warnings()) {
                    g.writeString(w);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.println();
    }
}
