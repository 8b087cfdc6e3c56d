package io.lockscope.spark;

import io.lockscope.batch.BatchCase;
import io.lockscope.batch.CaseJob;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The job's output folder, laid out as {@code lockscope batch} lays out its OUTDIR ({@code cases/<id>/}
 * with the reports and {@code case.json}, {@code summary.csv}, {@code summary.json}, {@code index.html})
 * plus {@code summary.parquet} and {@code views/}.
 *
 * <p>Tasks write a case into {@code _staging/<run>/<id>.<attempt>/}, a folder no other attempt uses;
 * the driver moves the folder of the one attempt whose result Spark accepted into {@code cases/<id>/}.
 * So a speculative or retried attempt never writes into a case's folder, and a case's folder is never
 * half old and half new. {@code _staging} is removed when the job starts and ends.
 *
 * @param root the output URI
 * @param run  this run's id, so that attempts of an earlier, killed run cannot be taken for this one's
 */
record JobOutput(String root, String run) implements Serializable {
    static final String STAGING = "_staging";

    FileSystem fileSystem(Configuration conf) throws IOException {
        return new Path(root).getFileSystem(conf);
    }

    /** A file named relative to the output folder ('/'-separated). */
    Path file(String relative) {
        return new Path(new Path(root), relative);
    }

    Path caseFolder(BatchCase c) {
        return file(c.folder());
    }

    /** The record by which a later run keeps the case. */
    Path record(BatchCase c) {
        return new Path(caseFolder(c), CaseJob.RECORD_FILE);
    }

    Path staging(BatchCase c, long attempt) {
        return file(STAGING + "/" + run + "/" + c.id() + "." + attempt);
    }

    /** Makes the staged folder the case's folder, replacing the one a previous run left. */
    void commit(BatchCase c, String staged, Configuration conf) throws IOException {
        FileSystem fs = fileSystem(conf);
        Path target = caseFolder(c);
        fs.delete(target, true);
        fs.mkdirs(target.getParent());
        if (!fs.rename(new Path(staged), target)) {
            throw new IOException("cannot move " + staged + " to " + target);
        }
    }

    void removeStaging(Configuration conf) throws IOException {
        fileSystem(conf).delete(file(STAGING), true);
    }

    /** A UTF-8 writer of a file of the output folder, replacing it. */
    Writer writer(String relative, Configuration conf) throws IOException {
        return new OutputStreamWriter(fileSystem(conf).create(file(relative), true), StandardCharsets.UTF_8);
    }
}
