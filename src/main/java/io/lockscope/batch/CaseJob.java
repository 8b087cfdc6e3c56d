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
import java.util.function.Predicate;

/**
 * One case of a batch, from its files on a local disk to its folder of reports and its summary row:
 * what {@code lockscope batch} runs for each input, and what the Spark job runs in each task on the
 * copy it fetched. Its folder holds {@code report.<ext>} per format and, written last, the
 * {@link CaseRecord} by which an unchanged case is kept by a later run.
 */
public final class CaseJob {
    /** The file of a case's folder by which a later run keeps the case, written after its reports. */
    public static final String RECORD_FILE = CaseRecord.FILE;

    private final CaseAnalyzer analyzer;
    private final List<String> formats;
    /** The message of a case that ran out of memory, made while there is memory to make it. */
    private final String outOfMemory = OutOfMemory.heap();

    /** @param formats the per-case report formats (Renderers names); an unknown one fails here */
    public CaseJob(CaseAnalyzer analyzer, List<String> formats) {
        this.analyzer = analyzer;
        this.formats = List.copyOf(formats);
        this.formats.forEach(Renderers::forFormat);
    }

    /**
     * The stored row of a case whose inputs are unchanged: the record in {@code caseDir} names the same
     * input hash, lockscope version, formats and language, and every report it lists exists.
     *
     * @param reportExists whether a report, named relative to the batch's output folder, exists
     * @return the row to keep, or null when the case must be analysed
     */
    public CaseSummary unchanged(BatchCase c, String inputHash, Path caseDir, Predicate<String> reportExists) {
        CaseRecord stored = CaseRecord.read(caseDir);
        if (stored == null || !stored.inputHash().equals(inputHash) || !stored.toolVersion().equals(analyzer.toolVersion())
                || !stored.formats().equals(formats) || !analyzer.lang().equals(stored.lang())
                || !stored.row().reports().stream().allMatch(reportExists)) {
            return null;
        }
        return stored.row().kept(c);
    }

    /**
     * Analyses the case into {@code caseDir}: its reports, then its record. Bad input becomes an error
     * row, recorded like a report; an internal error or running out of memory becomes an error row without
     * a record, so that a later run tries the case again. One case's failure never escapes as an exception.
     *
     * @param files     the case's folder or archive on a local disk (for {@code batch}, the input itself)
     * @param inputHash {@link InputHash} of {@code files}
     * @throws IOException when the reports or the record cannot be written
     */
    public CaseSummary analyse(BatchCase c, Path files, String inputHash, Path caseDir) throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(caseDir);
        Files.deleteIfExists(caseDir.resolve(CaseRecord.FILE));
        CaseSummary row;
        try {
            CaseAnalyzer.Result result = analyzer.analyze(List.of(files));
            List<String> reports = new ArrayList<>();
            for (String format : formats) {
                ReportRenderer renderer = Renderers.forFormat(format);
                String name = "report." + renderer.fileExtension();
                try (Writer w = Files.newBufferedWriter(caseDir.resolve(name), StandardCharsets.UTF_8)) {
                    renderer.render(result.report(), w);
                }
                reports.add(c.folder() + "/" + name);
            }
            row = CaseSummary.of(c, result, seconds(start), reports);
        } catch (BadInputException e) {
            row = CaseSummary.error(c, CaseSummary.BAD_INPUT, naming(e.getMessage(), files, c), seconds(start));
        } catch (IOException e) {
            row = CaseSummary.error(c, CaseSummary.BAD_INPUT, c.input() + ": " + e.getClass().getSimpleName() + ": "
                    + naming(e.getMessage(), files, c), seconds(start));
        } catch (OutOfMemoryError e) {
            // its memory is free again once this task unwinds; no record, so that a later run tries it again
            return CaseSummary.error(c, CaseSummary.OUT_OF_MEMORY, outOfMemory, seconds(start));
        } catch (RuntimeException | StackOverflowError e) {
            // one case's failure must not end the batch
            return CaseSummary.error(c, CaseSummary.INTERNAL_ERROR, "internal error: " + e, seconds(start));
        }
        new CaseRecord(inputHash, analyzer.toolVersion(), formats, analyzer.lang(), row).write(caseDir);
        return row;
    }

    /** The lockscope version named in the reports and records. */
    public String toolVersion() {
        return analyzer.toolVersion();
    }

    /** The language of the reports and of the batch's index.html. */
    String lang() {
        return analyzer.lang();
    }

    /** An error message names the case's input as the user gave it, not the local copy analysed. */
    private static String naming(String message, Path files, BatchCase c) {
        return message == null ? null : message.replace(files.toString(), c.input());
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
