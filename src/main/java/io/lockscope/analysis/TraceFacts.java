package io.lockscope.analysis;

import io.lockscope.model.Trace;

import java.util.List;

/**
 * What the analysis found in one trace of a case.
 *
 * @param input    index of the trace among the case's inputs
 * @param window   the servicing window, null when the trace shows no driver servicing
 * @param failures failed servicing operations on the targets, in trace order
 */
public record TraceFacts(int input, Trace trace, Targets targets, ServicingWindow window, List<FailureFacts> failures) {
}
