package io.lockscope.model.servicing;

import java.time.LocalDateTime;

/**
 * One log line worth showing next to a trace's timeline: a failure, a rollback, a phase change.
 *
 * @param input the log as the user named it (the report maps it to its index in {@code inputs})
 * @param line  1-based line number in that log
 * @param time  the log's own local time, null when the line has none
 */
public record ServicingEvent(ServicingSource source, String input, long line, LocalDateTime time, String text) {
}
