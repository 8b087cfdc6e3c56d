package io.lockscope.model.servicing;

import java.time.LocalDateTime;

/**
 * One INF's result in CBS's driver operations queue ("Doqe"): {@code INSTALL index: 194, phase: 2,
 * result 13, inf: mshdc.inf} prints the Win32 code in decimal; {@code Doqe: Recording result:
 * 0x8007000d, for Inf: mshdc.inf} prints the HRESULT (servicing.md §2.1).
 *
 * @param index      the queue index, null when the line does not give it
 * @param queuePhase the queue's own phase number, null when not given
 */
public record DriverOperationResult(String inf, int win32Result, Integer index, Integer queuePhase,
                                    ServicingPhase phase, long line, LocalDateTime time) {
    public int hresult() {
        return HResults.fromWin32(win32Result);
    }

    public boolean failed() {
        return win32Result != 0;
    }
}
