package io.lockscope.spark;

import io.lockscope.batch.CaseSummary;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spark job in {@code local[2]} over generated cases (folders, a zip, a tar.gz, a corrupt PML, a
 * broken zip) against {@code lockscope batch} over the same cases: the same summary row for row; a
 * rerun analyses nothing; a run cancelled midway is resumed by the next one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkBatchTest {
    static final JobSettings SETTINGS = new JobSettings(List.of("json"), List.of(), "en", null, 8L << 30);

    @TempDir
    static Path dir;
    private static Path cases;
    private static List<Path> inputs;
    private static List<CSVRecord> batchRows;
    private static SparkSession spark;

    @BeforeAll
    static void generateCasesAndRunBatch() throws IOException {
        cases = dir.resolve("cases");
        inputs = TestCases.generate(cases);
        batchRows = BatchBaseline.run(inputs, dir.resolve("batch"));
        spark = SparkSession.builder().master("local[2]").appName("SparkBatchTest")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    private record Finished(CaseSummary row, boolean kept) {
    }

    private static List<Finished> run(Path out, SparkBatch.Listener also) throws IOException, InterruptedException {
        List<Finished> finished = new ArrayList<>();
        SparkBatch.run(spark, List.of(cases.toUri().toString()), out.toUri().toString(), SETTINGS,
                (done, total, row, kept) -> {
                    finished.add(new Finished(row, kept));
                    also.finished(done, total, row, kept);
                });
        return finished;
    }

    @Test
    @Order(1)
    void summaryEqualsBatchRowForRow() throws Exception {
        Path out = dir.resolve("spark");
        List<Finished> finished = run(out, (done, total, row, kept) -> { });
        assertEquals(inputs.size(), finished.size(), "one progress call per case");
        assertTrue(finished.stream().noneMatch(Finished::kept));

        List<CSVRecord> sparkRows = BatchBaseline.csv(out.resolve("summary.csv"));
        assertEquals(batchRows.size(), sparkRows.size());
        assertEquals(inputs.size(), sparkRows.size());
        for (int i = 0; i < batchRows.size(); i++) {
            CSVRecord b = batchRows.get(i);
            CSVRecord s = sparkRows.get(i);
            for (String column : BatchBaseline.COMPARED) {
                assertEquals(b.get(column), s.get(column), column + " of " + b.get("case"));
            }
            // an error message names the input as given: a path to batch, a URI to Spark
            String batchInput = cases.resolve(b.get("case")).toString();
            String sparkInput = cases.resolve(b.get("case")).toUri().toString().replaceFirst("^file:///", "file:/")
                    .replaceFirst("/$", "");
            assertEquals(b.get("message").replace(batchInput, "INPUT"), s.get("message").replace(sparkInput, "INPUT"));
        }
        Map<String, String> statusByCase = new TreeMap<>();
        sparkRows.forEach(r -> statusByCase.put(r.get("case"), r.get("status") + " " + r.get("verdict")));
        assertEquals("bad-input ", statusByCase.get("broken.zip"), statusByCase.toString());
        assertEquals("ok lock-holder", statusByCase.get("lock-holder"), statusByCase.toString());
        assertEquals("ok no-failure", statusByCase.get("clean"), statusByCase.toString());
        assertTrue(sparkRows.stream().filter(r -> r.get("status").equals("ok"))
                .allMatch(r -> Files.isRegularFile(out.resolve(r.get("report")))), "every ok row links its report");

        List<Row> parquet = spark.read().parquet(out.resolve(SummaryTables.PARQUET).toString()).orderBy("case")
                .collectAsList();
        assertEquals(sparkRows.size(), parquet.size());
        assertEquals(sparkRows.stream().map(r -> r.get("case")).sorted().toList(),
                parquet.stream().map(r -> r.<String>getAs("case")).toList());
        Row lockHolder = parquet.stream().filter(r -> r.getAs("case").equals("lock-holder")).findFirst().orElseThrow();
        assertEquals("ntrtscan.exe", lockHolder.getAs("culprit"));
        List<Row> culprits = lockHolder.getList(lockHolder.fieldIndex("culprits"));
        assertEquals("ntrtscan.exe", culprits.get(0).getAs("process"), "culprits from report.json");
        assertEquals("Apex One", culprits.get(0).getAs("product"));
        assertTrue(lockHolder.getList(lockHolder.fieldIndex("filters")).stream()
                .anyMatch(f -> "tmevtmgr".equals(((Row) f).getAs("name"))), "filters from report.json");
        assertEquals(List.of("KB5016623"), lockHolder.getList(lockHolder.fieldIndex("packages")));
        Row twoHolders = parquet.stream().filter(r -> r.getAs("case").equals("two-holders")).findFirst().orElseThrow();
        List<Row> both = twoHolders.getList(twoHolders.fieldIndex("culprits"));
        assertEquals(2, both.size(), "every culprit: " + both);
        assertEquals(both.get(0).getAs("process") + "; " + both.get(1).getAs("process"), twoHolders.getAs("culprit"),
                "the summary row names every culprit too");
        Row broken = parquet.stream().filter(r -> r.getAs("case").equals("broken.zip")).findFirst().orElseThrow();
        assertTrue(broken.isNullAt(broken.fieldIndex("culprits")), "an error row has no report");

        for (SummaryTables.View view : SummaryTables.VIEWS) {
            List<CSVRecord> rows = BatchBaseline.csv(out.resolve("views/" + view.name() + ".csv"));
            assertFalse(rows.isEmpty(), view.name());
        }
        List<CSVRecord> byVendor = BatchBaseline.csv(out.resolve("views/culprits_by_vendor.csv"));
        assertEquals("vendor,product,driver,process,cases",
                Files.readAllLines(out.resolve("views/culprits_by_vendor.csv")).get(0));
        long culpritCount = parquet.stream().filter(r -> !r.isNullAt(r.fieldIndex("culprits")))
                .mapToLong(r -> r.getList(r.fieldIndex("culprits")).size()).sum();
        assertEquals(culpritCount, byVendor.stream().mapToLong(r -> Long.parseLong(r.get("cases"))).sum(),
                "every culprit of every case counted once");
        List<CSVRecord> verdicts = BatchBaseline.csv(out.resolve("views/verdicts_by_inf_and_hresult.csv"));
        assertEquals(sparkRows.stream().filter(r -> r.get("status").equals("ok")).count(),
                verdicts.stream().mapToLong(r -> Long.parseLong(r.get("cases"))).sum(), "every ok case counted once");
        assertTrue(Files.isRegularFile(out.resolve("index.html")));
        assertFalse(Files.exists(out.resolve(JobOutput.STAGING)), "no staging folder is left");
        try (Stream<Path> s = Files.walk(out)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".crc")), "no checksum files beside reports");
        }
    }

    @Test
    @Order(2)
    void rerunAnalysesNothing() throws Exception {
        Path out = dir.resolve("spark");
        Path report = out.resolve("cases/lock-holder/report.json");
        long written = Files.getLastModifiedTime(report).toMillis();
        List<Finished> finished = run(out, (done, total, row, kept) -> { });
        assertEquals(inputs.size(), finished.size());
        assertTrue(finished.stream().allMatch(Finished::kept), "every case kept: " + finished);
        assertEquals(written, Files.getLastModifiedTime(report).toMillis(), "the report was not written again");
        BatchBaseline.assertSameRows(batchRows, out);
    }

    @Test
    @Order(3)
    void aRunKilledMidwayIsResumedByTheNextOne() throws Exception {
        Path out = dir.resolve("killed");
        int before = 2;
        assertThrows(Exception.class, () -> run(out, (done, total, row, kept) -> {
            if (done == before) {
                spark.sparkContext().cancelAllJobs();
            }
        }), "the cancelled job fails");
        List<String> committed;
        try (Stream<Path> s = Files.list(out.resolve("cases"))) {
            committed = s.filter(c -> Files.isRegularFile(c.resolve("case.json")))
                    .map(c -> c.getFileName().toString()).sorted().toList();
        }
        assertTrue(committed.size() >= before && committed.size() < inputs.size(), committed.toString());

        List<Finished> resumed = run(out, (done, total, row, kept) -> { });
        assertEquals(committed, resumed.stream().filter(Finished::kept).map(f -> f.row().id()).sorted().toList(),
                "the committed cases are kept, the others analysed");
        BatchBaseline.assertSameRows(batchRows, out);
    }
}
