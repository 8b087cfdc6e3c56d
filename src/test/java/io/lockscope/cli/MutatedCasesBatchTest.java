package io.lockscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockscope.generate.CaseFormats;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.GenerateOptions;
import io.lockscope.generate.Scenario;
import io.lockscope.ingest.archive.Archives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15's batch check: 200 cases, each a real generated case (procmon CSV and XML, CBS.log,
 * setupapi.dev.log, fltmc, FilterList.log) damaged the ways uploads are damaged — bytes flipped, files cut
 * short, junk inserted, a file replaced by noise or emptied, some zipped before or after the damage.
 * {@code batch} must account for every case, as a report or an error row, exit 1 (some are bad input) and
 * never hit an internal error (exit 3).
 */
class MutatedCasesBatchTest {
    private static final int CASES = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyMutatedCaseIsReportedOrAnErrorRowAndNoneIsInternal() throws Exception {
        Path base = dir.resolve("base");
        CaseGenerator.generate(Scenario.LOCK_HOLDER, base, GenerateOptions.defaults().withSeed(15)
                .withEvents(CaseGenerator.minimumEvents(Scenario.LOCK_HOLDER, 15) + 200)
                .withFormats(CaseFormats.parse("csv,xml,logs")));
        List<Path> baseFiles;
        try (Stream<Path> files = Files.list(base)) {
            baseFiles = files.sorted().toList();
        }
        Random random = new Random(15);
        Path uploads = Files.createDirectories(dir.resolve("uploads"));
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            Path caseDir = Files.createDirectories(uploads.resolve(String.format("case-%03d", i)));
            for (Path f : baseFiles) {
                Files.copy(f, caseDir.resolve(f.getFileName()));
            }
            int damaged = 1 + random.nextInt(3);
            for (int d = 0; d < damaged; d++) {
                Path victim = caseDir.resolve(baseFiles.get(random.nextInt(baseFiles.size())).getFileName());
                Files.write(victim, mutate(Files.readAllBytes(victim), random));
            }
            if (i % 10 == 0) {
                Path zip = Archives.zipFolder(caseDir, uploads.resolve(caseDir.getFileName() + ".zip"));
                if (i % 20 == 0) {
                    Files.write(zip, mutate(Files.readAllBytes(zip), random));
                }
                deleteTree(caseDir);
                inputs.add(zip.toString());
            } else {
                inputs.add(caseDir.toString());
            }
        }

        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>(List.of("batch"));
        args.addAll(inputs);
        args.addAll(List.of("-o", out.toString(), "--format-per-case", "json"));
        CliRunner run = CliRunner.run(args.toArray(String[]::new));

        assertEquals(Main.BAD_INPUT, run.exitCode(), "some cases are beyond reading, none is internal: " + run.err());
        JsonNode rows = JSON.readTree(out.resolve("summary.json").toFile()).get("cases");
        assertEquals(CASES, rows.size(), "no case lost");
        Set<String> statuses = new HashSet<>();
        int reported = 0;
        for (JsonNode row : rows) {
            String status = row.get("status").asText();
            statuses.add(status);
            if (status.equals("ok")) {
                reported++;
                assertTrue(Files.isRegularFile(out.resolve("cases").resolve(row.get("id").asText()).resolve("report.json")),
                        row.toString());
            } else {
                assertEquals("bad-input", status, row.toString());
                String error = row.get("message").asText();
                assertFalse(error.isBlank() || error.contains("\n"), row.toString());
                assertFalse(error.matches(".*\\b\\w+(Exception|Error)\\b.*"), "a Java class name in: " + error);
            }
        }
        assertTrue(reported > CASES / 2, "most damage is local and tolerated: " + reported + " of " + CASES
                + " reported; statuses " + statuses);
        assertEquals(Set.of("ok", "bad-input"), statuses);
    }

    /** One kind of damage an upload suffers, chosen at random. */
    private static byte[] mutate(byte[] bytes, Random random) {
        if (bytes.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        switch (random.nextInt(6)) {
            case 0 -> { // bit rot: a few bytes flipped
                byte[] out = bytes.clone();
                for (int n = 1 + random.nextInt(20); n > 0; n--) {
                    out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return out;
            }
            case 1 -> { // an interrupted copy
                return Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            case 2 -> { // junk inserted somewhere
                int at = random.nextInt(bytes.length);
                byte[] junk = new byte[1 + random.nextInt(4096)];
                random.nextBytes(junk);
                byte[] out = new byte[bytes.length + junk.length];
                System.arraycopy(bytes, 0, out, 0, at);
                System.arraycopy(junk, 0, out, at, junk.length);
                System.arraycopy(bytes, at, out, at + junk.length, bytes.length - at);
                return out;
            }
            case 3 -> { // the file replaced by noise of the same size
                byte[] out = new byte[bytes.length];
                random.nextBytes(out);
                return out;
            }
            case 4 -> { // a block of the file zeroed (a sparse or unflushed region)
                byte[] out = bytes.clone();
                int from = random.nextInt(out.length);
                Arrays.fill(out, from, Math.min(out.length, from + 1 + random.nextInt(65536)), (byte) 0);
                return out;
            }
            default -> { // emptied
                return new byte[0];
            }
        }
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted((a, b) -> b.compareTo(a))::iterator) {
                Files.delete(p);
            }
        }
    }
}
