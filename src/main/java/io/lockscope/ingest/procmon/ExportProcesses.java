package io.lockscope.ingest.procmon;

import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StringPool;
import io.lockscope.model.TraceBuilder;
import io.lockscope.model.detail.ProcessDetail;
import io.lockscope.model.vocab.ProcmonColumn;
import org.eclipse.collections.impl.map.mutable.primitive.IntObjectHashMap;

import java.util.Arrays;
import java.util.List;

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

    /**
     * What tells one process instance from another with the same PID, its columns as characters: every
     * row is compared with them, and one array comparison costs less than a String's charAt per character.
     */
    private static final class Instance {
        final int key;
        final char[] name;
        final char[] imagePath;
        final char[] commandLine;
        final char[] authenticationId;
        final int parentPid;
        boolean exited;
        boolean replaced;

        Instance(int key, ProcessInfo info) {
            this.key = key;
            this.name = chars(info.name());
            this.imagePath = chars(info.imagePath());
            this.commandLine = chars(info.commandLine());
            this.authenticationId = chars(info.authenticationId());
            this.parentPid = info.parentPid();
        }

        private static char[] chars(String s) {
            return s == null ? new char[0] : s.toCharArray();
        }
    }

    ExportProcesses(TraceBuilder builder) {
        this.builder = builder;
        this.strings = builder.strings();
    }

    /**
     * The process key of {@code row}'s process. {@code pid} is the PID column (-1 when not exported);
     * {@code processStart} says whether the row is a "Process Start".
     */
    int resolve(ExportRow row, int pid, boolean processStart) throws BadRowException {
        IntObjectHashMap<Instance> instances = byPid;
        int id = pid;
        if (pid < 0) {
            instances = byNameWithoutPid;
            id = row.has(ProcmonColumn.PROCESS_NAME)
                    ? strings.intern(row.chars(), row.start(ProcmonColumn.PROCESS_NAME), row.length(ProcmonColumn.PROCESS_NAME))
                    : 0;
        }
        Instance current = instances.get(id);
        if (current != null && !processStart && !current.replaced && sameProcess(current, row)) {
            return current.key;
        }
        ProcessInfo info = describe(row, pid);
        Instance next = new Instance(builder.addProcess(info), info);
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

    private boolean sameProcess(Instance p, ExportRow row) throws BadRowException {
        return same(p.name, row, ProcmonColumn.PROCESS_NAME)
                && same(p.imagePath, row, ProcmonColumn.IMAGE_PATH)
                && same(p.commandLine, row, ProcmonColumn.COMMAND_LINE)
                && same(p.authenticationId, row, ProcmonColumn.AUTHENTICATION_ID)
                && (!row.has(ProcmonColumn.PARENT_PID) || p.parentPid == ExportValues.optionalInt(row, ProcmonColumn.PARENT_PID));
    }

    private static boolean same(char[] known, ExportRow row, ProcmonColumn column) {
        int n = row.length(column);
        int start = row.start(column);
        return n < 0 || Arrays.equals(known, 0, known.length, row.chars(), start, start + n);
    }

    private ProcessInfo describe(ExportRow row, int pid) throws BadRowException {
        String architecture = text(row, ProcmonColumn.ARCHITECTURE);
        Boolean is64bit = architecture == null ? null
                : architecture.startsWith("64") ? Boolean.TRUE
                : architecture.startsWith("32") ? Boolean.FALSE : null;
        String virtualized = text(row, ProcmonColumn.VIRTUALIZED);
        Boolean isVirtualized = "True".equals(virtualized) ? Boolean.TRUE
                : "False".equals(virtualized) ? Boolean.FALSE : null;
        return new ProcessInfo(pid, ExportValues.optionalInt(row, ProcmonColumn.PARENT_PID),
                nonNull(text(row, ProcmonColumn.PROCESS_NAME)), text(row, ProcmonColumn.IMAGE_PATH),
                text(row, ProcmonColumn.COMMAND_LINE), text(row, ProcmonColumn.COMPANY),
                text(row, ProcmonColumn.DESCRIPTION), text(row, ProcmonColumn.VERSION),
                text(row, ProcmonColumn.USER), text(row, ProcmonColumn.AUTHENTICATION_ID),
                ExportValues.optionalInt(row, ProcmonColumn.SESSION), text(row, ProcmonColumn.INTEGRITY),
                is64bit, isVirtualized, ProcessInfo.UNKNOWN_TIME, ProcessInfo.UNKNOWN_TIME, List.of());
    }

    /** The pooled text of {@code column}, null when it is not exported. */
    private String text(ExportRow row, ProcmonColumn column) {
        int n = row.length(column);
        return n < 0 ? null : strings.get(strings.intern(row.chars(), row.start(column), n));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
