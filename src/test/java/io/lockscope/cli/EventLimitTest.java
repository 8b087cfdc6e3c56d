package io.lockscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockscope.generate.CaseFormats;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.GenerateOptions;
import io.lockscope.generate.Scenario;
import io.lockscope.generate.etw.EtlCaseGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An upload with more events than {@code --max-events}: the first events up to the limit are analysed, the
 * rest are counted and dropped, stderr and the report say how many, and the exit code is 1.
 */
class EventLimitTest {
    private static final int LIMIT = 1500;
    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() throws IOException {
        CaseGenerator.generate(Scenario.LOCK_HOLDER, dir, GenerateOptions.defaults().withEvents(4000)
                .withFormats(CaseFormats.parse("csv,xml,pml")));
        EtlCaseGenerator.write(dir.resolve("boot.etl"), EtlCaseGenerator.Scenario.LOCK_HOLDER, 1_000_000, true, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"boot_log.csv", "boot_log.xml", "boot_log.pml", "boot.etl"})
    void eventsPastTheLimitAreCountedAndDropped(String file) throws Exception {
        String input = dir.resolve(file).toString();
        long allEvents = events(CliRunner.run("analyze", input, "--format", "json"));
        assertTrue(allEvents > LIMIT, allEvents + " events");

        CliRunner r = CliRunner.run("analyze", input, "--format", "json", "--max-events", String.valueOf(LIMIT));
        assertEquals(Main.BAD_INPUT, r.exitCode(), r.err());
        String expected = String.format(Locale.ROOT, "lockscope: %s: event limit reached: the first %,d events were kept,"
                + " %,d more were not (--max-events); what came before was analysed", input, LIMIT, allEvents - LIMIT);
        assertEquals(expected, r.err().strip());
        assertEquals(LIMIT, events(r));
        JsonNode warnings = new ObjectMapper().readTree(r.out()).get("inputs").get(0).get("warnings");
        assertTrue(warnings.toString().contains("event limit reached"), warnings.toString());
    }

    @Test
    void theLimitIsAPositiveCount() {
        CliRunner r = CliRunner.run("analyze", dir.resolve("boot_log.csv").toString(), "--max-events", "0");
        assertEquals(Main.USAGE, r.exitCode(), r.err());
        assertTrue(r.err().contains("--max-events must be between 1 and 2000000000, not 0"), r.err());
    }

    private static long events(CliRunner run) throws IOException {
        return new ObjectMapper().readTree(run.out()).get("inputs").get(0).get("events").asLong();
    }
}
