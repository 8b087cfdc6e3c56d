package io.lockscope.model;

/**
 * A module loaded in a process (procmon's process table module list, or ETW Image events).
 *
 * @param timestamp FILETIME of the load when known, else 0
 */
public record Module(long base, long size, String path, String company, String version, String description,
                     long timestamp) {

    public boolean contains(long address) {
        return Long.compareUnsigned(address, base) >= 0 && Long.compareUnsigned(address - base, size) < 0;
    }

    /** The file name part of {@link #path()} ("FLTMGR.SYS"). */
    public String fileName() {
        return Paths.fileName(path);
    }
}
