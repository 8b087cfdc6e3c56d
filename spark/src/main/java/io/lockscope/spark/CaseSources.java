package io.lockscope.spark;

import io.lockscope.batch.BatchCase;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The cases named by the job's input URIs, on any Hadoop file system. Each URI is
 * <ul>
 *   <li>a glob ({@code s3a://uploads/2026-11/*.zip}): every match is a case;</li>
 *   <li>a folder: every entry in it is a case (a case folder or an archive), except hidden ones
 *       ({@code .name}, {@code _name}, as Hadoop's own listings skip them);</li>
 *   <li>an archive ({@code .zip .tar .tar.gz .tgz .7z .cab}): one case;</li>
 *   <li>any other file: a list of case URIs, one per line, relative ones resolved against the list's
 *       folder; blank lines and lines starting with {@code #} are skipped.</li>
 * </ul>
 * Matches and folder entries are taken in name order; ids are made as {@code batch} makes them
 * ({@link BatchCase#of(List, List)}), so the same names give the same case folders.
 */
final class CaseSources {
    private static final List<String> ARCHIVES = List.of(".zip", ".tar", ".tar.gz", ".tgz", ".7z", ".cab");

    private CaseSources() {
    }

    /** @throws IOException when a URI names nothing, or a folder or list cannot be read */
    static List<BatchCase> list(List<String> uris, Configuration conf) throws IOException {
        List<Path> cases = new ArrayList<>();
        for (String uri : uris) {
            cases.addAll(expand(new Path(uri), conf));
        }
        return BatchCase.of(cases.stream().map(Path::getName).toList(), cases.stream().map(Path::toString).toList());
    }

    private static List<Path> expand(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        if (isGlob(path.toString())) {
            FileStatus[] matches = fs.globStatus(path);
            if (matches == null || matches.length == 0) {
                throw new IOException(path + ": matches nothing");
            }
            return sorted(matches);
        }
        FileStatus status = fs.getFileStatus(path); // FileNotFoundException names the path
        if (status.isDirectory()) {
            return sorted(Arrays.stream(fs.listStatus(path))
                    .filter(s -> !s.getPath().getName().startsWith(".") && !s.getPath().getName().startsWith("_"))
                    .toArray(FileStatus[]::new));
        }
        if (isArchive(path.getName())) {
            return List.of(status.getPath());
        }
        List<Path> listed = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(path), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String uri = line.strip();
                if (!uri.isEmpty() && !uri.startsWith("#")) {
                    Path listedPath = new Path(uri);
                    listed.add(listedPath.isAbsoluteAndSchemeAuthorityNull() || listedPath.toUri().getScheme() != null
                            ? listedPath : new Path(status.getPath().getParent(), listedPath));
                }
            }
        }
        return listed;
    }

    private static List<Path> sorted(FileStatus[] statuses) {
        return Arrays.stream(statuses).map(FileStatus::getPath).sorted(Comparator.comparing(Path::getName)).toList();
    }

    private static boolean isGlob(String uri) {
        return uri.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0);
    }

    private static boolean isArchive(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return ARCHIVES.stream().anyMatch(lower::endsWith);
    }
}
