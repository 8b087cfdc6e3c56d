package io.lockscope.spark;

import io.lockscope.batch.CaseSummary;
import io.lockscope.batch.SummaryFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;

/**
 * {@code summary.parquet} and the cross-case views. The parquet table has one row per case: the
 * columns of summary.csv, then from the case's report.json (docs/report-json.md) every culprit (an
 * array of structs), every filter, and the servicing fields. The views are Spark SQL queries over it,
 * each written as {@code views/<name>.csv}: what a team asks of a month of uploads. They are
 * aggregates, small whatever the number of cases, so the driver writes each as one CSV file, quoted
 * like summary.csv.
 */
final class SummaryTables {
    static final String PARQUET = "summary.parquet";

    /** summary.csv's columns (message and link included), and where the case came from. */
    static final StructType ROWS = new StructType(new StructField[] {
            text("id", false), text("case", false), text("input", false), text("status", false),
            text("verdict", true), text("confidence", true), text("culprit", true), text("vendor", true),
            text("driver", true), text("failing_inf", true), text("hresult", true),
            DataTypes.createStructField("inputs", DataTypes.IntegerType, false),
            DataTypes.createStructField("warnings", DataTypes.IntegerType, false),
            DataTypes.createStructField("seconds", DataTypes.DoubleType, false),
            text("message", true), text("report", true)});

    /** The fields of report.json the table carries; a field a report lacks is null. */
    static final StructType REPORT = StructType.fromDDL("""
            verdict STRUCT<confidenceReason: STRING, culprits: ARRAY<STRUCT<process: STRING, pid: INT,
                imagePath: STRING, company: STRING, vendor: STRING, product: STRING, driver: STRING,
                altitude: STRING, mechanism: STRING, confidence: STRING, advice: STRING>>>,
            servicing STRUCT<hresultName: STRING, phase: STRING, rollback: BOOLEAN, failureSource: STRING,
                packages: ARRAY<STRING>, driverUpdateOrder: ARRAY<STRING>, failingInfIsFirstChanged: BOOLEAN>,
            filters ARRAY<STRUCT<name: STRING, altitude: STRING, `group`: STRING, vendor: STRING, instances: INT,
                thirdParty: BOOLEAN, source: STRING>>""");

    /** @param sql a query over the table {@code cases} (summary.parquet's columns) */
    record View(String name, String sql) {
    }

    static final List<View> VIEWS = List.of(
            new View("culprits_by_vendor", """
                    SELECT c.vendor, c.product, c.driver, c.process, count(*) AS cases
                    FROM cases LATERAL VIEW explode(culprits) AS c
                    GROUP BY c.vendor, c.product, c.driver, c.process
                    ORDER BY cases DESC, c.vendor, c.product, c.driver, c.process"""),
            new View("verdicts_by_inf_and_hresult", """
                    SELECT failing_inf, hresult, verdict, count(*) AS cases
                    FROM cases WHERE status = 'ok'
                    GROUP BY failing_inf, hresult, verdict
                    ORDER BY cases DESC, failing_inf, hresult, verdict"""),
            new View("cases_per_top_culprit", """
                    SELECT coalesce(c.process, c.driver) AS culprit, count(*) AS cases,
                           array_join(slice(sort_array(collect_list(id)), 1, 10), ' ') AS first_cases
                    FROM cases LATERAL VIEW explode(culprits) AS c
                    GROUP BY coalesce(c.process, c.driver)
                    ORDER BY cases DESC, culprit
                    LIMIT 100"""));

    private SummaryTables() {
    }

    static void write(SparkSession spark, List<CaseSummary> rows, JobOutput out, Configuration conf) throws IOException {
        Dataset<Row> summary = spark.createDataFrame(rows.stream().map(SummaryTables::row).toList(), ROWS);
        String[] jsonReports = rows.stream().flatMap(r -> r.reports().stream()).filter(r -> r.endsWith(".json"))
                .map(r -> out.file(r).toString()).toArray(String[]::new);
        Dataset<Row> reports = jsonReports.length == 0 ? spark.createDataFrame(List.of(), REPORT)
                .withColumn("_file", lit(null).cast("string"))
                : spark.read().schema(REPORT).option("multiLine", true).json(jsonReports)
                .withColumn("_file", col("_metadata.file_path"));
        Dataset<Row> details = reports.select(
                regexp_extract(col("_file"), "/cases/([^/]+)/report\\.json$", 1).as("report_of"),
                col("verdict.confidenceReason").as("confidence_reason"), col("verdict.culprits").as("culprits"),
                col("filters"), col("servicing.hresultName").as("hresult_name"),
                col("servicing.phase").as("servicing_phase"), col("servicing.rollback").as("rollback"),
                col("servicing.failureSource").as("failure_source"), col("servicing.packages").as("packages"),
                col("servicing.driverUpdateOrder").as("driver_update_order"),
                col("servicing.failingInfIsFirstChanged").as("failing_inf_is_first_changed"));
        Dataset<Row> cases = summary.join(details, summary.col("id").equalTo(details.col("report_of")), "left")
                .drop("report_of");
        String parquet = out.file(PARQUET).toString();
        cases.coalesce(1).write().mode(SaveMode.Overwrite).parquet(parquet);
        spark.read().parquet(parquet).createOrReplaceTempView("cases");
        for (View view : VIEWS) {
            Dataset<Row> result = spark.sql(view.sql());
            try (Writer w = out.writer("views/" + view.name() + ".csv", conf)) {
                SummaryFiles.csvLine(w, Arrays.asList(result.columns()));
                for (Row r : result.collectAsList()) {
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < r.length(); i++) {
                        cells.add(r.isNullAt(i) ? "" : String.valueOf(r.get(i)));
                    }
                    SummaryFiles.csvLine(w, cells);
                }
            }
        }
    }

    private static Row row(CaseSummary r) {
        return RowFactory.create(r.id(), r.name(), r.input(), r.status(), r.verdict(), r.confidence(), r.culprit(),
                r.vendor(), r.driver(), r.failingInf(), r.hresult(), r.inputs(), r.warnings(), r.seconds(), r.message(),
                r.mainReport());
    }

    private static StructField text(String name, boolean nullable) {
        return DataTypes.createStructField(name, DataTypes.StringType, nullable);
    }
}
