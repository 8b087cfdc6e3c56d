package io.lockscope.model;

import java.util.List;

/**
 * One process instance. A PID can be reused during a capture; every instance gets its own key (its
 * index in the {@link ProcessTable}), so "PID 1880" at 00:00:12 and at 00:05:40 are told apart.
 *
 * @param startTime ticks in the trace's {@link TimeBase}, {@link #UNKNOWN_TIME} when not seen
 * @param endTime   ticks, {@link #UNKNOWN_TIME} while running at capture end or when not seen
 * @param is64bit   null when unknown
 */
public record ProcessInfo(int pid, int parentPid, String name, String imagePath, String commandLine,
                          String company, String description, String version, String user,
                          String authenticationId, int session, String integrity, Boolean is64bit,
                          Boolean virtualized, long startTime, long endTime, List<Module> modules) {
    public static final long UNKNOWN_TIME = Long.MIN_VALUE;

    public ProcessInfo {
        modules = modules == null ? List.of() : List.copyOf(modules);
    }

    /** A process known only by PID and name (what a default 7-column CSV gives). */
    public static ProcessInfo of(int pid, String name) {
        return new ProcessInfo(pid, -1, name, null, null, null, null, null, null, null, -1, null, null, null,
                UNKNOWN_TIME, UNKNOWN_TIME, List.of());
    }

    public ProcessInfo withTimes(long start, long end) {
        return new ProcessInfo(pid, parentPid, name, imagePath, commandLine, company, description, version, user,
                authenticationId, session, integrity, is64bit, virtualized, start, end, modules);
    }

    /** The module containing {@code address}, or null. */
    public Module moduleAt(long address) {
        for (Module m : modules) {
            if (m.contains(address)) {
                return m;
            }
        }
        return null;
    }
}
