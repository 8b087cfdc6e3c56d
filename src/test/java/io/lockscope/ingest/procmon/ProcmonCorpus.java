package io.lockscope.ingest.procmon;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.InflaterInputStream;

/**
 * The real procmon exports in {@code ../shared/corpus} (see its README): the procmon-parser CSVs are
 * raw zlib streams, inflated once per test run into a temporary folder; the boot-log CSV is plain.
 * Tests that use them skip when the shared folder is absent (a fresh clone has none).
 */
public final class ProcmonCorpus {
    public static final Path ROOT = Paths.get("..", "shared", "corpus");
    public static final List<String> COMPRESSED_CSVS = List.of(
            "CompressedLogfileTests64bitUTCCSV", "CompressedLogfileTests32bitUTCCSV",
            "CompressedLogFileUTC64FilesystemCSV", "CompressedLogFileUTC32FilesystemCSV",
            "CompressedLogFileUTC64RegistryCSV", "CompressedLogFileUTC64ProcessCSV");
    public static final String BOOT_LOG_CSV = "etw/regprobe/watchdog-procmon-bootlog.hits.csv";

    private static final Map<String, Path> INFLATED = new HashMap<>();
    private static Path tempDir;

    private ProcmonCorpus() {
    }

    public static void assumePresent() {
        Assumptions.assumeTrue(Files.isDirectory(ROOT.resolve("procmon")),
                "shared corpus not found at " + ROOT.toAbsolutePath() + "; skipping corpus tests");
    }

    /** All CSVs of the corpus, as plain files: the inflated procmon-parser ones and the boot log. */
    public static List<Path> allCsvs() {
        assumePresent();
        List<Path> out = new java.util.ArrayList<>();
        for (String name : COMPRESSED_CSVS) {
            out.add(inflated(name));
        }
        out.add(ROOT.resolve(BOOT_LOG_CSV));
        return out;
    }

    /** {@code procmon/<name>} inflated into a temporary file (deleted when the JVM exits). */
    public static synchronized Path inflated(String name) {
        assumePresent();
        return INFLATED.computeIfAbsent(name, n -> {
            try {
                if (tempDir == null) {
                    tempDir = Files.createTempDirectory("lockscope-procmon-corpus");
                    tempDir.toFile().deleteOnExit();
                }
                Path out = tempDir.resolve(n + ".csv");
                try (InputStream in = new InflaterInputStream(Files.newInputStream(ROOT.resolve("procmon").resolve(n)));
                     OutputStream o = Files.newOutputStream(out)) {
                    in.transferTo(o);
                }
                out.toFile().deleteOnExit();
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
