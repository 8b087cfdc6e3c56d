package io.lockscope.ingest.procmon.pml;

import io.lockscope.export.ProcmonVersion;
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

    /**
     * The procmon release that exported a pair's CSV, where the pair shows it: the Windows 7 capture of
     * July 11 shows Procmon.exe 3.4 on the machine ({@code CapturingProcmon}) and was exported without
     * FileInformationClass; the July 31 exports name no information class 0x4A, which procmon-parser's
     * tests attribute to 3.53. {@code latest} where nothing tells.
     */
    public static ProcmonVersion exportedBy(String name) {
        if (name.equals("CompressedLogfileTests32bitUTC")) {
            return ProcmonVersion.parse("3.40");
        }
        return name.startsWith("CompressedLogFileUTC") ? ProcmonVersion.parse("3.53") : ProcmonVersion.LATEST;
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
