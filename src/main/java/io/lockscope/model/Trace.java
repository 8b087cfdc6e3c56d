package io.lockscope.model;

import java.time.ZoneOffset;

/**
 * Everything read from one input file (or one split capture): its events, strings, processes and
 * stacks, and what the reader had to skip or tolerate. Read-only; build one with {@link TraceBuilder}.
 *
 * @param source     the file as the user named it
 * @param format     the input format id ("procmon-csv", "procmon-pml", …)
 * @param timeBase   what the time column means
 * @param zone       the offset of local times from UTC when known (from --tz or the capture), else null
 */
public record Trace(String source, String format, TimeBase timeBase, ZoneOffset zone, StringPool strings,
                    EventStore events, ProcessTable processes, StackTable stacks, ReadReport report) {

    public int size() {
        return events.size();
    }

    public ProcessInfo process(int event) {
        return processes.get(events.processKey(event));
    }
}
