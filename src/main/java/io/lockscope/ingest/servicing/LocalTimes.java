package io.lockscope.ingest.servicing;

import java.time.DateTimeException;
import java.time.LocalDateTime;

/** Building times from digits a log printed, which may be damaged (month 13, minute 62). */
final class LocalTimes {
    private LocalTimes() {
    }

    /** The time, or null when the fields do not make one. */
    static LocalDateTime of(int year, int month, int day, int hour, int minute, int second, int nanos) {
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
