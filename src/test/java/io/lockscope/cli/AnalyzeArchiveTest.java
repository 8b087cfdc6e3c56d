package io.lockscope.cli;

import io.lockscope.generate.CaseFormats;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.GenerateOptions;
import io.lockscope.generate.Scenario;
import io.lockscope.ingest.archive.Archives;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code analyze} and {@code batch} on archives that cannot be read: one line, no stack trace. */
class AnalyzeArchiveTest {
    @TempDir
    Path dir;

    @Test
    void corruptZipIsBadInputNamingArchiveAndEntry() throws Exception {
        byte[] text = "x,y,z\r\n".repeat(20_000).getBytes(StandardCharsets.US_ASCII);
        Path zip = Archives.zip(dir.resolve("upload.zip"), Map.of("logs/boot_log.csv", text));
        byte[] bytes = Files.readAllBytes(zip);
        Files.write(zip, Arrays.copyOf(bytes, bytes.length - 200));

        CliRunner run = CliRunner.run("analyze", zip.toString());
        assertEquals(Main.BAD_INPUT, run.exitCode());
        assertTrue(run.err().startsWith("lockscope: " + zip + ": entry logs/boot_log.csv: broken archive"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(run.err().contains("\tat "));
    }

    @Test
    void refusedEntryIsPrintedAndTheCaseAnalysed() throws Exception {
        Path folder = dir.resolve("case");
        long events = Math.max(1_500, CaseGenerator.minimumEvents(Scenario.DELETE_PENDING, 2));
        CaseGenerator.generate(Scenario.DELETE_PENDING, folder, GenerateOptions.defaults().withSeed(2)
                .withEvents(events).withFormats(CaseFormats.parse("xml,logs")));
        Path zip = dir.resolve("upload.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            out.putArchiveEntry(new ZipArchiveEntry("C:/Windows/System32/drivers/evil.sys"));
            out.write(new byte[] {'M', 'Z'});
            out.closeArchiveEntry();
            try (var files = Files.list(folder)) {
                for (Path f : files.sorted().toList()) {
                    out.putArchiveEntry(new ZipArchiveEntry("logs/" + f.getFileName()));
                    out.write(Files.readAllBytes(f));
                    out.closeArchiveEntry();
                }
            }
        }
        CliRunner run = CliRunner.run("analyze", zip.toString(), "--format", "json");
        assertEquals(Main.OK, run.exitCode(), run.err());
        assertEquals("lockscope: " + zip + "!/C:/Windows/System32/drivers/evil.sys: path escapes the extraction "
                + "folder ('..', absolute path, drive letter or ':'); entry refused (zip-slip)", run.err().strip());
        assertEquals("lock-holder", new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out())
                .get("verdict").get("kind").asText());
    }

    @Test
    void aCutCabIsNamedWithTheByteWhereItBreaks() throws Exception {
        Path cab = Files.write(dir.resolve("CbsPersist_20220811.cab"), "MSCF\0\0\0\0 rest".getBytes(StandardCharsets.US_ASCII));
        CliRunner run = CliRunner.run("analyze", cab.toString());
        assertEquals(Main.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains(cab + ": at the archive header: broken archive: at byte 0: CFHEADER needs 36 bytes, "
                + "the file has 13"), run.err());
    }

    @Test
    void batchMakesAnErrorRowOfAMissingInput() throws Exception {
        Path out = dir.resolve("out");
        CliRunner run = CliRunner.run("batch", dir.resolve("nope.zip").toString(), "-o", out.toString());
        assertEquals(Main.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("[1/1] nope  bad-input  " + dir.resolve("nope.zip") + ": no such file or folder"),
                run.err());
        assertTrue(Files.readString(out.resolve("summary.csv")).contains("no such file or folder"));
    }
}
