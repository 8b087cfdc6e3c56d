package io.lockscope.model.servicing;

import java.time.LocalDateTime;

/**
 * A CBS client session ({@code Session: <id> initialized by client <client>} … {@code Session: <id>
 * finalized. Reboot required: yes [HRESULT = …]}).
 *
 * @param rebootRequired null until the session is finalized
 * @param hresult        the finalize HRESULT, null until finalized or when not printed
 */
public record CbsSession(String id, String client, LocalDateTime initialized, long line, Boolean rebootRequired,
                         Integer hresult) {
}
