package io.lockscope.ingest;

import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.Scenario;
import io.lockscope.ingest.archive.Archives;
import io.lockscope.ingest.etw.testing.LockScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.InflaterInputStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seeds the fuzz targets start from: small generated cases of every format, written into each target's
 * {@code <Class>Inputs/<method>/} folder, where a plain build replays them (with the crash files found).
 * {@code -Dlockscope.writeFuzzSeeds=true} rewrites them; {@code -Dlockscope.fuzzCorpus=true} also puts the
 * real files of {@code ../shared/corpus} (cut to {@link #CORPUS_SEED_BYTES}) into Jazzer's own corpus folder
 * {@code .cifuzz-corpus/}, which is not committed: bin/fuzz does both before fuzzing.
 */
class FuzzSeedsTest {
    static final Path RESOURCES = Path.of("src", "test", "resources");
    static final Path CORPUS = Path.of("..", "shared", "corpus");
    static final Path JAZZER_CORPUS = Path.of(".cifuzz-corpus");
    /** Fuzzing is fastest on small inputs; the head of a real file still holds its header and first records. */
    static final int CORPUS_SEED_BYTES = 256 * 1024;
    /** Committed seeds stay small: the generated XML export (600 KB) is left to the hand-made XML fixtures. */
    static final long MAX_SEED_BYTES = 200 * 1024;

    /** Each fuzz target: its class and method, by the input format its seeds have. */
    static final Map<InputFormat, String> TARGET = Map.ofEntries(
            Map.entry(InputFormat.PROCMON_PML, "procmon.ProcmonFuzzTest/pml"),
            Map.entry(InputFormat.PROCMON_CSV, "procmon.ProcmonFuzzTest/csv"),
            Map.entry(InputFormat.PROCMON_XML, "procmon.ProcmonFuzzTest/xml"),
            Map.entry(InputFormat.ETL, "etw.EtwFuzzTest/etl"),
            Map.entry(InputFormat.TRACERPT_CSV, "etw.EtwFuzzTest/tracerptCsv"),
            Map.entry(InputFormat.TRACERPT_XML, "etw.EtwFuzzTest/tracerptXml"),
            Map.entry(InputFormat.XPERF_DUMPER, "etw.EtwFuzzTest/xperfDumper"),
            Map.entry(InputFormat.WPA_CSV, "etw.EtwFuzzTest/wpaCsv"),
            Map.entry(InputFormat.CBS_LOG, "servicing.ServicingFuzzTest/cbsLog"),
            Map.entry(InputFormat.SETUPAPI_LOG, "servicing.ServicingFuzzTest/setupapiLog"),
            Map.entry(InputFormat.FILTER_LIST, "servicing.ServicingFuzzTest/commandOutputs"),
            Map.entry(InputFormat.DRIVER_LIST, "servicing.ServicingFuzzTest/commandOutputs"),
            Map.entry(InputFormat.SERVICE_CONFIG, "servicing.ServicingFuzzTest/commandOutputs"));
    static final String ETL_XPRESS = "etw.EtwFuzzTest/etlXpress";
    /** The whole pipeline's target, in another package: its seeds are the generated boot log. */
    static final Path ANALYZE_SEEDS = RESOURCES.resolve("io/lockscope/cli/AnalyzeFuzzTestInputs/analyze");
    static final String ARCHIVE = "archive.ArchiveFuzzTest/expand";

    @Test
    void everyFuzzTargetHasSeeds(@TempDir Path tmp) throws IOException {
        if (Boolean.getBoolean("lockscope.writeFuzzSeeds")) {
            writeSeeds(tmp);
        }
        if (Boolean.getBoolean("lockscope.fuzzCorpus")) {
            writeCorpusSeeds();
        }
        List<String> targets = new ArrayList<>(TARGET.values());
        targets.add(ETL_XPRESS);
        targets.add(ARCHIVE);
        List<Path> folders = new ArrayList<>(List.of(ANALYZE_SEEDS));
        targets.forEach(t -> folders.add(inputs(t)));
        for (Path dir : folders) {
            String target = dir.toString();
            assertTrue(Files.isDirectory(dir), "no seeds for " + target + " at " + dir);
            try (Stream<Path> seeds = Files.list(dir)) {
                assertTrue(seeds.count() > 0, "no seeds for " + target);
            }
        }
    }

    /** Small generated cases and the hand-made fixtures, each filed under the target of its sniffed format. */
    private static void writeSeeds(Path tmp) throws IOException {
        Path generated = tmp.resolve("case");
        Scenario scenario = Scenario.LOCK_HOLDER;
        CaseGenerator.generate(scenario, generated.resolve(scenario.id()), Fuzzing.SEED_CASE);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Stream.concat(Files.walk(generated), Stream.concat(
                Files.walk(RESOURCES.resolve("procmon")), Stream.concat(Files.walk(RESOURCES.resolve("etw")),
                        Files.walk(RESOURCES.resolve("servicing")))))) {
            all.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("README.md"))
                    .filter(p -> p.toFile().length() <= MAX_SEED_BYTES).forEach(files::add);
        }
        for (Path file : files) {
            String target = targetOf(file);
            if (target != null) {
                Path dir = Files.createDirectories(inputs(target));
                String name = file.getParent().getFileName() + "-" + file.getFileName();
                Files.copy(file, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.createDirectories(inputs(TARGET.get(InputFormat.ETL)));
        Files.write(inputs(TARGET.get(InputFormat.ETL)).resolve("lock-scenario.etl"), LockScenario.etl().bytes());
        Files.createDirectories(inputs(ETL_XPRESS));
        Files.write(inputs(ETL_XPRESS).resolve("lock-scenario-xpress.etl"), LockScenario.etl().compressed().bytes());
        writeArchiveSeeds(generated.resolve(scenario.id()), tmp);
        Files.createDirectories(ANALYZE_SEEDS);
        Files.copy(generated.resolve(scenario.id()).resolve("boot_log.csv"), ANALYZE_SEEDS.resolve("lock-holder-boot_log.csv"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** One small case in each archive format, and a zip holding a tar.gz (nesting). */
    private static void writeArchiveSeeds(Path caseDir, Path tmp) throws IOException {
        Path small = Files.createDirectories(tmp.resolve("small"));
        try (Stream<Path> all = Files.list(caseDir)) {
            for (Path f : (Iterable<Path>) all::iterator) {
                if (Files.size(f) < 16 * 1024) {
                    Files.copy(f, small.resolve(f.getFileName()));
                }
            }
        }
        Path dir = Files.createDirectories(inputs(ARCHIVE));
        Archives.zipFolder(small, dir.resolve("case.zip"));
        Archives.tarFolder(small, dir.resolve("case.tar"), false);
        Archives.tarGzFolder(small, dir.resolve("case.tar.gz"));
        Archives.sevenZFolder(small, dir.resolve("case.7z"));
        Archives.zip(dir.resolve("nested.zip"), Map.of("inner/case.tar.gz", Files.readAllBytes(dir.resolve("case.tar.gz"))));
    }

    /** The heads of the real files of the shared corpus, into Jazzer's corpus folder (fuzzing only). */
    private static void writeCorpusSeeds() throws IOException {
        if (!Files.isDirectory(CORPUS)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(CORPUS)) {
            all.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path file : files) {
            byte[] head = file.getFileName().toString().startsWith("Compressed") ? inflatedHead(file) : head(file);
            Path cut = Files.write(Files.createTempFile("lockscope-seed", ".bin"), head);
            try {
                String target = targetOf(cut);
                if (target == null && file.toString().endsWith(".etl")) {
                    target = TARGET.get(InputFormat.ETL);
                }
                if (target != null) {
                    String[] classAndMethod = target.split("/");
                    Path dir = Files.createDirectories(JAZZER_CORPUS.resolve("io.lockscope.ingest." + classAndMethod[0])
                            .resolve(classAndMethod[1]));
                    Files.write(dir.resolve(file.getFileName().toString()), head);
                }
            } finally {
                Files.delete(cut);
            }
        }
    }

    private static String targetOf(Path file) throws IOException {
        Formats.Detection detection = Formats.detect(file);
        FormatReader reader = detection.recognised() ? detection.chosen().reader() : null;
        return reader == null ? null : TARGET.get(reader.format());
    }

    private static Path inputs(String target) {
        String[] classAndMethod = target.split("/");
        String className = classAndMethod[0].substring(classAndMethod[0].lastIndexOf('.') + 1);
        String pkg = classAndMethod[0].substring(0, classAndMethod[0].lastIndexOf('.'));
        return RESOURCES.resolve("io/lockscope/ingest").resolve(pkg.replace('.', '/'))
                .resolve(className + "Inputs").resolve(classAndMethod[1]);
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(CORPUS_SEED_BYTES);
        }
    }

    private static byte[] inflatedHead(Path file) throws IOException {
        try (InputStream in = new InflaterInputStream(Files.newInputStream(file))) {
            return in.readNBytes(CORPUS_SEED_BYTES);
        }
    }
}
