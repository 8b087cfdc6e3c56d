package io.lockscope.report;

import io.lockscope.ingest.CaseInputs;
import io.lockscope.ingest.procmon.CapturingProcmon;
import io.lockscope.ingest.servicing.ServicingLog;
import io.lockscope.model.EventClass;
import io.lockscope.model.EventStore;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceTime;
import io.lockscope.report.model.InfoReport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts what each input of a case holds into the {@link InfoReport} of {@code lockscope info}. */
public final class InfoReportBuilder {
    private InfoReportBuilder() {
    }

    /** Traces first, then servicing logs, each in input order. */
    public static InfoReport build(CaseInputs.Loaded loaded, String lang) {
        List<InfoReport.Input> inputs = new ArrayList<>();
        for (Trace t : loaded.traces()) {
            inputs.add(trace(t, loaded.formatReasons().get(t.source())));
        }
        for (ServicingLog log : loaded.servicingLogs()) {
            inputs.add(servicingLog(log, loaded.formatReasons().get(log.input())));
        }
        return new InfoReport(lang, inputs);
    }

    private static InfoReport.Input trace(Trace t, String detectedBy) {
        Map<EventClass, Long> byClass = new EnumMap<>(EventClass.class);
        Map<String, Long> byOperation = new LinkedHashMap<>();
        EventStore e = t.events();
        for (int i = 0, n = e.size(); i < n; i++) {
            byClass.merge(e.eventClass(i), 1L, Long::sum);
            byOperation.merge(e.operationName(i), 1L, Long::sum);
        }
        Map<String, Long> classes = new LinkedHashMap<>();
        byClass.forEach((c, count) -> classes.put(c.procmonName(), count));
        return new InfoReport.Input(t.source(), t.format(), null, detectedBy, t.size(), null,
                t.report().skippedTotal(), t.report().skippedByReason(), t.processes().size(),
                CapturingProcmon.describe(t), t.timeBase().name(), span(t), t.report().decoders(), classes,
                mostFirst(byOperation), t.report().warnings());
    }

    private static InfoReport.Span span(Trace t) {
        if (t.size() == 0) {
            return null;
        }
        long first = t.events().time(0);
        long last = t.events().time(t.size() - 1);
        return new InfoReport.Span(TraceTime.format(t, first), TraceTime.format(t, last), TraceTime.seconds(last - first));
    }

    private static Map<String, Long> mostFirst(Map<String, Long> counts) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .forEach(en -> sorted.put(en.getKey(), en.getValue()));
        return sorted;
    }

    private static InfoReport.Input servicingLog(ServicingLog log, String detectedBy) {
        return new InfoReport.Input(log.input(), log.format().id(), log.kind(), detectedBy, log.recognised(),
                log.lines(), log.report().skippedTotal(), log.report().skippedByReason(), 0, null, null, null,
                Map.of(), Map.of(), Map.of(), log.report().warnings());
    }
}
