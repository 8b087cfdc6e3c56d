package io.lockscope.spark;

import io.lockscope.batch.CaseSummary;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * In {@code local[2,4]} (two threads, four tries per task) over an output whose file system fails
 * each case's first attempt midway through its upload: every case is retried, and each case's folder
 * holds exactly one attempt's files; the summary still equals batch's.
 */
class SparkRetryTest {
    @TempDir
    static Path dir;

    @Test
    void aRetriedTaskNeverWritesItsCaseTwice() throws Exception {
        Path cases = dir.resolve("cases");
        List<Path> inputs = TestCases.generateFew(cases);
        List<CSVRecord> batchRows = BatchBaseline.run(inputs, dir.resolve("batch"));
        SparkSession spark = SparkSession.builder().master("local[2,4]").appName("SparkRetryTest")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.hadoop.fs.flaky.impl", FlakyFileSystem.class.getName()).getOrCreate();
        List<CaseSummary> finished = new ArrayList<>();
        Path out = dir.resolve("spark");
        try {
            SparkBatch.run(spark, List.of(cases.toUri().toString()), "flaky://" + out,
                    SparkBatchTest.SETTINGS, (done, total, row, kept) -> finished.add(row));
        } finally {
            spark.stop();
        }
        assertEquals(inputs.size(), FlakyFileSystem.FAILED.size(), "every case's first attempt failed");
        assertEquals(inputs.size(), finished.size(), "one result per case, though each case ran twice");
        BatchBaseline.assertSameRows(batchRows, out);
        for (CSVRecord row : BatchBaseline.csv(out.resolve("summary.csv"))) {
            Set<String> expected = new TreeSet<>(Set.of("case.json"));
            if (row.get("status").equals("ok")) {
                expected.add("report.json");
            }
            try (Stream<Path> files = Files.list(out.resolve("cases").resolve(row.get("id")))) {
                assertEquals(expected, files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new)),
                        row.get("case"));
            }
        }
        assertFalse(Files.exists(out.resolve(JobOutput.STAGING)), "the failed attempts' partial folders are removed");
    }
}
