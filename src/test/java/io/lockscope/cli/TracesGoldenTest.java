package io.lockscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON report of every sample case in traces/ equals its golden file in
 * src/test/resources/golden/. After an intended change, regenerate with
 * {@code mvn test -Dtest=TracesGoldenTest -Dlockscope.updateGolden=true} and review the diff.
 */
class TracesGoldenTest {
    private static final Path TRACES = Path.of("traces");
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    @TestFactory
    Stream<DynamicTest> everySampleCaseMatchesItsGoldenReport() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(TRACES)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertFalse(cases.isEmpty(), "traces/ has sample cases");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
    }

    private static void check(Path caseDir) throws IOException {
        CliRunner run = CliRunner.run("analyze", caseDir.toString(), "--format", "json");
        assertEquals(Main.OK, run.exitCode(), run.err());
        assertTrue(run.err().isEmpty(), "no notes on stderr: " + run.err());
        eachFilterIsOneRow(new ObjectMapper().readTree(run.out()).get("filters"));
        Path golden = GOLDEN.resolve(caseDir.getFileName() + ".json");
        if (Boolean.getBoolean("lockscope.updateGolden")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, run.out(), StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(golden), "no golden report " + golden + "; run with -Dlockscope.updateGolden=true");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), run.out(), "report of " + caseDir);
    }

    /** fltmc's "tmevtmgr" and the trace's module "tmevtmgr.sys" are one filter; a module with no altitude is none. */
    private static void eachFilterIsOneRow(JsonNode filters) {
        Set<String> names = new HashSet<>();
        for (JsonNode f : filters == null ? List.<JsonNode>of() : filters) {
            String name = f.get("name").asText().toLowerCase(Locale.ROOT).replaceFirst("\\.sys$", "");
            assertTrue(names.add(name), "listed twice: " + name + " in " + filters);
            assertFalse(f.get("altitude").isNull() && f.get("group").isNull(), "not a filter: " + f);
        }
    }
}
