package io.lockscope.model.servicing;

import java.time.LocalDateTime;

/**
 * The first failure of one CBS processing block (online, shutdown or startup processing) and what
 * CBS said about it afterwards: the rollback, the original failure status and the WER line
 * ({@code WER: Generating failure report for package: <pkg>, status: 0x…, failure source: DOQ, …},
 * servicing.md §1.2 step 5).
 *
 * @param queue                 the queue whose processing failed, null when the log does not name it
 * @param failingInf            the INF the driver operations queue failed on, null when not a driver failure
 * @param hresultName           as CBS printed it, else from {@link HResults}; null when neither knows
 * @param originalFailureStatus from {@code Setting|Retrieved original failure status: 0x…}, null when absent
 * @param failureSource         from the WER line ({@code DOQ} = driver queue, {@code POQ}, …), null when absent
 * @param failedPackage         the package the WER line names, null when absent
 * @param line                  1-based line of the first failure line in {@code input}
 */
public record ServicingFailure(ServicingPhase phase, ServicingQueue queue, String failingInf, int hresult, String hresultName,
                               boolean rollback, Integer originalFailureStatus, String failureSource,
                               String failedPackage, String input, long line, LocalDateTime time, String text) {

    public String hresultText() {
        return HResults.format(hresult);
    }
}
