package io.lockscope.report;

import io.lockscope.analysis.Attribution;
import io.lockscope.analysis.FailureAnalysis;
import io.lockscope.analysis.FailureFacts;
import io.lockscope.analysis.Hold;
import io.lockscope.analysis.Targets;
import io.lockscope.model.EventStore;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.Trace;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.report.model.Failure;
import io.lockscope.report.model.HoldersReport;
import io.lockscope.report.model.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * Who held the files a glob names, per trace, as a {@link HoldersReport}: at a moment, or at each failure
 * on them with the conflicts worded in the report's language ({@link HolderWords}, as the case report does).
 */
public final class HoldersReportBuilder {
    private final HolderWords holderWords;
    private final Attribution attribution;

    private HoldersReportBuilder(String lang, Attribution attribution) {
        this.holderWords = new HolderWords(new Words(lang));
        this.attribution = attribution;
    }

    /**
     * @param at the moment on each trace's clock, or null for each failure on the path
     */
    public static HoldersReport build(List<Trace> traces, String path, ToLongFunction<Trace> at,
                                      Attribution attribution, String lang) {
        HoldersReportBuilder builder = new HoldersReportBuilder(lang, attribution);
        List<HoldersReport.Input> inputs = new ArrayList<>();
        for (int i = 0; i < traces.size(); i++) {
            inputs.add(builder.input(traces.get(i), i, path, at));
        }
        return new HoldersReport(lang, path, inputs);
    }

    private HoldersReport.Input input(Trace trace, int index, String path, ToLongFunction<Trace> at) {
        Targets targets = Targets.select(trace, List.of(path), Targets.Source.USER);
        FailureAnalysis analysis = new FailureAnalysis(trace, index, targets, attribution, false);
        if (at != null) {
            long t = at.applyAsLong(trace);
            return new HoldersReport.Input(trace.source(), ReportBuilder.time(trace, t), openAt(trace, targets, analysis, t),
                    List.of());
        }
        List<HoldersReport.FailureHolders> failures = new ArrayList<>();
        for (FailureFacts f : analysis.failures()) {
            failures.add(failure(trace, f));
        }
        return new HoldersReport.Input(trace.source(), null, List.of(), failures);
    }

    /** The holds on the target files that had begun and not ended at {@code t}, by path. */
    private List<HoldersReport.Held> openAt(Trace trace, Targets targets, FailureAnalysis analysis, long t) {
        EventStore e = trace.events();
        TreeSet<Integer> paths = new TreeSet<>();
        targets.pathIds().stream().map(targets::canonical).forEach(paths::add);
        List<HoldersReport.Held> open = new ArrayList<>();
        for (int p : paths) {
            for (Hold h : analysis.holds().onPath(p)) {
                boolean started = e.time(h.startEvent()) <= t;
                boolean ended = h.endEvent() >= 0 && e.time(h.endEvent()) <= t;
                if (started && !ended) {
                    open.add(held(trace, h, null));
                }
            }
        }
        return open;
    }

    private HoldersReport.FailureHolders failure(Trace trace, FailureFacts f) {
        EventStore e = trace.events();
        ProcessInfo p = trace.process(f.event());
        Failure.Requested requested = f.requestAccess() == -1 ? null
                : new Failure.Requested(Spelling.access(f.requestAccess()), Spelling.share(f.requestShare()));
        return new HoldersReport.FailureHolders(ReportBuilder.time(trace, e.time(f.event())), p.name(), p.pid(),
                e.operationName(f.event()), e.path(f.event()), NtStatus.name(e.result(f.event())), requested,
                f.blocking().stream().map(h -> held(trace, f, h)).toList(),
                f.ruledOut().stream().map(h -> held(trace, f, h)).toList(), HolderWords.filterDrivers(f));
    }

    private HoldersReport.Held held(Trace trace, FailureFacts f, FailureFacts.HolderFinding h) {
        Hold hold = h.hold();
        String closedAt = hold.endEvent() < 0 ? null : ReportBuilder.time(trace, trace.events().time(hold.endEvent())).text();
        return held(trace, hold, holderWords.why(f, h, closedAt));
    }

    private HoldersReport.Held held(Trace trace, Hold h, String why) {
        EventStore e = trace.events();
        ProcessInfo p = trace.processes().get(h.processKey());
        boolean handle = h.kind() == Hold.Kind.HANDLE;
        Report.Time closed = h.endEvent() < 0 ? null : ReportBuilder.time(trace, e.time(h.endEvent()));
        return new HoldersReport.Held(p.name(), p.pid(), holderWords.how(h.kind()),
                handle ? Spelling.access(h.access()) : null, handle ? Spelling.share(h.share()) : null,
                e.path(h.startEvent()), ReportBuilder.time(trace, e.time(h.startEvent())), closed,
                h.pairingInferred(), h.startEvent(), h.endEvent(), why);
    }
}
