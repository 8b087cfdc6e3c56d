package io.lockscope.batch;

import io.lockscope.ingest.BadInputException;
import io.lockscope.report.render.ReportRenderer;
import io.lockscope.report.render.Renderers;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Analyses many cases, each into {@code OUTDIR/cases/<id>/} (one report per format and a
 * {@link CaseRecord}), then writes the batch summary ({@link SummaryFiles}, {@link IndexPage}).
 *
 * <p>Cases run on a pool of {@code jobs} threads and each task reads, analyses, writes and drops its
 * case, so at most {@code jobs} cases are in memory at once. A case that fails becomes an error row;
 * nothing else stops. With {@code resume}, a case whose {@link InputHash} matches its stored record
 * (same lockscope version, same formats, report files present) is not analysed again.
 */
public final class BatchRunner {
    /** Told of each finished case, from the worker threads (calls are serialised). */
    public interface Listener {
        /** @param done cases finished so far, this one included; {@code kept}: not analysed (--resume) */
        void finished(int done, int total, CaseSummary row, boolean kept);
    }

    /**
     * @param outDir  the batch's output folder (created)
     * @param jobs    cases analysed at once
     * @param resume  skip cases whose inputs are unchanged since their stored record
     * @param formats the per-case report formats (Renderers names)
     */
    public record Options(Path outDir, int jobs, boolean resume, List<String> formats) {
        public Options {
            if (jobs < 1) {
                throw new IllegalArgumentException("jobs must be at least 1, not " + jobs);
            }
            formats = List.copyOf(formats);
            formats.forEach(Renderers::forFormat); // an unknown name fails here, before any case runs
        }
    }

    /**
     * @param rows     one per case, in input order
     * @param analysed cases analysed in this run
     * @param kept     cases skipped by --resume
     */
    public record Result(List<CaseSummary> rows, int analysed, int kept) {
    }

    private final CaseAnalyzer analyzer;
    private final Options options;

    public BatchRunner(CaseAnalyzer analyzer, Options options) {
        this.analyzer = analyzer;
        this.options = options;
    }

    public Result run(List<BatchCase> cases, Listener listener) throws IOException, InterruptedException {
        Files.createDirectories(options.outDir().resolve("cases"));
        ExecutorService pool = Executors.newFixedThreadPool(options.jobs(), r -> {
            Thread t = new Thread(r, "lockscope-batch");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        AtomicInteger kept = new AtomicInteger();
        List<Future<CaseSummary>> futures = new ArrayList<>();
        try {
            for (BatchCase c : cases) {
                futures.add(pool.submit(() -> {
                    Outcome outcome = runCase(c);
                    if (outcome.kept()) {
                        kept.incrementAndGet();
                    }
                    synchronized (listener) {
                        listener.finished(done.incrementAndGet(), cases.size(), outcome.row(), outcome.kept());
                    }
                    return outcome.row();
                }));
            }
            List<CaseSummary> rows = new ArrayList<>();
            for (Future<CaseSummary> f : futures) {
                rows.add(f.get());
            }
            Result result = new Result(rows, cases.size() - kept.get(), kept.get());
            SummaryFiles.write(options.outDir(), analyzer.toolVersion(), result);
            IndexPage.write(options.outDir(), result);
            return result;
        } catch (ExecutionException e) {
            // runCase turns every failure of a case into a row; reaching here is a bug
            throw new IllegalStateException("a batch task failed outside its case", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private record Outcome(CaseSummary row, boolean kept) {
    }

    private Outcome runCase(BatchCase c) throws IOException {
        Path caseDir = Files.createDirectories(options.outDir().resolve("cases").resolve(c.id()));
        long start = System.nanoTime();
        if (!Files.exists(c.input())) {
            return new Outcome(CaseSummary.error(c, CaseSummary.BAD_INPUT, c.input() + ": no such file or folder",
                    seconds(start)), false);
        }
        String hash;
        try {
            hash = InputHash.of(c.input());
        } catch (IOException e) {
            return new Outcome(CaseSummary.error(c, CaseSummary.BAD_INPUT, c.input() + ": cannot be read: " + e,
                    seconds(start)), false);
        }
        if (options.resume()) {
            CaseRecord stored = CaseRecord.read(caseDir);
            if (stored != null && stored.inputHash().equals(hash) && stored.toolVersion().equals(analyzer.toolVersion())
                    && stored.formats().equals(options.formats()) && reportsExist(stored.row())) {
                return new Outcome(stored.row().kept(c), true);
            }
        }
        Files.deleteIfExists(caseDir.resolve(CaseRecord.FILE));
        CaseSummary row;
        try {
            CaseAnalyzer.Result result = analyzer.analyze(List.of(c.input()));
            List<String> reports = new ArrayList<>();
            for (String format : options.formats()) {
                ReportRenderer renderer = Renderers.forFormat(format);
                Path file = caseDir.resolve("report." + renderer.fileExtension());
                try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    renderer.render(result.report(), w);
                }
                reports.add(options.outDir().relativize(file).toString().replace('\\', '/'));
            }
            row = CaseSummary.of(c, result, seconds(start), reports);
        } catch (BadInputException e) {
            row = CaseSummary.error(c, CaseSummary.BAD_INPUT, e.getMessage(), seconds(start));
        } catch (IOException e) {
            row = CaseSummary.error(c, CaseSummary.BAD_INPUT, c.input() + ": " + e.getClass().getSimpleName() + ": "
                    + e.getMessage(), seconds(start));
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            // one case's failure must not end the batch; its memory is free again once this task unwinds
            return new Outcome(CaseSummary.error(c, CaseSummary.INTERNAL_ERROR, "internal error: " + e, seconds(start)),
                    false);
        }
        // internal errors are not recorded, so that --resume tries those cases again
        new CaseRecord(hash, analyzer.toolVersion(), options.formats(), row).write(caseDir);
        return new Outcome(row, false);
    }

    private boolean reportsExist(CaseSummary row) {
        return row.reports().stream().allMatch(r -> Files.isRegularFile(options.outDir().resolve(r)));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
