package io.lockscope.report.model;

import java.util.List;

/** The access sequence of the target files and registry keys inside the servicing window. */
public record Sequences(List<PathSequence> files, List<PathSequence> registry) {

    /** @param path a file path or a registry key */
    public record PathSequence(String path, List<Event> events) {
    }

    public record Event(Report.Time t, String process, int pid, String operation, String result, String detail,
                        int input, long index) {
    }
}
