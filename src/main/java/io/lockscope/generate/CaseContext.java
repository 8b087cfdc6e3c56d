package io.lockscope.generate;

import io.lockscope.model.ProcessInfo;
import io.lockscope.model.TimeBase;

import java.util.List;

/**
 * What a {@link CaseFormat} gets before the first event.
 *
 * @param facts     what the case shows (failure, holders, packages, capture span)
 * @param processes every process instance; an event's {@code processKey} indexes this list; the System
 *                  process (PID 4) carries the kernel modules that stack frames point into
 * @param timeBase  what event times mean ({@link TimeBase#UTC}: FILETIME ticks)
 * @param options   the generation options (locale, zone, columns, event count)
 */
public record CaseContext(ScenarioFacts facts, List<ProcessInfo> processes, TimeBase timeBase,
                          GenerateOptions options) {
    public CaseContext {
        processes = List.copyOf(processes);
    }
}
