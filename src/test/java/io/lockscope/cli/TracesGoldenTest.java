package io.lockscope.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        Path golden = GOLDEN.resolve(caseDir.getFileName() + ".json");
        if (Boolean.getBoolean("lockscope.updateGolden")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, run.out(), StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(golden), "no golden report " + golden + "; run with -Dlockscope.updateGolden=true");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), run.out(), "report of " + caseDir);
    }
}
