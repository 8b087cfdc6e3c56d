package io.lockscope.spark;

import io.lockscope.batch.BatchCase;
import io.lockscope.batch.CaseJob;
import io.lockscope.batch.CaseSummary;
import io.lockscope.batch.InputHash;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * What one Spark task does with its case, on an executor. The case is fetched into the executor's
 * local temp space and hashed; when its stored record (in the output) says it is unchanged, its row is
 * kept. Otherwise batch's {@link CaseJob} analyses it into a local folder, which is uploaded to a
 * staging folder of this task attempt ({@link JobOutput#staging}); the driver later moves exactly one
 * attempt's folder into place ({@link JobOutput#commit}). The local copy is deleted either way.
 *
 * <p>Bad input is an error row, never a failed task. A task fails only when the output cannot be
 * written, and Spark then retries it.
 */
final class CaseTask implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * @param staged the attempt's staging folder to commit, null when nothing is to be written (kept, or
     *               the case could not be fetched)
     */
    record Result(CaseSummary row, boolean kept, String staged) implements Serializable {
    }

    /** the case job of each settings, built once per executor JVM on its first case (tasks arrive deserialised) */
    private static final Map<JobSettings, CaseJob> JOBS = new ConcurrentHashMap<>();

    private final JobSettings settings;
    private final JobOutput output;
    private final HadoopConf conf;

    CaseTask(JobSettings settings, JobOutput output, HadoopConf conf) {
        this.settings = settings;
        this.output = output;
        this.conf = conf;
    }

    /**
     * @param attempt the task attempt's id, unique in the application
     * @param temp    the executor's local temp space, where this case's files live while it runs
     */
    Result run(BatchCase c, long attempt, java.nio.file.Path temp) throws IOException {
        java.nio.file.Path work = Files.createTempDirectory(temp, "lockscope-" + c.id() + "-");
        try {
            return run(c, attempt, work.resolve("input"), work.resolve("case"));
        } finally {
            delete(work);
        }
    }

    private Result run(BatchCase c, long attempt, java.nio.file.Path inputDir, java.nio.file.Path caseDir)
            throws IOException {
        long start = System.nanoTime();
        Path source = new Path(c.input());
        java.nio.file.Path files = inputDir.resolve(source.getName());
        String hash;
        try {
            Files.createDirectories(inputDir);
            source.getFileSystem(conf.get()).copyToLocalFile(false, source, new Path(files.toUri()), true);
            hash = InputHash.of(files);
        } catch (IOException e) {
            return new Result(CaseSummary.error(c, CaseSummary.BAD_INPUT, c.input() + ": cannot be read: " + e,
                    (System.nanoTime() - start) / 1e9), false, null);
        }
        FileSystem out = output.fileSystem(conf.get());
        Files.createDirectories(caseDir);
        Path record = output.record(c);
        if (out.exists(record)) {
            out.copyToLocalFile(false, record, new Path(caseDir.resolve(record.getName()).toUri()), true);
            CaseSummary kept = job().unchanged(c, hash, caseDir, report -> exists(out, output.file(report)));
            if (kept != null) {
                return new Result(kept, true, null);
            }
        }
        CaseSummary row = job().analyse(c, files, hash, caseDir);
        Path staged = output.staging(c, attempt);
        out.copyFromLocalFile(false, true, new Path(caseDir.toUri()), staged);
        return new Result(row, false, staged.toString());
    }

    private CaseJob job() {
        return JOBS.computeIfAbsent(settings, JobSettings::caseJob);
    }

    private static boolean exists(FileSystem fs, Path path) {
        try {
            return fs.exists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(java.nio.file.Path folder) throws IOException {
        try (Stream<java.nio.file.Path> s = Files.walk(folder)) {
            for (java.nio.file.Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
