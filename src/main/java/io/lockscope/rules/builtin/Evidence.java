package io.lockscope.rules.builtin;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.FailureFacts;
import io.lockscope.analysis.Hold;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StackTable;
import io.lockscope.model.Trace;

import java.util.List;
import java.util.Locale;

/** Evidence lookups several rules share. */
final class Evidence {
    private Evidence() {
    }

    /**
     * The filter driver that goes with a holder: a third-party driver seen on the target whose vendor
     * is the holder's (ntrtscan.exe ↔ tmevtmgr.sys, both Trend Micro), else the third-party driver in
     * the stack of the holder's own open. Null when neither is seen.
     */
    static FailureFacts.StackDriver holderDriver(CaseFacts facts, FailureFacts failure, Hold hold) {
        Trace trace = facts.trace(failure.input());
        ProcessInfo holder = trace.processes().get(hold.processKey());
        var vendor = facts.attribution().vendorOf(holder);
        if (vendor != null) {
            for (FailureFacts.StackDriver d : failure.drivers()) {
                if (d.known() != null && vendor.vendor().equalsIgnoreCase(d.known().vendor())) {
                    return d;
                }
            }
        }
        int stack = trace.events().stackId(hold.startEvent());
        if (stack == StackTable.NONE) {
            return null;
        }
        for (StackTable.Frame frame : trace.stacks().frames(stack)) {
            String file = frame.moduleFileName();
            if (frame.kernel() && file != null && file.toLowerCase(Locale.ROOT).endsWith(".sys")
                    && !facts.attribution().isMicrosoft(file, null)) {
                return new FailureFacts.StackDriver(file, facts.attribution().driver(file), FailureFacts.Seen.OTHER_IO,
                        hold.startEvent(), List.of(file + "+0x" + Long.toHexString(frame.offset())));
            }
        }
        return null;
    }
}
