package io.lockscope.export;

import io.lockscope.model.EventClass;
import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StackTable;
import io.lockscope.model.Trace;
import io.lockscope.model.detail.Detail;

import java.util.List;

/**
 * One event as an export writer sees it. The generator creates rows directly; {@link #of(Trace, int)}
 * views an event of a read trace.
 *
 * @param time          100 ns ticks in the time base the writer was opened with
 * @param processKey    index of the process in the process list the writer was given (XML ProcessIndex)
 * @param process       the process instance
 * @param operationName the Operation column text (differs from {@code operation} only for {@link Operation#OTHER})
 * @param result        NTSTATUS; {@link io.lockscope.model.vocab.NtStatus#PENDING} leaves Result and Duration empty
 * @param duration      ticks, or {@link EventStore#NO_DURATION}
 * @param stack         frames innermost first; empty when none was recorded
 */
public record EventRow(long time, int processKey, ProcessInfo process, int tid, Operation operation,
                       String operationName, EventClass eventClass, String path, int result, Detail detail,
                       long duration, List<StackTable.Frame> stack) {

    public EventRow {
        if (process == null || operation == null || operationName == null || eventClass == null || detail == null) {
            throw new IllegalArgumentException("process, operation, its name, class and detail are required");
        }
        path = path == null ? "" : path;
        stack = stack == null ? List.of() : stack;
    }

    /** A row for a known operation (its name and class are procmon's). */
    public static EventRow of(long time, int processKey, ProcessInfo process, int tid, Operation operation,
                              String path, int result, Detail detail, long duration, List<StackTable.Frame> stack) {
        if (operation == Operation.OTHER) {
            throw new IllegalArgumentException("an OTHER operation needs its name and class");
        }
        return new EventRow(time, processKey, process, tid, operation, operation.procmonName(),
                operation.eventClass(), path, result, detail, duration, stack);
    }

    /** Event {@code index} of {@code trace}. */
    public static EventRow of(Trace trace, int index) {
        EventStore events = trace.events();
        return new EventRow(events.time(index), events.processKey(index), trace.process(index), events.tid(index),
                events.operation(index), events.operationName(index), events.eventClass(index), events.path(index),
                events.result(index), events.detail(index), events.duration(index),
                trace.stacks().frames(events.stackId(index)));
    }
}
