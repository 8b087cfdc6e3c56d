package io.lockscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockscope.generate.CaseFormats;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.GenerateOptions;
import io.lockscope.generate.Scenario;
import io.lockscope.ingest.archive.Archives;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch of hostile uploads, each wrapped around a real case: a zip-slip entry and a 10 GiB bomb.
 * Each hostile part is refused, said in the case report's notes and counted in its row's warnings;
 * the case inside is still diagnosed, and the batch exits 0 (every case produced a report).
 */
class BatchHostileArchivesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void hostileEntriesAreRefusedAndTheCasesStillDiagnosed() throws Exception {
        Path folder = dir.resolve("case");
        long events = Math.max(1_500, CaseGenerator.minimumEvents(Scenario.LOCK_HOLDER, 8));
        CaseGenerator.generate(Scenario.LOCK_HOLDER, folder, GenerateOptions.defaults().withSeed(8).withEvents(events)
                .withFormats(CaseFormats.parse("csv,logs")));
        Path plain = Archives.zipFolder(folder, dir.resolve("plain.zip"));

        Path slip = dir.resolve("slip.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(slip); ZipFile in = ZipFile.builder().setPath(plain).get()) {
            out.putArchiveEntry(new ZipArchiveEntry("../../../../tmp/owned.txt"));
            out.write("owned".getBytes(StandardCharsets.US_ASCII));
            out.closeArchiveEntry();
            in.copyRawEntries(out, e -> true);
        }
        Path bomb = Archives.zeroBomb(dir.resolve("bomb.zip"), "huge.log", 10 * 1024, "case.zip",
                Files.readAllBytes(plain));

        Path out = dir.resolve("out");
        CliRunner run = CliRunner.run("batch", slip.toString(), bomb.toString(), "-o", out.toString());
        assertEquals(Main.OK, run.exitCode(), run.err());
        JsonNode rows = JSON.readTree(out.resolve("summary.json").toFile()).get("cases");
        for (JsonNode row : rows) {
            assertEquals("lock-holder", row.get("verdict").asText(), row.toString());
            assertEquals("ntrtscan.exe", row.get("culprit").asText(), row.toString());
            assertEquals(1, row.get("warnings").asInt(), row.toString());
        }
        JsonNode slipNotes = JSON.readTree(out.resolve("cases/slip/report.json").toFile()).get("notes");
        assertTrue(slipNotes.toString().contains("../../../../tmp/owned.txt: path escapes the extraction folder"),
                slipNotes.toString());
        JsonNode bombReport = JSON.readTree(out.resolve("cases/bomb/report.json").toFile());
        assertTrue(bombReport.get("notes").toString().contains("bomb.zip!/huge.log: expands more than 250 times"),
                bombReport.get("notes").toString());
        assertTrue(bombReport.get("inputs").toString().contains("bomb.zip!/case.zip!/CBS.log"));
    }
}
