package io.lockscope.cli;

import io.lockscope.ingest.archive.Archives;
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
    void cabIsNamedAsUnsupported() throws Exception {
        Path cab = Files.write(dir.resolve("CbsPersist_20220811.cab"), "MSCF\0\0\0\0 rest".getBytes(StandardCharsets.US_ASCII));
        CliRunner run = CliRunner.run("analyze", cab.toString());
        assertEquals(Main.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("Microsoft Cabinet (.cab) archives are not read"), run.err());
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
