package io.lockscope.spark;

import io.lockscope.batch.BatchCase;
import io.lockscope.batch.CaseSummary;
import io.lockscope.generate.Scenario;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CaseTask} and {@link JobOutput} without a Spark context: what a speculative copy of a task
 * does beside the original (Spark does not speculate in local mode, so the two attempts are run here
 * directly, at once), a kept case, and a case that cannot be fetched.
 */
class CaseTaskTest {
    private static final Configuration CONF = new Configuration();

    @TempDir
    static Path dir;
    private static BatchCase lockHolder;

    @BeforeAll
    static void generateCase() throws Exception {
        Path folder = TestCases.single(Scenario.LOCK_HOLDER, "csv", dir.resolve("cases/lock-holder"));
        lockHolder = BatchCase.of(List.of("lock-holder"), List.of(folder.toUri().toString())).get(0);
    }

    private static CaseTask task(JobOutput out) {
        return new CaseTask(SparkBatchTest.SETTINGS, out, new HadoopConf(CONF));
    }

    @Test
    void twoAttemptsOfOneCaseStageApartAndOnlyTheCommittedOneIsWritten() throws Exception {
        Path outDir = dir.resolve("speculative");
        JobOutput out = new JobOutput(outDir.toUri().toString(), "run-1");
        Path temp = Files.createDirectories(dir.resolve("executor-temp"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CaseTask.Result original;
        CaseTask.Result speculative;
        try {
            Future<CaseTask.Result> first = pool.submit(() -> task(out).run(lockHolder, 7, temp));
            Future<CaseTask.Result> second = pool.submit(() -> task(out).run(lockHolder, 8, temp));
            original = first.get();
            speculative = second.get();
        } finally {
            pool.shutdownNow();
        }
        assertNotNull(original.staged());
        assertNotNull(speculative.staged());
        assertNotEquals(original.staged(), speculative.staged(), "each attempt stages into its own folder");
        assertEquals(original.row().verdict(), speculative.row().verdict());
        assertFalse(Files.exists(outDir.resolve(lockHolder.folder())), "no attempt writes into the case's folder");

        out.commit(lockHolder, speculative.staged(), CONF);
        try (Stream<Path> files = Files.list(outDir.resolve(lockHolder.folder()))) {
            assertEquals(List.of("case.json", "report.json"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        out.removeStaging(CONF);
        assertFalse(Files.exists(outDir.resolve(JobOutput.STAGING)), "the losing attempt's folder is gone");
        try (Stream<Path> left = Files.list(temp)) {
            assertEquals(0, left.count(), "both attempts deleted their local copies");
        }

        CaseTask.Result again = task(new JobOutput(outDir.toUri().toString(), "run-2")).run(lockHolder, 9, temp);
        assertTrue(again.kept(), "the committed case is kept by the next run");
        assertNull(again.staged(), "a kept case writes nothing");
        assertEquals(speculative.row().verdict(), again.row().verdict());
    }

    @Test
    void aCaseThatCannotBeFetchedIsAnErrorRow() throws Exception {
        String missing = dir.resolve("cases/missing.zip").toUri().toString();
        BatchCase c = BatchCase.of(List.of("missing.zip"), List.of(missing)).get(0);
        CaseTask.Result result = task(new JobOutput(dir.resolve("missing-out").toUri().toString(), "run-1"))
                .run(c, 1, Files.createDirectories(dir.resolve("temp-missing")));
        assertEquals(CaseSummary.BAD_INPUT, result.row().status());
        assertTrue(result.row().message().startsWith(missing + ": cannot be read: "), result.row().message());
        assertNull(result.staged());
    }
}
