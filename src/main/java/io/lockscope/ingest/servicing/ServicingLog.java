package io.lockscope.ingest.servicing;

import io.lockscope.ingest.InputFormat;
import io.lockscope.model.ReadReport;
import io.lockscope.model.servicing.ServicingFacts;

/**
 * One servicing input as read: what it is, how many lines it had and how many of them said something
 * the reader understood, what was skipped, and its facts.
 *
 * @param kind       the reader's {@link ServicingLogReader#kind()}
 * @param recognised lines (or records) that contributed facts or were known boilerplate
 */
public record ServicingLog(String input, InputFormat format, String kind, long lines, long recognised,
                           ReadReport report, ServicingFacts facts) {
}
