package io.lockscope.model.servicing;

import java.time.LocalDateTime;

/**
 * One INF's result in CBS's driver operations queue ("Doqe"): {@code INSTALL index: 194, phase: 2,
 * result 13, inf: mshdc.inf} prints the Win32 code in decimal; {@code Doqe: Recording result:
 * 0x8007000d, for Inf: mshdc.inf} prints the HRESULT (servicing.md §2.1).
 *
 * @param hresult     the result as an HRESULT (a decimal Win32 result wrapped by HRESULT_FROM_WIN32)
 * @param win32Result the Win32 code, null when the HRESULT is not a wrapped Win32 code
 * @param index       the queue index, null when the line does not give it
 * @param queuePhase  the queue's own phase number, null when not given
 */
public record DriverOperationResult(String inf, int hresult, Integer win32Result, Integer index, Integer queuePhase,
                                    ServicingPhase phase, long line, LocalDateTime time) {

    /** From {@code INSTALL index: …, result <win32>, …}. */
    public static DriverOperationResult ofWin32(String inf, int win32, Integer index, Integer queuePhase,
                                                ServicingPhase phase, long line, LocalDateTime time) {
        return new DriverOperationResult(inf, HResults.fromWin32(win32), win32, index, queuePhase, phase, line, time);
    }

    /** From {@code Doqe: Recording result: <hresult>, for Inf: …}. */
    public static DriverOperationResult ofHresult(String inf, int hresult, ServicingPhase phase, long line,
                                                  LocalDateTime time) {
        return new DriverOperationResult(inf, hresult, HResults.toWin32(hresult), null, null, phase, line, time);
    }

    public boolean failed() {
        return hresult != 0;
    }
}
