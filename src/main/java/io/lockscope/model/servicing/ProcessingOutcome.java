package io.lockscope.model.servicing;

import java.time.LocalDateTime;

/**
 * How a CBS processing block ended: {@code Startup: Processing complete. [HRESULT = 0x00000000 - S_OK]}
 * or a {@code Session: … finalized} HRESULT (servicing.md §1.2 step 4).
 */
public record ProcessingOutcome(ServicingPhase phase, int hresult, long line, LocalDateTime time) {
    public boolean succeeded() {
        return !HResults.isFailure(hresult);
    }
}
