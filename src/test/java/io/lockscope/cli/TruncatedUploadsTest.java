package io.lockscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockscope.generate.CaseFormats;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.GenerateOptions;
import io.lockscope.generate.Scenario;
import io.lockscope.generate.etw.EtlCaseGenerator;
import io.lockscope.ingest.etw.etl.EtlReader;
import io.lockscope.model.ReadReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A boot log cut short by an interrupted upload: everything before the cut is analysed, stderr and the
 * report say where it was cut and how much was lost, the verdict warns that the failing window may be
 * missing, and the exit code is 1.
 */
class TruncatedUploadsTest {
    @TempDir
    static Path dir;
    private static Path whole;

    @BeforeAll
    static void generate() throws IOException {
        whole = dir.resolve("whole");
        CaseGenerator.generate(Scenario.LOCK_HOLDER, whole, GenerateOptions.defaults().withEvents(20_000)
                .withFormats(CaseFormats.parse("csv,xml,pml")));
    }

    /** A copy of the case's {@code file} cut to {@code percent} of its bytes, alone in a folder. */
    private static Path cut(String file, int percent) throws IOException {
        return cutTo(file, Files.size(whole.resolve(file)) * percent / 100 + 7, "-" + percent); // +7: mid-record
    }

    /** A copy of the case's {@code file} cut to its first {@code length} bytes, alone in a folder. */
    private static Path cutTo(String file, long length, String folderSuffix) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(file + folderSuffix));
        Path copy = Files.copy(whole.resolve(file), folder.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        try (RandomAccessFile f = new RandomAccessFile(copy.toFile(), "rw")) {
            f.setLength(length);
        }
        return copy;
    }

    @ParameterizedTest(name = "{0} cut at {1}%")
    @CsvSource({"boot_log.csv, 90, line, true", "boot_log.xml, 90, line, true", "boot_log.pml, 90, byte, false"})
    void whatCameBeforeTheCutIsAnalysedAndTheLossReported(String file, int percent, String unit, boolean lowerBound)
            throws Exception {
        CliRunner wholeRun = CliRunner.run("analyze", whole.resolve(file).toString(), "--format", "json");
        long allEvents = new ObjectMapper().readTree(wholeRun.out()).get("inputs").get(0).get("events").asLong();

        Path damaged = cut(file, percent);
        CliRunner r = CliRunner.run("analyze", damaged.toString(), "--format", "json");
        assertEquals(Main.BAD_INPUT, r.exitCode(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().matches("(?s)lockscope: .*" + file + ": truncated at " + unit + " [0-9]+: "
                + (lowerBound ? "at least [0-9,]+ records? lost; the file does not say how many followed the cut"
                              : "[0-9,]+ records? lost \\(estimate\\)")
                + "; what came before was analysed\\s*"), r.err());

        JsonNode report = new ObjectMapper().readTree(r.out());
        JsonNode input = report.get("inputs").get(0);
        long read = input.get("events").asLong();
        assertTrue(read > allEvents * (percent - 15) / 100 && read < allEvents, read + " of " + allEvents);
        JsonNode cut = input.get("truncation");
        assertEquals(unit, cut.get("unit").asText());
        assertEquals(lowerBound, cut.get("lowerBound").asBoolean());
        assertTrue(cut.get("recordsLost").asLong() >= 1);
        if (!lowerBound) {
            assertEquals(allEvents - read, cut.get("recordsLost").asLong(), "the PML header counts every event");
        }
        assertTrue(cut.get("text").asText().startsWith("truncated at " + unit), cut.toString());
        String verdict = report.get("verdict").get("summary").asText();
        assertTrue(verdict.contains("cut short") && verdict.contains("failing window may be missing"), verdict);
        if (lowerBound) {
            assertEquals("lock-holder", report.get("verdict").get("kind").asText(), "the failure came before the cut");
        } else {
            // the PML's process table follows its events: cut, processes are known by their index only
            assertTrue(input.get("warnings").toString().contains("processes are named by their index"), input.toString());
        }
    }

    @Test
    void anEtlCutInsideABufferIsReadUpToTheCutWithTheLossEstimatedFromTheHeader() throws Exception {
        Path etl = whole.resolve("boot.etl");
        EtlCaseGenerator.write(etl, EtlCaseGenerator.Scenario.LOCK_HOLDER, 3_000_000, false, 1);
        JsonNode all = new ObjectMapper().readTree(CliRunner.run("analyze", etl.toString(), "--format", "json").out());
        long allEvents = all.get("inputs").get(0).get("events").asLong();

        Path damaged = cut("boot.etl", 80);
        CliRunner r = CliRunner.run("analyze", damaged.toString(), "--format", "json");
        assertEquals(Main.BAD_INPUT, r.exitCode(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("boot.etl: truncated at byte "), r.err());
        JsonNode input = new ObjectMapper().readTree(r.out()).get("inputs").get(0);
        long read = input.get("events").asLong();
        JsonNode cut = input.get("truncation");
        assertEquals(false, cut.get("lowerBound").asBoolean(), "the logfile header counts the buffers written");
        long lost = cut.get("recordsLost").asLong();
        assertTrue(read < allEvents && lost > 0, read + " of " + allEvents + ", " + lost + " lost");
        assertTrue(cut.get("position").asLong() <= Files.size(damaged));
    }

    @Test
    void anEtlCutOnABufferBoundaryIsTruncatedNotWhole() throws Exception {
        Path etl = whole.resolve("boundary.etl");
        EtlCaseGenerator.write(etl, EtlCaseGenerator.Scenario.LOCK_HOLDER, 3_000_000, false, 1);
        long bufferSize;
        try (EtlReader reader = EtlReader.open(etl, "boundary.etl", new ReadReport())) {
            bufferSize = reader.header().bufferSize();
        }
        long boundary = Files.size(etl) * 3 / 5 / bufferSize * bufferSize;
        Path damaged = cutTo("boundary.etl", boundary, "-on-a-boundary");

        CliRunner r = CliRunner.run("analyze", damaged.toString(), "--format", "json");
        assertEquals(Main.BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("boundary.etl: truncated at byte " + boundary + ": "), r.err());
        JsonNode cut = new ObjectMapper().readTree(r.out()).get("inputs").get(0).get("truncation");
        assertEquals(false, cut.get("lowerBound").asBoolean(), "the logfile header counts the buffers written");
        assertTrue(cut.get("recordsLost").asLong() > 0, cut.toString());
    }

    @Test
    void aCsvCutJustAfterASeparatorIsTruncatedNotAWrongRow() throws Exception {
        String csv = Files.readString(whole.resolve("boot_log.csv"));
        int lastRecord = csv.lastIndexOf("\r\n\"", csv.length() * 9 / 10) + 2;
        int afterSecondField = csv.indexOf("\",\"", csv.indexOf("\",\"", lastRecord) + 1) + 2;
        long line = csv.substring(0, lastRecord).chars().filter(c -> c == '\n').count() + 1;
        Path damaged = cutTo("boot_log.csv", csv.substring(0, afterSecondField).getBytes(StandardCharsets.UTF_8).length,
                "-after-a-separator");

        CliRunner r = CliRunner.run("analyze", damaged.toString(), "--format", "json");
        assertEquals(Main.BAD_INPUT, r.exitCode(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("boot_log.csv: truncated at line " + line + ": at least 1 record lost"), r.err());
        JsonNode input = new ObjectMapper().readTree(r.out()).get("inputs").get(0);
        assertFalse(input.toString().contains("wrong number of fields"), input.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"boot_log.csv", "boot_log.xml", "boot_log.pml"})
    void theCutIsInEveryFormatAndLanguage(String file) throws Exception {
        Path damaged = cut(file, 95);
        CliRunner text = CliRunner.run("analyze", damaged.toString());
        assertTrue(text.out().contains("#0 truncated at "), text.out());
        CliRunner zh = CliRunner.run("analyze", damaged.toString(), "--lang", "zh-CN");
        assertTrue(zh.out().contains("处截断") && zh.out().contains("可能缺少失败发生的时间段"), zh.out());
        Path html = dir.resolve(file + ".html");
        assertEquals(Main.BAD_INPUT, CliRunner.run("analyze", damaged.toString(), "--format", "html", "-o", html.toString())
                .exitCode());
        assertTrue(Files.readString(html).contains("class=\"truncated\">truncated at "));
        CliRunner info = CliRunner.run("info", damaged.toString());
        assertEquals(Main.BAD_INPUT, info.exitCode());
        assertFalse(info.err().contains("Exception"), info.err());
    }
}
