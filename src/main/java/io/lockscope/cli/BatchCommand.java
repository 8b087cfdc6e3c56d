package io.lockscope.cli;

import io.lockscope.batch.BatchCase;
import io.lockscope.batch.BatchRunner;
import io.lockscope.batch.CaseAnalyzer;
import io.lockscope.batch.CaseSummary;
import io.lockscope.batch.OutOfMemory;
import io.lockscope.ingest.ReadProgress;
import io.lockscope.ingest.archive.ArchiveLimits;
import io.lockscope.report.render.Renderers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "batch", mixinStandardHelpOptions = true, description = {
        "Analyse many cases: each INPUT (a folder or an archive) is one case.",
        "Writes OUTDIR/cases/<case>/report.json and report.html, and",
        "OUTDIR/summary.json, summary.csv and index.html.",
        "A case that fails becomes an error row; the others still run.",
        "Exit code: 0 when every case produced a report, 1 when a case was bad",
        "input, 3 when a case hit an internal error."}, footer = {
        "",
        "Examples:",
        "  lockscope batch uploads/*.zip -o out/",
        "  lockscope batch uploads/* -o out/ --jobs 4 --resume"})
final class BatchCommand implements Callable<Integer> {
    @Mixin
    InputOptions input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUTDIR", required = true,
            description = "Folder for the reports and the summary (created).")
    Path outDir;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "2",
            description = "Cases analysed at once, and so held in memory at once (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--resume", description = "Skip cases whose inputs are unchanged (SHA-256 of their files) since "
            + "a previous run into the same OUTDIR.")
    boolean resume;

    @Option(names = "--format-per-case", paramLabel = "LIST", split = ",", defaultValue = "json,html",
            description = "Report formats written per case: json, html, md, text (default: ${DEFAULT-VALUE}).")
    List<String> formats = new ArrayList<>();

    @Option(names = "--target", paramLabel = "NAME|GLOB",
            description = "Target for every case (default: each case's failing INF).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--lang", defaultValue = "en", description = "en or zh-CN (default: ${DEFAULT-VALUE}).")
    String lang;

    @Option(names = "--max-expanded", paramLabel = "SIZE", defaultValue = "8g",
            description = "Most bytes one case's archives may expand to, e.g. 512m, 8g (default: ${DEFAULT-VALUE}).")
    String maxExpanded;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (jobs < 1 || jobs > 256) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be between 1 and 256, not " + jobs);
        }
        for (String f : formats) {
            if (!Renderers.FORMATS.contains(f.toLowerCase(Locale.ROOT))) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--format-per-case takes " + Renderers.FORMATS + ", not '" + f + "'");
            }
        }
        if (!lang.equals("en") && !lang.equals("zh-CN")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lang must be en or zh-CN, not '" + lang + "'");
        }
        OutputChecks.folder(spec, outDir);
        ArchiveLimits limits = ArchiveLimits.DEFAULT.withMaxExpandedBytes(size(maxExpanded));
        List<BatchCase> cases = BatchCase.of(input.inputs);
        int threads = BatchRunner.threadsPerCase(Runtime.getRuntime().availableProcessors(), jobs, cases.size());
        // cases are read in parallel and each has its progress line below: no per-file bars
        CaseAnalyzer analyzer = new CaseAnalyzer(input.readOptions().withProgress(ReadProgress.NONE).withThreads(threads),
                targets, Knowledge.attribution(), lang, BuildVersion.current(), limits);
        List<String> lowerFormats = formats.stream().map(f -> f.toLowerCase(Locale.ROOT)).distinct().toList();
        BatchRunner runner = new BatchRunner(analyzer, new BatchRunner.Options(outDir, jobs, resume, lowerFormats));
        PrintWriter err = spec.commandLine().getErr();
        BatchRunner.Result result = runner.run(cases, (done, total, row, kept) -> {
            if (!input.quiet || row.isError()) {
                err.println(row.progressLine(done, total, kept));
            }
        });
        if (!input.quiet) {
            err.printf(Locale.ROOT, "lockscope: %d cases (%d analysed, %d unchanged); summary in %s%n",
                    result.rows().size(), result.analysed(), result.kept(), outDir.resolve("index.html"));
        }
        memoryLines(result).forEach(err::println);
        if (result.rows().stream().anyMatch(CaseSummary::failedInRun)) {
            return ExitCode.INTERNAL.code();
        }
        return result.rows().stream().anyMatch(CaseSummary::isError) ? ExitCode.BAD_INPUT.code() : ExitCode.OK.code();
    }

    /**
     * What the heap did to the batch, for stderr: the cases that ran again alone and then fitted (the
     * others waited for each: the heap, not the cores, set the pace), and those that did not fit even alone.
     */
    static List<String> memoryLines(BatchRunner.Result result) {
        List<String> lines = new ArrayList<>();
        long outOfMemory = result.count(CaseSummary.OUT_OF_MEMORY);
        // every case out of memory even alone ran alone too (with one job, none runs again)
        long fittedAlone = result.ranAlone() - outOfMemory;
        if (fittedAlone > 0) {
            lines.add(String.format(Locale.ROOT, "lockscope: %d of the cases ran out of memory beside others, so each ran"
                    + " again alone while the others waited; more heap than the %s now (such as %s) lets such cases run"
                    + " side by side", fittedAlone, OutOfMemory.heapSize(), OutOfMemory.twiceTheHeap()));
        }
        if (outOfMemory > 0) {
            lines.add(String.format(Locale.ROOT, "lockscope: %d of the cases ran out of memory even alone: %s; then run"
                    + " again with --resume, which keeps the cases done", outOfMemory, OutOfMemory.advice()));
        }
        return lines;
    }

    private long size(String text) {
        try {
            return ArchiveLimits.parseSize(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--max-expanded wants a size like 512m or 8g, not '" + text + "'");
        }
    }
}
