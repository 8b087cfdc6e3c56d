package io.lockscope.generate;

import java.nio.file.Path;

/**
 * A case written by {@link CaseGenerator}.
 *
 * @param directory where its files are
 * @param events    the number of events in each trace written
 */
public record GeneratedCase(ScenarioFacts facts, Path directory, long events) {
}
