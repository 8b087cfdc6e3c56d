package io.lockscope.spark;

import io.lockscope.batch.BatchCase;
import io.lockscope.batch.BatchRunner;
import io.lockscope.batch.CaseSummary;
import io.lockscope.batch.IndexPage;
import io.lockscope.batch.SummaryFiles;
import io.lockscope.cli.BuildVersion;
import io.lockscope.ingest.archive.ArchiveLimits;
import io.lockscope.report.render.Renderers;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import scala.Function2;
import scala.collection.Iterator;
import scala.reflect.ClassTag$;
import scala.runtime.BoxedUnit;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code lockscope batch} as a Spark job: one task per case, batch's case analysis in each
 * ({@link CaseTask}), the outputs of {@code batch} plus {@code summary.parquet} and Spark SQL views
 * ({@link SummaryTables}).
 *
 * <p>The driver lists the cases ({@link CaseSources}) and runs one job with a partition per case. As
 * each task's result arrives, a committer thread moves the task's staged folder into place and prints
 * the case's progress line, so the scheduler's thread never waits on the file system and a job killed
 * midway leaves every finished case committed for the next run to keep.
 */
@Command(name = "lockscope-spark", mixinStandardHelpOptions = true, versionProvider = SparkBatch.Version.class,
        description = {
                "Analyse many cases on Apache Spark: each case (a folder or an archive) is one task.",
                "Writes OUTPUT/cases/<case>/report.json (and report.html with --format-per-case json,html),",
                "OUTPUT/summary.parquet, summary.csv, summary.json, index.html and views/*.csv.",
                "A case that fails becomes an error row. Cases whose inputs are unchanged since a run",
                "into the same OUTPUT are not analysed again.",
                "Exit code: 0 when every case produced a report, 1 when a case was bad input,",
                "3 when a case hit an internal error or the job failed.",
                "",
                "Examples:",
                "  java -jar spark/target/lockscope-spark.jar --master 'local[*]' --input traces --output out/",
                "  spark-submit --class io.lockscope.spark.SparkBatch lockscope-spark.jar \\",
                "      --input 'hdfs:///uploads/2026-11/*.zip' --output hdfs:///lockscope/2026-11"})
public final class SparkBatch implements java.util.concurrent.Callable<Integer> {
    /** Told of each finished case on the driver, once it is committed (calls come from one thread). */
    interface Listener {
        void finished(int done, int total, CaseSummary row, boolean kept);
    }

    @Option(names = "--input", paramLabel = "URI", required = true, split = ",",
            description = "Cases: a folder of case folders and archives, a glob, an archive, or a text file listing "
                    + "case URIs. On any Hadoop file system (file:, hdfs:, s3a: with its jars). Repeatable.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--output", paramLabel = "URI", required = true, description = "Output folder (created).")
    String output;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master; default: spark-submit's, else local[*].")
    String master;

    @Option(names = "--format-per-case", paramLabel = "LIST", split = ",", defaultValue = "json",
            description = "Report formats written per case: json, html, md, text (default: ${DEFAULT-VALUE}). "
                    + "report.json is always written: summary.parquet takes culprits, filters and servicing from it.")
    List<String> formats = new ArrayList<>();

    @Option(names = "--target", paramLabel = "NAME|GLOB",
            description = "Target for every case (default: each case's failing INF).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--lang", defaultValue = "en", description = "en or zh-CN (default: ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--tz", paramLabel = "±HH:MM", description = "UTC offset of inputs in local time.")
    ZoneOffset zone;

    @Option(names = "--max-expanded", paramLabel = "SIZE", defaultValue = "8g",
            description = "Most bytes one case's archives may expand to, e.g. 512m, 8g (default: ${DEFAULT-VALUE}).")
    String maxExpanded;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr (errors still are).")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new SparkBatch());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            String lang = ((SparkBatch) commandLine.getCommand()).lang;
            if (e instanceof IOException) {
                err.println(Messages.text(lang, "badInput", e.getMessage())); // an input that names nothing, an unwritable output
                return 1;
            }
            err.println(Messages.text(lang, "jobFailed", e)); // Spark's own failures: its log and UI say more
            return 3;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        JobSettings settings = settings();
        SparkSession.Builder builder = SparkSession.builder().appName("lockscope batch")
                .config("spark.ui.showConsoleProgress", "false");
        if (master != null) {
            builder.master(master);
        } else if (System.getProperty("spark.master") == null) {
            builder.master("local[*]");
        }
        SparkSession spark = builder.getOrCreate();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Summary summary = run(spark, inputs, output, settings, (done, total, row, kept) -> {
                if (!quiet || row.isError()) {
                    err.println(row.progressLine(done, total, kept));
                    err.flush();
                }
            });
            if (!quiet) {
                err.println(Messages.text(lang, "total", summary.rows().size(), summary.analysed(), summary.kept(),
                        output));
            }
            List<CaseSummary> rows = summary.rows();
            if (rows.stream().anyMatch(CaseSummary::failedInRun)) {
                return 3;
            }
            return rows.stream().anyMatch(CaseSummary::isError) ? 1 : 0;
        } finally {
            spark.stop();
        }
    }

    private JobSettings settings() {
        for (String f : formats) {
            if (!Renderers.FORMATS.contains(f.toLowerCase(Locale.ROOT))) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--format-per-case takes " + Renderers.FORMATS + ", not '" + f + "'");
            }
        }
        if (!lang.equals("en") && !lang.equals("zh-CN")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lang must be en or zh-CN, not '" + lang + "'");
        }
        long maxExpandedBytes;
        try {
            maxExpandedBytes = ArchiveLimits.parseSize(maxExpanded);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-expanded: " + e.getMessage());
        }
        List<String> perCase = Stream.concat(Stream.of("json"), formats.stream().map(f -> f.toLowerCase(Locale.ROOT)))
                .distinct().toList();
        return new JobSettings(perCase, targets, lang, zone, maxExpandedBytes);
    }

    /** The rows of the run, in input order, and how many cases were analysed or kept. */
    record Summary(List<CaseSummary> rows, int analysed, int kept) {
    }

    /**
     * Runs the job over the cases of {@code inputs} into {@code output}.
     *
     * @throws IOException when the inputs cannot be listed or the summary cannot be written
     * @throws org.apache.spark.SparkException (unchecked from Scala) when the job fails or is cancelled;
     *                                         the cases committed until then are kept by the next run
     */
    static Summary run(SparkSession spark, List<String> inputs, String output, JobSettings settings, Listener listener)
            throws IOException, InterruptedException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = jsc.hadoopConfiguration();
        List<BatchCase> cases = CaseSources.list(inputs, conf);
        if (cases.isEmpty()) {
            throw new IOException(Messages.text(settings.lang(), "noCases", String.join(", ", inputs)));
        }
        JobOutput out = new JobOutput(output, UUID.randomUUID().toString());
        out.fileSystem(conf).setWriteChecksum(false); // no .crc file beside each report on a local output
        out.removeStaging(conf);
        CaseTask task = new CaseTask(settings, out, new HadoopConf(conf));
        CaseTask.Result[] results = new CaseTask.Result[cases.size()];
        ExecutorService committer = Executors.newSingleThreadExecutor(r -> new Thread(r, "lockscope-commit"));
        AtomicInteger done = new AtomicInteger();
        AtomicReference<IOException> commitFailure = new AtomicReference<>();
        Consumer<Integer> commit = index -> {
            CaseTask.Result result = results[index];
            try {
                if (result.staged() != null) {
                    out.commit(cases.get(index), result.staged(), conf);
                }
                listener.finished(done.incrementAndGet(), cases.size(), result.row(), result.kept());
            } catch (IOException e) {
                commitFailure.compareAndSet(null, e);
            }
        };
        RDD<BatchCase> rdd = jsc.parallelize(cases, cases.size()).rdd();
        try {
            spark.sparkContext().runJob(rdd, (Function2<TaskContext, Iterator<BatchCase>, CaseTask.Result> & Serializable)
                            (context, partition) -> runTask(task, context, partition),
                    (Function2<Object, CaseTask.Result, BoxedUnit>) (index, result) -> {
                        results[(Integer) index] = result;
                        committer.execute(() -> commit.accept((Integer) index));
                        return BoxedUnit.UNIT;
                    },
                    ClassTag$.MODULE$.apply(CaseTask.Result.class));
        } finally {
            committer.shutdown();
            committer.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        }
        if (commitFailure.get() != null) {
            throw commitFailure.get();
        }
        out.removeStaging(conf);
        List<CaseSummary> rows = Arrays.stream(results).map(CaseTask.Result::row).toList();
        int kept = (int) Arrays.stream(results).filter(CaseTask.Result::kept).count();
        Summary summary = new Summary(rows, rows.size() - kept, kept);
        writeSummaries(spark, out, conf, summary, settings.lang());
        return summary;
    }

    private static CaseTask.Result runTask(CaseTask task, TaskContext context, Iterator<BatchCase> partition) {
        try {
            return task.run(partition.next(), context.taskAttemptId(), Path.of(SparkFiles.getRootDirectory()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the output cannot be written: Spark retries the task
        }
    }

    private static void writeSummaries(SparkSession spark, JobOutput out, Configuration conf, Summary summary,
                                       String lang) throws IOException {
        BatchRunner.Result result = new BatchRunner.Result(summary.rows(), summary.analysed(), summary.kept(), 0);
        try (Writer w = out.writer("summary.json", conf)) {
            SummaryFiles.writeJson(w, BuildVersion.current(), result);
        }
        try (Writer w = out.writer("summary.csv", conf)) {
            SummaryFiles.writeCsv(w, summary.rows());
        }
        try (Writer w = out.writer("index.html", conf)) {
            IndexPage.write(w, result, lang);
        }
        SummaryTables.write(spark, summary.rows(), out, conf);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"lockscope-spark " + BuildVersion.current()};
        }
    }
}
