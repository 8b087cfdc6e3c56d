package io.lockscope.ingest.etw.export;

import io.lockscope.ingest.etw.RequestJoin;
import io.lockscope.ingest.etw.kernel.KernelEvent;
import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;

/**
 * One event of an exported trace, as its reader understood it, before it enters the model.
 *
 * @param time        UTC FILETIME
 * @param group       kernel class ({@link io.lockscope.ingest.etw.kernel.KernelGroups}), or
 *                    {@link KernelClasses#NOT_KERNEL}
 * @param opcode      kernel event type (meaningful with a kernel group)
 * @param name        the event's name when not a kernel one lockscope names ({@code Task/Opcode})
 * @param pid         the header's process id, -1 when the export has none (FileIo: tracerpt prints -1)
 * @param processName the process's image name when the export prints it next to the PID (xperf), else null
 * @param tid         the header's thread id (FileIo: the issuing thread), -1 when unknown
 * @param event       the decoded payload, null when lockscope does not decode this event type
 * @param operation   a procmon operation the export already names (wpaexporter rows), else null
 * @param path        a path the export prints with the event (xperf resolves FileObject → name; DOS path),
 *                    else null
 * @param driver      a minifilter driver the export names (xperf, WPA), else null
 * @param status      a result the row carries itself, else {@link RequestJoin#NO_STATUS}
 * @param duration    a duration (100 ns) the row carries itself, else {@link EventStore#NO_DURATION}
 * @param line        the line the event starts on, for reports
 */
record ExportedEvent(long time, int group, int opcode, String name, int pid, String processName, int tid,
                     KernelEvent event, Operation operation, String path, String driver, int status, long duration,
                     long line) {

    /** A kernel event of a tracerpt export: header ids and the decoded payload only. */
    static ExportedEvent kernel(long time, int group, int opcode, String name, int pid, int tid, KernelEvent event,
                                long line) {
        return new ExportedEvent(time, group, opcode, name, pid, null, tid, event, null, null, null,
                RequestJoin.NO_STATUS, EventStore.NO_DURATION, line);
    }
}
