package io.lockscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code info} says why each input was taken for its format. */
class InfoDetectionTest {
    @Test
    void everyInputSaysWhyItsFormatWasChosen() throws Exception {
        CliRunner r = CliRunner.run("info", "traces/lock-holder", "--format", "json");
        assertEquals(Main.OK, r.exitCode(), r.err());
        Map<String, String> why = new HashMap<>();
        for (JsonNode input : new ObjectMapper().readTree(r.out()).get("inputs")) {
            why.put(input.get("format").asText(), input.get("detectedBy").asText());
        }
        assertEquals("procmon-csv by its header", why.get("procmon-csv"), r.out());
        assertTrue(why.get("cbs-log").startsWith("cbs-log (CBS.log) by lines shaped like its records"), r.out());

        CliRunner text = CliRunner.run("info", "traces/lock-holder/boot_log.csv");
        assertTrue(text.out().contains("\n  detected    procmon-csv by its header\n"), text.out());
    }
}
