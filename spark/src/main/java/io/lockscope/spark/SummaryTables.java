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

/**
 * {@code summary.parquet} (one row per case, the columns of summary.csv) and the cross-case views,
 * each a Spark SQL query over the table {@code cases} written as {@code views/<name>.csv}: what a team
 * asks of a month of uploads. The views are aggregates, small whatever the number of cases, so the
 * driver writes each as one CSV file like summary.csv.
 */
final class SummaryTables {
    static final String PARQUET = "summary.parquet";

    static final StructType SCHEMA = new StructType(new StructField[] {
            field("id", false), field("case", false), field("input", false), field("status", false),
            field("verdict", true), field("confidence", true), field("culprit", true), field("vendor", true),
            field("driver", true), field("failing_inf", true), field("hresult", true),
            DataTypes.createStructField("inputs", DataTypes.IntegerType, false),
            DataTypes.createStructField("warnings", DataTypes.IntegerType, false),
            DataTypes.createStructField("seconds", DataTypes.DoubleType, false),
            field("message", true), field("report", true)});

    /** @param sql a query over the table {@code cases} (the columns of {@link #SCHEMA}) */
    record View(String name, String sql) {
    }

    static final List<View> VIEWS = List.of(
            new View("culprits_by_vendor", """
                    SELECT vendor, driver, culprit, count(*) AS cases
                    FROM cases WHERE culprit IS NOT NULL OR driver IS NOT NULL
                    GROUP BY vendor, driver, culprit
                    ORDER BY cases DESC, vendor, driver, culprit"""),
            new View("verdicts_by_inf_and_hresult", """
                    SELECT failing_inf, hresult, verdict, count(*) AS cases
                    FROM cases WHERE status = 'ok'
                    GROUP BY failing_inf, hresult, verdict
                    ORDER BY cases DESC, failing_inf, hresult, verdict"""),
            new View("cases_per_top_culprit", """
                    SELECT coalesce(culprit, driver) AS culprit, count(*) AS cases,
                           array_join(slice(sort_array(collect_list(id)), 1, 10), ' ') AS first_cases
                    FROM cases WHERE culprit IS NOT NULL OR driver IS NOT NULL
                    GROUP BY coalesce(culprit, driver)
                    ORDER BY cases DESC, culprit
                    LIMIT 100"""));

    private SummaryTables() {
    }

    static void write(SparkSession spark, List<CaseSummary> rows, JobOutput out, Configuration conf) throws IOException {
        Dataset<Row> cases = spark.createDataFrame(rows.stream().map(SummaryTables::row).toList(), SCHEMA);
        cases.coalesce(1).write().mode(SaveMode.Overwrite).parquet(out.file(PARQUET).toString());
        cases.createOrReplaceTempView("cases");
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

    private static StructField field(String name, boolean nullable) {
        return DataTypes.createStructField(name, DataTypes.StringType, nullable);
    }
}
