package io.lockscope.ingest.procmon.pml;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.InflaterInputStream;

/** The procmon PML/CSV pairs of ../shared/corpus/procmon, inflated to temporary files on demand. */
public final class PmlCorpus {
    public static final Path DIR = Paths.get("..", "shared", "corpus", "procmon");

    /** One PML and the CSV procmon exported from it. */
    public record Pair(String name, Path pml, Path csv) {
    }

    private PmlCorpus() {
    }

    /** Skips the calling test when the corpus is absent (a fresh clone has no ../shared). */
    public static void assumePresent() {
        Assumptions.assumeTrue(Files.isDirectory(DIR), "corpus folder " + DIR.toAbsolutePath()
                + " is absent; corpus tests skipped");
    }

    public static List<String> pairNames() throws IOException {
        assumePresent();
        List<String> names = new ArrayList<>();
        try (var files = Files.list(DIR)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("PML")).sorted()
                    .forEach(n -> names.add(n.substring(0, n.length() - 3)));
        }
        return names;
    }

    public static Pair inflatePair(String name, Path tempDir) throws IOException {
        return new Pair(name, inflate(DIR.resolve(name + "PML"), tempDir.resolve(name + ".pml")),
                inflate(DIR.resolve(name + "CSV"), tempDir.resolve(name + ".csv")));
    }

    /** The corpus files are raw zlib streams (corpus README). */
    public static Path inflate(Path compressed, Path target) throws IOException {
        try (InputStream in = new InflaterInputStream(Files.newInputStream(compressed));
             OutputStream out = Files.newOutputStream(target)) {
            in.transferTo(out);
        }
        return target;
    }
}
