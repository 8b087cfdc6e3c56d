package io.lockscope.report;

import io.lockscope.model.EventStore;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceTime;
import io.lockscope.model.index.EventSelector;
import io.lockscope.model.index.OpenIntervals;
import io.lockscope.model.vocab.DetailFormat;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.model.vocab.NumberStyle;
import io.lockscope.report.model.TimelineReport;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** The events a selector picks from each trace, with their open-handle intervals, as a {@link TimelineReport}. */
public final class TimelineReportBuilder {
    private final List<TimelineReport.Row> rows = new ArrayList<>();

    private TimelineReportBuilder() {
    }

    /**
     * @param selectors the selector for each trace, in the same order (its time window is on that trace's clock)
     */
    public static TimelineReport build(List<Trace> traces, List<EventSelector> selectors, String lang) {
        TimelineReportBuilder builder = new TimelineReportBuilder();
        for (int t = 0; t < traces.size(); t++) {
            builder.add(traces.get(t), t, selectors.get(t));
        }
        return new TimelineReport(lang, List.copyOf(builder.rows));
    }

    private void add(Trace trace, int input, EventSelector selector) {
        IntArrayList selected = selector.select(trace);
        EventStore e = trace.events();
        BitSet selectedPaths = new BitSet();
        selected.forEach(i -> selectedPaths.set(e.pathId(i)));
        OpenIntervals intervals = OpenIntervals.of(trace, selectedPaths);
        selected.forEach(i -> {
            ProcessInfo p = trace.process(i);
            rows.add(new TimelineReport.Row(input, i, TraceTime.format(trace, e.time(i)), p.name(), p.pid(), e.tid(i),
                    e.operationName(i), e.path(i), NtStatus.name(e.result(i)),
                    DetailFormat.render(e.operation(i), e.detail(i), NumberStyle.EN_US), handle(trace, intervals, i)));
        });
    }

    private static TimelineReport.Handle handle(Trace trace, OpenIntervals intervals, int event) {
        OpenIntervals.Interval iv = intervals.touching(event);
        if (iv == null) {
            return null;
        }
        boolean opens = iv.openEvent() == event;
        int other = opens ? iv.closeEvent() : iv.openEvent();
        String otherTime = opens && iv.openAtEnd() ? null : TraceTime.format(trace, trace.events().time(other));
        return new TimelineReport.Handle(opens, otherTime, !iv.paired());
    }
}
