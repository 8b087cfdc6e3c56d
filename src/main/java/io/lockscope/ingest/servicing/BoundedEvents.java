package io.lockscope.ingest.servicing;

import io.lockscope.model.ReadReport;
import io.lockscope.model.servicing.ServicingEvent;
import io.lockscope.model.servicing.ServicingSource;

import java.time.LocalDateTime;
import java.util.List;

/**
 * Keeps a log's notable lines as events within a memory bound: at most {@value #MAX_EVENTS} per file,
 * each text at most {@value #MAX_TEXT} chars. What does not fit is counted and reported, not kept.
 */
final class BoundedEvents {
    static final int MAX_EVENTS = 20_000;
    static final int MAX_TEXT = 1_000;

    private final ServicingSource source;
    private final String input;
    private final List<ServicingEvent> into;
    private long dropped;

    BoundedEvents(ServicingSource source, String input, List<ServicingEvent> into) {
        this.source = source;
        this.input = input;
        this.into = into;
    }

    void add(long line, LocalDateTime time, String text) {
        if (into.size() >= MAX_EVENTS) {
            dropped++;
            return;
        }
        into.add(new ServicingEvent(source, input, line, time, clip(text)));
    }

    static String clip(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }

    /** Warns in {@code report} when events were dropped. */
    void finish(ReadReport report) {
        if (dropped > 0) {
            report.warn(dropped + " more notable lines were not kept as events (limit " + MAX_EVENTS + " per file)");
        }
    }
}
