package io.lockscope.spark;

import io.lockscope.generate.CaseFormats;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.GenerateOptions;
import io.lockscope.generate.Scenario;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Generated cases for the Spark tests, in every packaging a team uploads: folders, a zip, a tar.gz,
 * one with two culprits, one with a corrupt PML trace and one broken zip (cut to a third).
 */
final class TestCases {
    private TestCases() {
    }

    /** Writes every kind of case into {@code dir} (which then holds nothing else); returns them in name order. */
    static List<Path> generate(Path dir) throws IOException {
        Path work = workFolder(dir);
        folder(case_(work, Scenario.LOCK_HOLDER, "csv"), dir.resolve("lock-holder"));
        zip(case_(work, Scenario.DECOY, "xml"), dir.resolve("decoy.zip"));
        tarGz(case_(work, Scenario.FILTER_DENIAL, "xml"), dir.resolve("filter-denial.tar.gz"));
        folder(case_(work, Scenario.UNKNOWN_AGENT, "csv"), dir.resolve("unknown-agent"));
        folder(case_(work, Scenario.REGISTRY_CORRUPT, "csv"), dir.resolve("registry-corrupt"));
        folder(case_(work, Scenario.CLEAN, "csv"), dir.resolve("clean"));
        folder(case_(work, Scenario.TWO_HOLDERS, "csv"), dir.resolve("two-holders"));
        Path pml = case_(work, Scenario.TWO_HOLDERS, "pml");
        corruptPml(pml);
        folder(pml, dir.resolve("corrupt-pml"));
        broken(work, dir);
        return listed(dir);
    }

    /** A folder, a zip and the broken zip: fewer cases for the slower tests. */
    static List<Path> generateFew(Path dir) throws IOException {
        Path work = workFolder(dir);
        folder(case_(work, Scenario.LOCK_HOLDER, "csv"), dir.resolve("lock-holder"));
        zip(case_(work, Scenario.DECOY, "xml"), dir.resolve("decoy.zip"));
        broken(work, dir);
        return listed(dir);
    }

    private static Path workFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        return Files.createDirectories(dir.getParent().resolve(dir.getFileName() + "-work"));
    }

    private static void broken(Path work, Path dir) throws IOException {
        Path broken = zip(case_(work, Scenario.LOCK_HOLDER, "csv"), dir.resolve("broken.zip"));
        byte[] bytes = Files.readAllBytes(broken);
        Files.write(broken, java.util.Arrays.copyOf(bytes, bytes.length / 3));
    }

    private static List<Path> listed(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** One generated case in {@code folder}. */
    static Path single(Scenario scenario, String trace, Path folder) throws IOException {
        Path work = case_(folder.getParent().resolve(folder.getFileName() + "-work"), scenario, trace);
        folder(work, folder);
        return folder;
    }

    private static Path case_(Path work, Scenario scenario, String trace) throws IOException {
        Path folder = work.resolve(scenario.id() + "-" + trace);
        if (!Files.isDirectory(folder)) {
            long events = Math.max(1_500, CaseGenerator.minimumEvents(scenario, 21));
            CaseGenerator.generate(scenario, folder, GenerateOptions.defaults().withSeed(21).withEvents(events)
                    .withFormats(CaseFormats.parse(trace + ",logs")));
        }
        return folder;
    }

    /** Overwrites the middle third of the PML file with 0xEE bytes: event records with impossible fields. */
    private static void corruptPml(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            Path pml = s.filter(p -> p.toString().endsWith(".PML") || p.toString().endsWith(".pml")).findFirst()
                    .orElseThrow(() -> new IOException("no PML in " + folder));
            byte[] bytes = Files.readAllBytes(pml);
            java.util.Arrays.fill(bytes, bytes.length / 3, 2 * bytes.length / 3, (byte) 0xEE);
            Files.write(pml, bytes);
        }
    }

    private static void folder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (Path f : files(from)) {
            Files.copy(f, to.resolve(from.relativize(f).toString()));
        }
    }

    private static Path zip(Path from, Path file) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Path f : files(from)) {
                zip.putNextEntry(new ZipEntry(from.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
        return file;
    }

    private static void tarGz(Path from, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path f : files(from)) {
                TarArchiveEntry entry = new TarArchiveEntry(f.toFile(), from.relativize(f).toString().replace('\\', '/'));
                tar.putArchiveEntry(entry);
                Files.copy(f, tar);
                tar.closeArchiveEntry();
            }
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return new ArrayList<>(s.filter(Files::isRegularFile).sorted().toList());
        }
    }
}
