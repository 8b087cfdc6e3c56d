package io.lockscope.batch;

import java.io.IOException;
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
 * Analyses many cases, each into {@code OUTDIR/cases/<id>/} by a {@link CaseJob} (one report per format
 * and a {@link CaseRecord}), then writes the batch summary ({@link SummaryFiles}, {@link IndexPage}).
 *
 * <p>Cases run on a pool of {@code jobs} threads and each task reads, analyses, writes and drops its
 * case, so at most {@code jobs} cases are in memory at once; one that runs out of memory beside others
 * runs again alone ({@link SharedHeap}). A case that fails becomes an error row; nothing else stops.
 * With {@code resume}, a case whose {@link InputHash} matches its stored record (same lockscope version,
 * same formats, report files present) is not analysed again.
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
        }
    }

    /**
     * @param rows     one per case, in input order
     * @param analysed cases analysed in this run
     * @param kept     cases skipped by --resume
     * @param ranAlone cases that ran out of memory beside others and were run again alone, one at a time:
     *                 what a larger heap would have let run in parallel
     */
    public record Result(List<CaseSummary> rows, int analysed, int kept, int ranAlone) {
        /** The rows of {@code status} ({@link CaseSummary#OK}, …). */
        public long count(String status) {
            return rows.stream().filter(r -> r.status().equals(status)).count();
        }
    }

    private final CaseJob job;
    private final Options options;
    private final SharedHeap heap;
    /** The message of a case that ran out of memory alone too, made while there is memory to make it. */
    private final String outOfMemoryAlone = OutOfMemory.heap() + ", also when run alone";

    /**
     * The threads each case's reading may use ({@link io.lockscope.ingest.ReadOptions#threads}): the
     * cores shared among the cases that run at once, at least one. So {@code --jobs} as many as the
     * cores gives each case its reading thread only, and fewer cases than cores let each use the idle ones.
     */
    public static int threadsPerCase(int cores, int jobs, int cases) {
        return Math.max(1, cores / Math.max(1, Math.min(jobs, cases)));
    }

    public BatchRunner(CaseAnalyzer analyzer, Options options) {
        this.job = new CaseJob(analyzer, options.formats());
        this.options = options;
        this.heap = new SharedHeap(options.jobs());
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
            Result result = new Result(rows, cases.size() - kept.get(), kept.get(), heap.ranAlone());
            SummaryFiles.write(options.outDir(), job.toolVersion(), result);
            IndexPage.write(options.outDir(), result, job.lang());
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
        Path caseDir = Files.createDirectories(options.outDir().resolve(c.folder()));
        Path files = Path.of(c.input());
        long start = System.nanoTime();
        if (!Files.exists(files)) {
            return new Outcome(CaseSummary.error(c, CaseSummary.BAD_INPUT, c.input() + ": no such file or folder",
                    seconds(start)), false);
        }
        String hash;
        try {
            hash = InputHash.of(files);
        } catch (IOException e) {
            return new Outcome(CaseSummary.error(c, CaseSummary.BAD_INPUT, c.input() + ": cannot be read: " + e,
                    seconds(start)), false);
        }
        CaseSummary kept = options.resume()
                ? job.unchanged(c, hash, caseDir, r -> Files.isRegularFile(options.outDir().resolve(r)))
                : null;
        if (kept != null) {
            return new Outcome(kept, true);
        }
        CaseSummary row = heap.run(() -> job.analyse(c, files, hash, caseDir),
                r -> r.status().equals(CaseSummary.OUT_OF_MEMORY), r -> r.withMessage(outOfMemoryAlone));
        return new Outcome(row, false);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
