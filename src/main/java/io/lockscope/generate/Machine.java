package io.lockscope.generate;

import io.lockscope.model.Module;
import io.lockscope.model.ProcessInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * The process instances of one generated case, in process-key order. Each instance's start and end are
 * fixed up front (procmon's process table is known before the events), so the XML process list and the
 * PML process table can be written first.
 */
final class Machine {
    static final String SYSTEM_USER = "NT AUTHORITY\\SYSTEM";
    static final String SYSTEM_LOGON = "00000000:000003e7";
    static final String LOCAL_SERVICE = "NT AUTHORITY\\LOCAL SERVICE";
    static final String NETWORK_SERVICE = "NT AUTHORITY\\NETWORK SERVICE";

    private final List<Actor> actors = new ArrayList<>();
    private int nextTid = 8;

    /** Adds the System process, whose module list holds the kernel images and {@code filters}. */
    Actor addSystem(long bootTime, List<Module> filters) {
        ProcessInfo info = new ProcessInfo(4, 0, "System", "System", "", "", "", "", SYSTEM_USER, SYSTEM_LOGON, 0,
                "System", true, false, bootTime, ProcessInfo.UNKNOWN_TIME, Images.kernelModules(filters));
        return add(info, 6, null);
    }

    /**
     * Adds a user process instance.
     *
     * @param end    {@link ProcessInfo#UNKNOWN_TIME} when it runs past the capture
     * @param filter a minifilter whose frames its file I/O carries (an agent and its own filter), or null
     */
    Actor addProcess(Program program, int pid, int parentPid, long start, long end, Module filter) {
        String user = program.user() == null ? SYSTEM_USER : program.user();
        String logon = user.equals(LOCAL_SERVICE) ? "00000000:000003e5"
                : user.equals(NETWORK_SERVICE) ? "00000000:000003e4" : SYSTEM_LOGON;
        List<Module> modules = Images.userModules(program.imagePath(), program.company(), program.description(),
                program.version(), program.wow64(), program.extraDlls());
        ProcessInfo info = new ProcessInfo(pid, parentPid, program.name(), program.imagePath(), program.commandLine(),
                program.company(), program.description(), program.version(), user, logon, 0, "System",
                !program.wow64(), false, start, end, modules);
        return add(info, program.threads(), filter);
    }

    private Actor add(ProcessInfo info, int threads, Module filter) {
        int[] tids = new int[threads];
        for (int i = 0; i < threads; i++) {
            nextTid += 4 + (i % 3) * 4;
            tids[i] = nextTid;
        }
        Actor a = new Actor(actors.size(), info, tids, filter);
        actors.add(a);
        return a;
    }

    List<Actor> actors() {
        return actors;
    }

    List<ProcessInfo> processes() {
        List<ProcessInfo> out = new ArrayList<>(actors.size());
        actors.forEach(a -> out.add(a.info));
        return out;
    }

    /**
     * What a program is, independent of its instance.
     *
     * @param user null for SYSTEM
     */
    record Program(String name, String imagePath, String commandLine, String company, String description,
                   String version, String user, boolean wow64, int threads, List<String> extraDlls) {

        static Program windows(String name, String imagePath, String commandLine, String description, String user) {
            return new Program(name, imagePath, commandLine, Images.MICROSOFT, description, Images.OS_VERSION, user,
                    false, 4, List.of());
        }
    }
}
