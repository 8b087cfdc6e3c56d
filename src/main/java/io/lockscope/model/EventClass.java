package io.lockscope.model;

/** Procmon's event classes (PML event header field "event class"), plus the ETW-only families. */
public enum EventClass {
    UNKNOWN("Unknown"),
    PROCESS("Process"),
    REGISTRY("Registry"),
    FILE_SYSTEM("File System"),
    PROFILING("Profiling"),
    NETWORK("Network"),
    /** ETW object-manager handle events (ObTrace); procmon has no such class. */
    HANDLE("Handle"),
    /** ETW minifilter callback events (FltIo); procmon has no such class. */
    FILTER("Filter");

    private final String procmonName;

    EventClass(String procmonName) {
        this.procmonName = procmonName;
    }

    /** The spelling of procmon's "Event Class" column. */
    public String procmonName() {
        return procmonName;
    }

    public static EventClass fromProcmonName(String name) {
        for (EventClass c : values()) {
            if (c.procmonName.equals(name)) {
                return c;
            }
        }
        return null;
    }
}
