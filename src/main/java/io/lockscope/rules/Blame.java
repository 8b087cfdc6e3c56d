package io.lockscope.rules;

import io.lockscope.analysis.FailureFacts;
import io.lockscope.analysis.Hold;

/**
 * What a finding says blocked the update, strong enough to become the verdict.
 *
 * @param mechanism  how the blocker blocked; null when the blame names no blocker (registry-failure)
 * @param confidence how sure the finding is, and {@code reason} why (its proof's weakest link)
 * @param failure    the failure it explains
 * @param holder     the process's hold (lock-holder), or null
 * @param driver     the filter driver (filter-interference, or the holder's own filter), or null
 */
public record Blame(VerdictKind kind, Mechanism mechanism, Confidence confidence, ConfidenceReason reason,
                    FailureFacts failure, Hold holder, FailureFacts.StackDriver driver) {

    /** Whether the blame names a process or a driver that blocked (not only a failure). */
    public boolean namesBlocker() {
        return holder != null || driver != null;
    }
}
