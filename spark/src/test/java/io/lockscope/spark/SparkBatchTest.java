package io.lockscope.spark;

import io.lockscope.batch.CaseSummary;
import io.lockscope.cli.Main;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
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
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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
    /** The columns compared: all of summary.csv but the times and the report link (batch writes html too). */
    private static final List<String> COMPARED = List.of("case", "id", "status", "verdict", "confidence", "culprit",
            "vendor", "driver", "failing_inf", "hresult", "inputs", "warnings");
    private static final JobSettings SETTINGS = new JobSettings(List.of("json"), List.of(), "en", null, 8L << 30);

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
        List<String> args = new ArrayList<>(List.of("batch", "-o", dir.resolve("batch").toString(), "--jobs", "2",
                "--format-per-case", "json", "-q"));
        inputs.forEach(p -> args.add(p.toString()));
        StringWriter err = new StringWriter();
        int exit = Main.run(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(Main.BAD_INPUT, exit, "the broken zip makes batch's exit code 1: " + err);
        batchRows = csv(dir.resolve("batch/summary.csv"));
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

        List<CSVRecord> sparkRows = csv(out.resolve("summary.csv"));
        assertEquals(batchRows.size(), sparkRows.size());
        assertEquals(inputs.size(), sparkRows.size());
        for (int i = 0; i < batchRows.size(); i++) {
            CSVRecord b = batchRows.get(i);
            CSVRecord s = sparkRows.get(i);
            for (String column : COMPARED) {
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
        assertEquals(sparkRows.stream().filter(r -> r.get("case").equals("lock-holder")).findFirst().orElseThrow()
                .get("culprit"), parquet.stream().filter(r -> r.getAs("case").equals("lock-holder")).findFirst()
                .orElseThrow().getAs("culprit"));

        for (SummaryTables.View view : SummaryTables.VIEWS) {
            List<CSVRecord> rows = csv(out.resolve("views/" + view.name() + ".csv"));
            assertFalse(rows.isEmpty(), view.name());
        }
        List<CSVRecord> verdicts = csv(out.resolve("views/verdicts_by_inf_and_hresult.csv"));
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
        assertRowsEqualBatch(out);
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
        assertRowsEqualBatch(out);
    }

    private static void assertRowsEqualBatch(Path out) throws IOException {
        List<CSVRecord> sparkRows = csv(out.resolve("summary.csv"));
        assertEquals(batchRows.size(), sparkRows.size());
        for (int i = 0; i < batchRows.size(); i++) {
            for (String column : COMPARED) {
                assertEquals(batchRows.get(i).get(column), sparkRows.get(i).get(column), column);
            }
        }
    }

    static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
            return csv.getRecords();
        }
    }
}
