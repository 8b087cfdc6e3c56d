package io.lockscope.model.servicing;

import java.time.LocalDateTime;
import java.util.List;

/**
 * {@code Setting ExecuteState key to: CbsExecuteStateStageDrivers | CbsExecuteStateFlagRollback | …}
 * split into the state and its flags (servicing.md §1.2).
 */
public record ExecuteStateChange(LocalDateTime time, long line, ServicingPhase phase, String state,
                                 List<String> flags) {
    public ExecuteStateChange {
        flags = List.copyOf(flags);
    }

    public boolean isRollback() {
        return flags.contains("CbsExecuteStateFlagRollback");
    }
}
