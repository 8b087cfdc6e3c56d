package io.lockscope.ingest.archive;

import io.lockscope.analysis.kb.KnowledgeAttribution;
import io.lockscope.batch.CaseAnalyzer;
import io.lockscope.generate.CaseFormats;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.GenerateOptions;
import io.lockscope.generate.Scenario;
import io.lockscope.ingest.CaseInputs;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.report.model.Report;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A generated case (procmon CSV and the servicing logs) analysed as a folder, and as a zip, a zip
 * inside a zip, a tar.gz and a 7z of that folder: the same verdict, culprit and target each time.
 */
class ArchiveCaseTest {
    @TempDir
    static Path dir;
    private static Path folder;
    private static Report fromFolder;

    private static CaseAnalyzer analyzer() {
        return new CaseAnalyzer(ReadOptions.DEFAULT, List.of(), KnowledgeAttribution.standard(), "en", "test");
    }

    @BeforeAll
    static void generate() throws Exception {
        folder = dir.resolve("upload");
        long events = Math.max(2_000, CaseGenerator.minimumEvents(Scenario.TWO_HOLDERS, 11));
        CaseGenerator.generate(Scenario.TWO_HOLDERS, folder.resolve("logs"), GenerateOptions.defaults().withSeed(11)
                .withEvents(events).withFormats(CaseFormats.parse("csv,logs")));
        fromFolder = analyzer().analyze(List.of(folder)).report();
        assertEquals("lock-holder", fromFolder.verdict().kind());
    }

    private static void assertSameDiagnosis(Report report) {
        assertEquals(fromFolder.verdict(), report.verdict());
        assertEquals(fromFolder.target(), report.target());
        assertEquals(fromFolder.servicing().failingInf(), report.servicing().failingInf());
        assertEquals(fromFolder.inputs().size(), report.inputs().size());
    }

    @Test
    void zipReadsLikeTheFolderWithArchivePaths() throws Exception {
        Path zip = Archives.zipFolder(folder, dir.resolve("upload.zip"));
        CaseAnalyzer.Result result = analyzer().analyze(List.of(zip));
        assertSameDiagnosis(result.report());
        List<String> paths = result.report().inputs().stream().map(Report.Input::path).toList();
        assertTrue(paths.contains(zip + "!/logs/CBS.log"), paths.toString());
        assertTrue(paths.contains(zip + "!/logs/boot_log.csv"), paths.toString());
    }

    @Test
    void zipInsideZipReadsLikeTheFolder() throws Exception {
        Path inner = Archives.zipFolder(folder, dir.resolve("inner.zip"));
        Path outer = dir.resolve("outer.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(outer)) {
            out.putArchiveEntry(new ZipArchiveEntry("collector/inner.zip"));
            out.write(Files.readAllBytes(inner));
            out.closeArchiveEntry();
        }
        CaseAnalyzer.Result result = analyzer().analyze(List.of(outer));
        assertSameDiagnosis(result.report());
        assertTrue(result.report().inputs().stream()
                .anyMatch(i -> i.path().equals(outer + "!/collector/inner.zip!/logs/CBS.log")));
    }

    @Test
    void tarGzReadsLikeTheFolder() throws Exception {
        assertSameDiagnosis(analyzer().analyze(List.of(Archives.tarGzFolder(folder, dir.resolve("upload.tgz"))))
                .report());
    }

    @Test
    void sevenZReadsLikeTheFolder() throws Exception {
        assertSameDiagnosis(analyzer().analyze(List.of(Archives.sevenZFolder(folder, dir.resolve("upload.7z"))))
                .report());
    }

    @Test
    void archiveInsideAFolderIsExpandedAndTheWorkFolderDeleted() throws Exception {
        Path holder = Files.createDirectories(dir.resolve("holder"));
        Archives.zipFolder(folder, holder.resolve("upload.zip"));
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> before = workFolders(tmp);
        CaseInputs.Loaded loaded = CaseInputs.load(List.of(holder), ReadOptions.DEFAULT);
        assertEquals(1, loaded.traces().size());
        assertEquals("holder/upload.zip!/logs/boot_log.csv", loaded.traces().get(0).source());
        List<Path> left = new ArrayList<>(workFolders(tmp));
        left.removeAll(before); // other processes share the temporary folder: only a new folder left over counts
        assertEquals(List.of(), left, "the expansion folder is deleted after loading");
    }

    @Test
    void refusedEntriesAreNotedInTheReportAndTheCaseStillAnalysed() throws Exception {
        Path zip = Archives.zipFolder(folder, dir.resolve("slip.zip"));
        Path withSlip = dir.resolve("with-slip.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(withSlip);
             org.apache.commons.compress.archivers.zip.ZipFile in =
                     org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(zip).get()) {
            out.putArchiveEntry(new ZipArchiveEntry("../../evil.cmd"));
            out.write("del /q C:\\*".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.closeArchiveEntry();
            in.copyRawEntries(out, e -> true);
        }
        CaseAnalyzer.Result result = analyzer().analyze(List.of(withSlip));
        assertSameDiagnosis(result.report());
        String line = withSlip + "!/../../evil.cmd: path escapes the extraction folder ('..', absolute path, drive "
                + "letter or ':'); entry refused (zip-slip)";
        assertEquals(List.of(line), result.loaded().refused());
        assertTrue(result.report().notes().contains(line), result.report().notes().toString());
        assertFalse(Files.exists(dir.getParent().resolve("evil.cmd")));
    }

    private static List<Path> workFolders(Path tmp) throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("lockscope-case-")).sorted().toList();
        }
    }
}
