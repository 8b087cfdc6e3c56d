package io.lockscope.report.model;

import java.util.List;

/** One failed operation on a target, with who had the file open and which filters were involved. */
public record Failure(Report.Time t, String process, int pid, String operation, String path, String result,
                      String ntstatus, Requested requested, List<Holder> holders, List<Holder> ruledOut,
                      List<FilterDriver> filterDrivers, List<Report.Evidence> evidence) {

    public record Requested(String access, String shareMode) {
    }

    /**
     * @param closedAt null while still open at the failure (and to the end of the capture)
     * @param conflict why this holder blocks ("holder does not share Delete"), or for a ruled-out
     *                 holder why it does not ("shares Read, Write, Delete", "closed before the failure")
     * @param how      what keeps the file in use: "handle", "mapped image", "byte-range lock", "pending delete"
     */
    public record Holder(String process, int pid, Report.Time openedAt, Report.Time closedAt, String access,
                         String shareMode, String conflict, String how, boolean pairingInferred,
                         List<Report.Evidence> evidence) {
    }

    /**
     * @param evidence "stack" (in the failing event's stack: the driver issued that I/O), "stack-nested" (in
     *                 I/O it issued from the failing thread just before the failure), "stack-other" (in other
     *                 events on the target), "filter-callback" (its minifilter callback failed the failing I/O:
     *                 ETW FltIo)
     * @param frames   its frames in that stack as module+offset ("tmevtmgr.sys+0x1a2f0"); empty for a callback
     */
    public record FilterDriver(String driver, String altitude, String group, String vendor, String evidence,
                               List<String> frames) {
        public FilterDriver {
            frames = List.copyOf(frames);
        }
    }
}
