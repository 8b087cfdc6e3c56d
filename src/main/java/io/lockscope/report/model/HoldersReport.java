package io.lockscope.report.model;

import java.util.List;

/**
 * What {@code lockscope holders} says: per trace, who had the files matching {@code path} open at a
 * moment, or at each failure on them who blocked it, who was ruled out and which filters were involved.
 *
 * @param lang the language its sentences are worded in ("en", "zh-CN")
 * @param path the path glob asked about
 */
public record HoldersReport(String lang, String path, List<Input> inputs) {

    /**
     * @param at       the moment asked about, or null when the failures are shown
     * @param openAt   what was open at {@code at}
     * @param failures each failed operation on the path (without {@code at})
     */
    public record Input(String source, Report.Time at, List<Held> openAt, List<FailureHolders> failures) {
    }

    /**
     * One failed operation and its holders.
     *
     * @param requested the access and sharing asked for; null when the input does not record them
     */
    public record FailureHolders(Report.Time t, String process, int pid, String operation, String path,
                                 String result, Failure.Requested requested, List<Held> blocking,
                                 List<Held> ruledOut, List<Failure.FilterDriver> filterDrivers) {
    }

    /**
     * One process keeping a file in use.
     *
     * @param how      what keeps it: "handle", "mapped image", …, worded
     * @param access   the handle's access (null for other kinds of hold)
     * @param closedAt null while still open at the end of the capture
     * @param closeEvent the event that ended the hold, or -1
     * @param why      why it blocks the failure or was ruled out; null when listed at a moment
     */
    public record Held(String process, int pid, String how, String access, String shareMode, String path,
                       Report.Time openedAt, Report.Time closedAt, boolean pairingInferred, long openEvent,
                       long closeEvent, String why) {
    }
}
