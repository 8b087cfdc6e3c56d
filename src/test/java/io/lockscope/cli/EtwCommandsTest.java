package io.lockscope.cli;

import io.lockscope.generate.etw.EtlCaseGenerator;
import io.lockscope.nativeio.NativeXpress;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** info, timeline and convert on every exported ETW form of the lock scenario (fixtures: etw/export/README.md). */
class EtwCommandsTest {
    @TempDir
    Path dir;

    private static final String DIR = "src/test/resources/etw/export/";

    @ParameterizedTest
    @ValueSource(strings = {"lock-scenario.tracerpt.csv", "lock-scenario.tracerpt.xml", "lock-scenario.xperf-dumper.txt",
            "lock-scenario.wpa-fileio-de.csv"})
    void infoTimelineAndConvertWorkOnEveryForm(String file) throws Exception {
        String path = DIR + file;
        CliRunner info = CliRunner.run("info", path, "--format", "json");
        assertEquals(Main.OK, info.exitCode(), info.err());
        assertTrue(info.out().contains("\"events\""), info.out());

        CliRunner timeline = CliRunner.run("timeline", path, "--path", "*oposdrv.dll");
        assertEquals(Main.OK, timeline.exitCode(), timeline.err());
        assertTrue(timeline.out().contains("SHARING VIOLATION") && timeline.out().contains("ntrtscan.exe"), timeline.out());

        Path out = dir.resolve(file + ".jsonl");
        CliRunner jsonl = CliRunner.run("convert", path, "--to", "jsonl", "-o", out.toString());
        assertEquals(Main.OK, jsonl.exitCode(), jsonl.err());
        assertTrue(Files.readAllLines(out).stream().anyMatch(l -> l.contains("\"result\":\"SHARING VIOLATION\"")));
    }

    @Test
    void infoKeysEtlCountsByTraceEventNames() throws Exception {
        Path etl = Path.of("../shared/corpus/etw/etl-parser/ShutdownPerfDiagLogger.etl");
        Assumptions.assumeTrue(Files.exists(etl), "../shared/corpus is absent: skipped");
        CliRunner info = CliRunner.run("info", etl.toString(), "--format", "json");
        assertEquals(Main.OK, info.exitCode(), info.err());
        var counts = new com.fasterxml.jackson.databind.ObjectMapper().readTree(info.out()).get("inputs").get(0)
                .get("countsByOperation");
        assertTrue(counts.has("Process/DCStart") && counts.has("Thread/DCStart") && counts.has("Image/DCStart"),
                counts.toString());
    }

    /** info names the XPRESS decoder of a compressed ETL; -Dlockscope.native=false turns native off. */
    @Test
    void infoSaysWhichXpressDecoderRan(@TempDir Path tmp) throws Exception {
        Path etl = tmp.resolve("boot.etl");
        EtlCaseGenerator.write(etl, EtlCaseGenerator.Scenario.LOCK_HOLDER, 200_000, true, 1);
        CliRunner preferred = CliRunner.run("info", etl.toString());
        assertEquals(Main.OK, preferred.exitCode(), preferred.err());
        String expected = NativeXpress.available() ? "  decoder     XPRESS: native: " : "  decoder     XPRESS: Java (";
        assertTrue(preferred.out().contains(expected), preferred.out());
        String before = System.getProperty("lockscope.native");
        System.setProperty("lockscope.native", "false");
        try {
            CliRunner java = CliRunner.run("info", etl.toString(), "--format", "json");
            var decoders = new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.out()).get("inputs").get(0)
                    .get("decoders");
            assertTrue(decoders.get("XPRESS").asText().startsWith("Java ("), decoders.toString());
        } finally {
            if (before == null) {
                System.clearProperty("lockscope.native");
            } else {
                System.setProperty("lockscope.native", before);
            }
        }
    }
}
