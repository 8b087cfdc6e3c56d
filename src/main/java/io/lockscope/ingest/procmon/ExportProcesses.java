package io.lockscope.ingest.procmon;

import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StringPool;
import io.lockscope.model.TraceBuilder;
import io.lockscope.model.detail.ProcessDetail;
import org.eclipse.collections.impl.map.mutable.primitive.IntObjectHashMap;

import java.util.function.IntUnaryOperator;

/**
 * Gives each exported event a process instance when the export does not name one (a CSV has no
 * process index, only PID and the process columns). PID reuse must never merge two processes, so
 * a PID gets a new instance when
 * <ul>
 *   <li>its Process Name (or, when exported, Image Path, Command Line, Parent PID or Authentication
 *       ID — all constant for one process) differs from its current instance's, or</li>
 *   <li>a "Process Start" for it follows: procmon logs it as the first event of a new process, so
 *       earlier events of that PID were another process's, even when its "Process Exit" was not
 *       captured, or</li>
 *   <li>after its "Process Exit", a "Process Create" whose Detail names it ({@code PID: n}) was
 *       seen (for exports filtered so that the child's Process Start is missing).</li>
 * </ul>
 * With the 27 columns the instance's {@link ProcessInfo} is filled from its first event's columns.
 */
final class ExportProcesses {
    private final TraceBuilder builder;
    private final StringPool strings;
    private final IntObjectHashMap<Instance> byPid = new IntObjectHashMap<>();
    /** Without a PID column, processes are told apart by name alone. */
    private final IntObjectHashMap<Instance> byNameWithoutPid = new IntObjectHashMap<>();

    private static final class Instance {
        final int key;
        /** The columns of its latest row: a row with the same object is of the same process without comparing. */
        ProcessColumns columns;
        boolean exited;
        boolean replaced;

        Instance(int key, ProcessColumns columns) {
            this.key = key;
            this.columns = columns;
        }
    }

    ExportProcesses(TraceBuilder builder) {
        this.builder = builder;
        this.strings = builder.strings();
    }

    /**
     * The process key of a row with the process columns {@code columns}, whose text ids {@code ids} maps
     * to the trace's pool; {@code processStart} says whether the row is a "Process Start".
     */
    int resolve(ProcessColumns columns, boolean processStart, IntUnaryOperator ids) {
        IntObjectHashMap<Instance> instances = byPid;
        int id = columns.pid;
        if (id < 0) {
            instances = byNameWithoutPid;
            id = ids.applyAsInt(columns.nameText());
        }
        Instance current = instances.get(id);
        if (current != null && !processStart && !current.replaced
                && (current.columns == columns || current.columns.sameProcess(columns))) {
            current.columns = columns;
            return current.key;
        }
        Instance next = new Instance(builder.addProcess(columns.info(strings, ids)), columns);
        instances.put(id, next);
        return next.key;
    }

    /**
     * Records a "Process Start" at {@code time} (trace ticks) as the process's start; its Detail
     * ("Parent PID: n, Command line: …") fills what a 7-column export has no column for.
     */
    void started(int key, long time, ProcessDetail detail) {
        ProcessInfo p = builder.process(key);
        int parentPid = p.parentPid();
        String commandLine = p.commandLine();
        if (detail != null) {
            parentPid = parentPid < 0 && detail.pid() >= 0 && detail.pid() <= Integer.MAX_VALUE ? (int) detail.pid() : parentPid;
            commandLine = commandLine == null ? detail.get("Command line") : commandLine;
        }
        long start = p.startTime() == ProcessInfo.UNKNOWN_TIME ? time : p.startTime();
        builder.updateProcess(key, new ProcessInfo(p.pid(), parentPid, p.name(), p.imagePath(), commandLine, p.company(),
                p.description(), p.version(), p.user(), p.authenticationId(), p.session(), p.integrity(), p.is64bit(),
                p.virtualized(), start, p.endTime(), p.modules()));
    }

    /** Records a "Process Exit" at {@code time}; the PID's next Process Start is a new process. */
    void exited(int key, long time) {
        ProcessInfo p = builder.process(key);
        if (p.endTime() == ProcessInfo.UNKNOWN_TIME) {
            builder.updateProcess(key, p.withTimes(p.startTime(), time));
        }
        Instance current = p.pid() < 0 ? null : byPid.get(p.pid());
        if (current != null && current.key == key) {
            current.exited = true;
        }
    }

    /** Records a "Process Create" of {@code childPid}: when that PID has exited, its next events are the child's. */
    void created(long childPid) {
        Instance child = childPid > Integer.MAX_VALUE ? null : byPid.get((int) childPid);
        if (child != null && child.exited) {
            child.replaced = true;
        }
    }
}
