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
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11's generated scenarios, each analysed as a whole case (trace and servicing logs) through the
 * CLI, with the verdict it must give and the evidence that explains the logged code.
 */
class WholeCaseScenariosTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private JsonNode analyse(Scenario scenario, String formats) throws Exception {
        long events = Math.max(3_000, CaseGenerator.minimumEvents(scenario, 7));
        CaseGenerator.generate(scenario, dir, GenerateOptions.defaults().withSeed(7).withEvents(events)
                .withFormats(CaseFormats.parse(formats)));
        CliRunner run = CliRunner.run("analyze", dir.toString(), "--format", "json");
        assertEquals(Main.OK, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals(scenario.expectedVerdict(), report.get("verdict").get("kind").asText(), report.get("verdict").toString());
        return report;
    }

    private static List<String> findingKeys(JsonNode report, String rule) {
        List<String> messages = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (f.get("rule").asText().equals(rule)) {
                messages.add(f.get("message").asText());
            }
        });
        return messages;
    }

    @Test
    void aDriversHiveHeldOpenFailsTheLoadAndExplainsErrorBaddb() throws Exception {
        JsonNode report = analyse(Scenario.DRIVERS_HIVE_LOCK, "csv,logs");
        assertEquals("ntrtscan.exe", report.get("verdict").get("culprit").get("process").asText());
        assertTrue(report.get("failures").get(0).get("path").asText().endsWith("\\System32\\config\\DRIVERS"));
        assertEquals("0x800703f1", report.get("servicing").get("hresult").asText());
        List<String> code = findingKeys(report, "logged-code");
        assertEquals(1, code.size());
        assertTrue(code.get(0).contains("part of the driver database"), code.get(0));
    }

    @Test
    void aRegistryCallbackDenialBlamesTheAgentsDriver() throws Exception {
        JsonNode report = analyse(Scenario.REGISTRY_CALLBACK_DENIAL, "pml,logs");
        assertEquals("tmevtmgr.sys", report.get("verdict").get("culprit").get("driver").asText());
        assertEquals("ACCESS DENIED", report.get("failures").get(0).get("result").asText());
        assertTrue(report.get("failures").get(0).get("path").asText().startsWith("HKLM\\DRIVERS\\DriverDatabase\\"));
        assertEquals("0x80070005", report.get("servicing").get("hresult").asText());
        assertTrue(findingKeys(report, "logged-code").get(0).contains("surfaces as"));
    }

    @Test
    void aCaseOfServicingLogsAloneIsAServicingFailure() throws Exception {
        JsonNode report = analyse(Scenario.CBS_ONLY, "csv");
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith("boot_log")), "no trace is written");
        }
        assertEquals("0x80070020", report.get("servicing").get("hresult").asText());
        assertEquals("high", report.get("verdict").get("confidence").asText());
        String summary = report.get("verdict").get("summary").asText();
        assertTrue(summary.contains("oposdrv.inf") && summary.contains("No trace was given"), summary);
    }

    @Test
    void aShutdownFailureWithTheNextBootsCaptureSaysWhyTheTraceCannotShowIt() throws Exception {
        JsonNode report = analyse(Scenario.SHUTDOWN_FAILURE, "csv,logs");
        assertEquals("Shtd", report.get("servicing").get("phase").asText());
        assertEquals("non-critical-drivers", report.get("servicing").get("queue").asText());
        assertTrue(report.get("failures").isEmpty(), "the next boot shows no failed operation");
        assertEquals(1, findingKeys(report, "boot-phase").size());
        assertTrue(report.get("verdict").get("recommendation").asText().contains("one boot earlier"));
        assertFalse(findingKeys(report, "failure-times").isEmpty(), "the logged failure is before the capture");
    }
}
