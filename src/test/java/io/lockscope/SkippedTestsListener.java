package io.lockscope;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Prints each skipped test and why into the build output: surefire counts skips but keeps their reasons
 * (a missing {@code ../shared/corpus}, no wine, no {@code script}) in its XML reports, where nobody reads
 * them, and a test that never runs should not look like one that passed.
 */
public final class SkippedTestsListener implements TestExecutionListener {
    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        print(test, reason);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        // an assumption that does not hold aborts the test: it is skipped, not failed
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            print(test, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
        }
    }

    /** "ScenarioVerdictTest.csvExport [20] CBS_ONLY: Assumption failed: CBS_ONLY needs its logs". */
    private static void print(TestIdentifier test, String reason) {
        String name = test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(m -> m.getJavaClass().getSimpleName() + "." + m.getMethodName()
                        + (test.getDisplayName().startsWith(m.getMethodName() + "(") ? "" : " " + test.getDisplayName()))
                .orElse(test.getLegacyReportingName());
        System.out.println("[SKIPPED] " + name + ": " + reason);
    }
}
