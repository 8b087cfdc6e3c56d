package io.lockscope.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The processes of a trace, addressed by process key (0-based index). Read-only once built. */
public final class ProcessTable {
    private final List<ProcessInfo> processes;

    ProcessTable(List<ProcessInfo> processes) {
        this.processes = Collections.unmodifiableList(new ArrayList<>(processes));
    }

    public int size() {
        return processes.size();
    }

    public ProcessInfo get(int key) {
        return processes.get(key);
    }

    public List<ProcessInfo> all() {
        return processes;
    }

    /** The System process (PID 4), whose module list resolves kernel stack frames; null if absent. */
    public ProcessInfo system() {
        for (ProcessInfo p : processes) {
            if (p.pid() == 4) {
                return p;
            }
        }
        return null;
    }
}
