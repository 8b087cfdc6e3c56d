package io.lockscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockscope.generate.CaseFormats;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.GenerateOptions;
import io.lockscope.generate.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A heap too small for a case, in a JVM of its own with 32 MiB of heap, which the shipped sample case
 * fits (batch needs 24 MiB for it on the test classpath, analyze 16) and a generated case of 400,000 events
 * does not (it needs more than 64): {@code analyze} says so in one line,
 * with the heap's size and how to give more, and exits 3, never with the JVM's own trace; {@code batch}
 * runs that case again alone, then gives it the status out-of-memory, and still reports every other case.
 */
@Timeout(600)
class OutOfMemoryTest {
    private static final String HEAP = "-Xmx32m";
    private static final String SAMPLE = "traces/lock-holder";

    @TempDir
    static Path dir;
    private static Path big;

    @BeforeAll
    static void bigCase() throws Exception {
        big = dir.resolve("big");
        CaseGenerator.generate(Scenario.LOCK_HOLDER, big, GenerateOptions.defaults().withSeed(1).withEvents(400_000)
                .withFormats(CaseFormats.parse("csv,logs")));
    }

    private record Run(int exit, String out, String err) {
    }

    /** lockscope in a JVM of {@link #HEAP} heap. */
    private static Run lockscope(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "lockscope ends");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void noTrace(String stderr) {
        assertFalse(stderr.contains("Exception") || stderr.contains("Error") || stderr.contains("\tat "), stderr);
    }

    @Test
    void analyzeSaysTheHeapAndHowToGiveMoreInOneLine() throws Exception {
        assertEquals(0, lockscope("analyze", "-q", SAMPLE).exit(), "the sample case fits");
        Run run = lockscope("analyze", "-q", big.toString());
        assertEquals(Main.INTERNAL, run.exit(), run.err());
        noTrace(run.err());
        assertTrue(run.err().matches("lockscope: out of memory in a \\d+ MiB heap; give the JVM more heap, such as twice"
                + " this \\(JAVA_OPTS=-Xmx\\d+m\\), or keep fewer trace events \\(--max-events N\\)\\R"), run.err());
    }

    @Test
    void batchRunsTheCaseAgainAloneAndReportsTheOthers() throws Exception {
        Path out = dir.resolve("batch");
        Run run = lockscope("batch", SAMPLE, big.toString(), "-o", out.toString(), "--jobs", "2", "-q");
        assertEquals(Main.INTERNAL, run.exit(), run.err());
        noTrace(run.err());
        assertTrue(run.err().contains("1 of the cases ran out of memory even alone: give the JVM more heap")
                && run.err().contains("run again with --resume"), run.err());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(1, summary.at("/counts/ok").asInt(), summary.toString());
        assertEquals(1, summary.at("/counts/outOfMemory").asInt(), summary.toString());
        assertEquals(1, summary.at("/counts/ranAlone").asInt(), "the big case ran again alone: " + summary);
        assertFalse(run.err().contains("beside others"), "it did not fit alone either: " + run.err());
        for (JsonNode row : summary.get("cases")) {
            if (row.get("name").asText().equals("big")) {
                assertEquals("out-of-memory", row.get("status").asText());
                assertTrue(row.get("message").asText().matches("out of memory in a \\d+ MiB heap, also when run alone"),
                        row.toString());
            } else {
                assertEquals("lock-holder", row.get("verdict").asText(), row.toString());
            }
        }
        assertFalse(Files.exists(out.resolve("cases/big/case.json")), "no record: --resume tries the case again");
        assertTrue(Files.readString(out.resolve("index.html")).contains("out of memory"));
    }
}
