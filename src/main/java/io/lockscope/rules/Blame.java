package io.lockscope.rules;

import io.lockscope.analysis.FailureFacts;
import io.lockscope.analysis.Hold;

/**
 * What a finding says blocked the update, strong enough to become the verdict.
 *
 * @param failure the failure it explains
 * @param holder  the process's hold (lock-holder), or null
 * @param driver  the filter driver (filter-interference, or the holder's own filter), or null
 */
public record Blame(VerdictKind kind, Confidence confidence, FailureFacts failure, Hold holder,
                    FailureFacts.StackDriver driver) {
}
