package io.lockscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockscope.generate.CaseFormats;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.GenerateOptions;
import io.lockscope.generate.GeneratedCase;
import io.lockscope.generate.Scenario;
import io.lockscope.generate.ScenarioFacts;
import io.lockscope.model.servicing.ServicingPhase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every scenario end to end — one per way Windows blocks a driver update (lock-semantics.md) — generated as a
 * procmon CSV export, an XML export with stacks and a native PML with stacks, analysed through the CLI without
 * --target; the JSON verdict is compared with what the generator planted: the verdict kind, every culprit
 * (process and PID) and how each blocked, the failing INF.
 */
class ScenarioVerdictTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void csvExport(Scenario scenario) throws Exception {
        check(scenario, "csv", "boot_log.csv");
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void xmlExportWithStacks(Scenario scenario) throws Exception {
        check(scenario, "xml", "boot_log.xml");
    }

    @ParameterizedTest
    @EnumSource(Scenario.class)
    void nativePmlWithStacks(Scenario scenario) throws Exception {
        check(scenario, "pml", "boot_log.pml");
    }

    /** The messages of the findings of rule {@code rule}, joined. */
    private static String findings(JsonNode report, String rule) {
        StringBuilder messages = new StringBuilder();
        report.get("findings").forEach(f -> {
            if (f.get("rule").asText().equals(rule)) {
                messages.append(f.get("message").asText()).append('\n');
            }
        });
        return messages.toString();
    }

    private void check(Scenario scenario, String format, String file) throws Exception {
        // what the servicing logs alone know (no trace, a failure before the captured boot) is
        // WholeCaseScenariosTest's: analysed as a trace alone these cases say nothing about the failure
        assumeTrue(scenario.traced() && scenario.phase() == ServicingPhase.STARTUP, scenario + " needs its logs");
        long events = Math.max(3_000, CaseGenerator.minimumEvents(scenario, 7));
        GeneratedCase generated = CaseGenerator.generate(scenario, dir, GenerateOptions.defaults()
                .withSeed(7).withEvents(events).withFormats(CaseFormats.parse(format)));
        ScenarioFacts facts = generated.facts();
        CliRunner run = CliRunner.run("analyze", dir.resolve(file).toString(), "--format", "json");
        assertEquals(Main.OK, run.exitCode(), run.err());
        JsonNode report = JSON.readTree(run.out());
        JsonNode verdict = report.get("verdict");

        // a CSV has no stacks: a filter-only denial cannot be proven from it, and the report must say so
        boolean filterNeedsStacks = (scenario == Scenario.FILTER_DENIAL || scenario == Scenario.REGISTRY_CALLBACK_DENIAL)
                && format.equals("csv");
        String expected = filterNeedsStacks ? "inconclusive" : scenario.expectedVerdict();
        assertEquals(expected, verdict.get("kind").asText(), scenario + " " + format + ": " + verdict);
        if (filterNeedsStacks) {
            assertTrue(report.get("findings").toString().contains("no call stacks"), report.get("findings").toString());
            return;
        }
        switch (scenario) {
            case CLEAN -> {
                assertTrue(verdict.get("culprit").isNull());
                assertTrue(verdict.get("culprits").isEmpty());
            }
            case OPLOCK_DELAY -> {
                // contention is reported as a delay naming the oplock holder, never as the failure
                assertTrue(verdict.get("culprits").isEmpty());
                assertTrue(report.get("failures").isEmpty());
                assertTrue(findings(report, "oplock-delay").contains("ntrtscan.exe (pid 1880) held an oplock"),
                        report.get("findings").toString());
            }
            case REGISTRY_CORRUPT -> {
                assertTrue(verdict.get("culprit").isNull());
                assertEquals(facts.failure().path(), report.get("failures").get(0).get("path").asText());
            }
            case REGISTRY_CALLBACK_DENIAL -> {
                assertEquals(facts.filterDriver().toLowerCase(), verdict.get("culprit").get("driver").asText().toLowerCase());
                assertEquals(facts.failure().path(), report.get("failures").get(0).get("path").asText());
                assertTrue(report.get("failures").get(0).get("holders").isEmpty());
            }
            case FILTER_DENIAL -> {
                assertEquals(facts.filterDriver().toLowerCase(), verdict.get("culprit").get("driver").asText().toLowerCase());
                assertEquals(facts.mechanism(), verdict.get("culprit").get("mechanism").asText());
                assertEquals(1, verdict.get("culprits").size());
                // the filter's frames are shown from the I/O it issued on TiWorker's thread, not from the denied create
                JsonNode driver = report.get("failures").get(0).get("filterDrivers").get(0);
                assertEquals("stack-nested", driver.get("evidence").asText(), driver.toString());
                assertTrue(driver.get("frames").get(0).asText().toLowerCase().startsWith(facts.filterDriver().toLowerCase() + "+0x"),
                        driver.toString());
                // procmon records the create above every anti-virus filter: suspected, never proven
                assertEquals("medium", verdict.get("confidence").asText());
                assertTrue(report.get("failures").get(0).get("holders").isEmpty());
            }
            default -> {
                JsonNode culprit = verdict.get("culprit");
                Set<String> holders = new HashSet<>();
                facts.holders().forEach(h -> holders.add(h.process() + "/" + h.pid()));
                assertTrue(holders.contains(culprit.get("process").asText() + "/" + culprit.get("pid").asInt()),
                        scenario + ": culprit " + culprit + " is not one of the planted holders " + holders);
                assertEquals(facts.culprit().process(), culprit.get("process").asText());
                // the knowledge base names the vendor it knows, and never guesses one it does not
                // (facts.vendor() is the planted agent's; a Windows process as culprit is Microsoft's by its company)
                String expectedVendor = "Microsoft Corporation".equals(facts.culprit().company()) ? "Microsoft" : facts.vendor();
                assertEquals(expectedVendor, culprit.get("vendor").isNull() ? null : culprit.get("vendor").asText(),
                        scenario + ": vendor of " + culprit);
                assertEquals(facts.failure().process(), report.get("failures").get(0).get("process").asText());
                assertEquals(facts.holders().size(), report.get("failures").get(0).get("holders").size(),
                        report.get("failures").get(0).toString());
                // every planted holder is a culprit, the first one first, each blocking through its handle
                Set<String> culprits = new HashSet<>();
                verdict.get("culprits").forEach(c -> {
                    culprits.add(c.get("process").asText() + "/" + c.get("pid").asInt());
                    assertEquals(facts.mechanism(), c.get("mechanism").asText(), c.toString());
                });
                assertEquals(holders, culprits, scenario + ": culprits " + verdict.get("culprits"));
                assertEquals(verdict.get("culprits").get(0), culprit);
            }
        }
        assertEquals("trace", report.get("target").get("source").asText());
        if (scenario == Scenario.CLEAN || scenario == Scenario.OPLOCK_DELAY) {
            assertTrue(report.get("target").get("names").isEmpty(), "nothing failed, so no target is inferred");
        } else {
            // a failure on the DRIVERS hive belongs to no one package: the target is the driver database
            String expectedTarget = scenario == Scenario.DRIVERS_HIVE_LOCK ? "*\\DriverDatabase*" : facts.infName();
            assertEquals(expectedTarget, report.get("target").get("names").get(0).asText());
        }
    }
}
