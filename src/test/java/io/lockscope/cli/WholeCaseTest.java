package io.lockscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockscope.generate.CaseFormats;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.GenerateOptions;
import io.lockscope.generate.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11: one case per analysis, honest empty answers, servicing logs without a trace. */
class WholeCaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Path fixture(String name) throws Exception {
        return Path.of(WholeCaseTest.class.getResource("/servicing/" + name).toURI());
    }

    @Test
    void aFailedStartupLogAloneIsAServicingFailureNotNoFailure() throws Exception {
        CliRunner run = CliRunner.run("analyze", fixture("cbs-19041-startup-rollback.log").toString(), "--format", "json");
        assertEquals(Main.OK, run.exitCode(), run.err());
        JsonNode verdict = JSON.readTree(run.out()).get("verdict");
        assertEquals("servicing-failure", verdict.get("kind").asText());
        String summary = verdict.get("summary").asText();
        assertTrue(summary.contains("0x80070057 E_INVALIDARG") && summary.contains("critical primitive operations queue")
                && summary.contains("rolled the update back") && summary.contains("line 5"), summary);
        assertTrue(verdict.get("recommendation").asText().contains("Enable Boot Logging"), verdict.toString());
        assertEquals("critical-primitives", JSON.readTree(run.out()).get("servicing").get("queue").asText());
    }

    @Test
    void aShutdownFailureSaysABootLogOfTheNextBootCannotHoldIt() throws Exception {
        CliRunner run = CliRunner.run("analyze", fixture("cbs-shtd-noncritical.log").toString(), "--format", "json",
                "--lang", "zh-CN");
        assertEquals(Main.OK, run.exitCode(), run.err());
        JsonNode verdict = JSON.readTree(run.out()).get("verdict");
        assertEquals("servicing-failure", verdict.get("kind").asText());
        assertTrue(verdict.get("summary").asText().contains("关机处理"), verdict.toString());
        assertTrue(verdict.get("recommendation").asText().contains("提前一次启动"), verdict.toString());
    }

    @Test
    void aTargetMatchingNothingIsNotTakenForAFailureOutsideTheCapture() throws Exception {
        // the DRIVERS hive files every INF name takes along must not count as a match
        CliRunner run = CliRunner.run("analyze", "traces/lock-holder", "--target", "nosuch.inf", "--format", "json");
        assertEquals(Main.OK, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(run.out());
        JsonNode verdict = report.get("verdict");
        assertEquals("inconclusive", verdict.get("kind").asText(), verdict.toString());
        assertTrue(verdict.get("summary").asText().startsWith("--target nosuch.inf matches nothing"), verdict.toString());
        boolean listed = false;
        for (JsonNode f : report.get("findings")) {
            listed |= f.get("rule").asText().equals("target-unmatched") && f.get("message").asText().contains("oposdrv.inf");
        }
        assertTrue(listed, "the finding lists the packages shown: " + report.get("findings"));
    }

    @Test
    void severalCbsLogsAreSeveralCasesAndPointAtBatch() throws Exception {
        for (String c : new String[] {"machine-a", "machine-b"}) {
            Files.createDirectories(dir.resolve(c));
            Files.copy(fixture("cbs-14393-critical-doq.log"), dir.resolve(c).resolve("CBS.log"));
        }
        CliRunner run = CliRunner.run("analyze", dir.toString());
        assertEquals(Main.USAGE, run.exitCode(), run.out());
        assertTrue(run.err().contains("several cases") && run.err().contains("lockscope batch"), run.err());
        assertTrue(run.out().isEmpty(), "no merged report");
    }

    @Test
    void anEmptyFolderIsBadInputSayingWhatWasSkipped() throws Exception {
        CliRunner empty = CliRunner.run("analyze", dir.toString());
        assertEquals(Main.BAD_INPUT, empty.exitCode());
        assertTrue(empty.err().contains("nothing lockscope reads in " + dir), empty.err());

        Files.writeString(dir.resolve("notes.txt"), "the customer says it failed twice\n");
        CliRunner skipped = CliRunner.run("analyze", dir.toString());
        assertEquals(Main.BAD_INPUT, skipped.exitCode());
        assertTrue(skipped.err().contains("skipped: " + dir.getFileName() + "/notes.txt"), skipped.err());
    }

    @Test
    void theSameCaptureInTwoFormatsIsReadOnceInItsRichestForm() throws Exception {
        long events = Math.max(3_000, CaseGenerator.minimumEvents(Scenario.LOCK_HOLDER, 7));
        CaseGenerator.generate(Scenario.LOCK_HOLDER, dir, GenerateOptions.defaults().withSeed(7).withEvents(events)
                .withFormats(CaseFormats.parse("csv,pml")));
        CliRunner pmlOnly = CliRunner.run("analyze", dir.resolve("boot_log.pml").toString(), "--format", "json");
        CliRunner both = CliRunner.run("analyze", dir.toString(), "--format", "json");
        assertEquals(Main.OK, both.exitCode(), both.err());
        JsonNode report = JSON.readTree(both.out());
        long traces = 0;
        for (JsonNode input : report.get("inputs")) {
            traces += input.get("format").asText().startsWith("procmon-") ? 1 : 0;
            assertTrue(!input.get("format").asText().equals("procmon-csv"), "the CSV copy is not read");
        }
        assertEquals(1, traces);
        assertEquals(JSON.readTree(pmlOnly.out()).get("failures").size(), report.get("failures").size());
        assertTrue(report.get("notes").toString().contains("boot_log.csv is an export of the capture"),
                report.get("notes").toString());
        assertTrue(both.err().contains("boot_log.csv is an export of the capture"), both.err());
    }

    @Test
    void noTargetFoundIsSaidSo() throws Exception {
        CliRunner run = CliRunner.run("analyze", fixture("fltmc-filters.txt").toString());
        assertTrue(run.out().contains("Target: none found"), run.out());
    }
}
