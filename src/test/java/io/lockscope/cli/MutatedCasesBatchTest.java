package io.lockscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockscope.format.etw.etl.EtlLayout;
import io.lockscope.format.procmon.pml.PmlLayout;
import io.lockscope.generate.CaseFormats;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.GenerateOptions;
import io.lockscope.generate.Scenario;
import io.lockscope.generate.etw.EtlCaseGenerator;
import io.lockscope.ingest.archive.Archives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15's batch check: 200 cases damaged the ways uploads are damaged. Even cases are procmon cases (the
 * PML, CSV and XML of one capture, CBS.log, setupapi.dev.log, fltmc, FilterList.log), odd ones WPR boot
 * traces (boot.etl, XPRESS-compressed in every other one; etw-formats.md §4.5). Damage: bytes flipped
 * anywhere, in the file's header (its first KiB: the PML header, the ETL header buffer's logfile header, a
 * CSV's header row) or in a structure mid-file (an ETL buffer header, a PML table or event header, the
 * start of a text line), files cut short, junk inserted, a file replaced by noise, a block zeroed, a file
 * emptied; some cases are zipped before or after the damage. The first damage of every case hits its PML
 * or ETL. {@code batch} must account for every case, as a report or an error row, exit 1 (some are bad
 * input) and never hit an internal error (exit 3).
 */
class MutatedCasesBatchTest {
    private static final int CASES = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One kind of damage an upload suffers. */
    private enum Damage { FLIPPED, HEADER, STRUCTURE, CUT, JUNK, NOISE, ZEROED, EMPTIED }

    @TempDir
    Path dir;

    @Test
    void everyMutatedCaseIsReportedOrAnErrorRowAndNoneIsInternal() throws Exception {
        Path procmon = dir.resolve("procmon");
        CaseGenerator.generate(Scenario.LOCK_HOLDER, procmon, GenerateOptions.defaults().withSeed(15)
                .withEvents(CaseGenerator.minimumEvents(Scenario.LOCK_HOLDER, 15) + 200)
                .withFormats(CaseFormats.parse("pml,csv,xml,logs")));
        List<Path> procmonFiles;
        try (Stream<Path> files = Files.list(procmon)) {
            procmonFiles = files.sorted().toList();
        }
        List<List<Path>> etwFiles = new ArrayList<>();
        for (boolean compressed : new boolean[] {false, true}) {
            Path etl = Files.createDirectories(dir.resolve("etw-" + compressed)).resolve("boot.etl");
            EtlCaseGenerator.write(etl, EtlCaseGenerator.Scenario.LOCK_HOLDER, 300_000, compressed, 15);
            etwFiles.add(List.of(etl));
        }
        Random random = new Random(15);
        Path uploads = Files.createDirectories(dir.resolve("uploads"));
        List<String> inputs = new ArrayList<>();
        Map<String, Set<Damage>> damageByExtension = new TreeMap<>();
        for (int i = 0; i < CASES; i++) {
            Path caseDir = Files.createDirectories(uploads.resolve(String.format("case-%03d", i)));
            List<Path> baseFiles = i % 2 == 0 ? procmonFiles : etwFiles.get(i / 2 % 2);
            for (Path f : baseFiles) {
                Files.copy(f, caseDir.resolve(f.getFileName()));
            }
            int damaged = 1 + random.nextInt(3);
            for (int d = 0; d < damaged; d++) {
                String name = d == 0 ? binaryTrace(baseFiles) : baseFiles.get(random.nextInt(baseFiles.size())).getFileName().toString();
                Path victim = caseDir.resolve(name);
                Damage damage = Damage.values()[random.nextInt(Damage.values().length)];
                Files.write(victim, mutate(name, Files.readAllBytes(victim), damage, random));
                damageByExtension.computeIfAbsent(name.substring(name.lastIndexOf('.') + 1), e -> EnumSet.noneOf(Damage.class))
                        .add(damage);
            }
            if (i % 10 == 0) {
                Path zip = Archives.zipFolder(caseDir, uploads.resolve(caseDir.getFileName() + ".zip"));
                if (i % 20 == 0) {
                    Files.write(zip, mutate("zip", Files.readAllBytes(zip), Damage.values()[random.nextInt(Damage.values().length)], random));
                }
                deleteTree(caseDir);
                inputs.add(zip.toString());
            } else {
                inputs.add(caseDir.toString());
            }
        }
        assertEquals(EnumSet.allOf(Damage.class), damageByExtension.get("pml"), "every kind of damage hit a PML");
        assertEquals(EnumSet.allOf(Damage.class), damageByExtension.get("etl"), "every kind of damage hit an ETL");

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

    private static String binaryTrace(List<Path> files) {
        return files.stream().map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".pml") || n.endsWith(".etl"))
                .findFirst().orElseThrow();
    }

    private static byte[] mutate(String name, byte[] bytes, Damage damage, Random random) {
        if (bytes.length == 0) {
            return new byte[] {(byte) random.nextInt(256)};
        }
        switch (damage) {
            case FLIPPED -> { // bit rot: a few bytes flipped
                return flipped(bytes, 0, bytes.length, 1 + random.nextInt(20), random);
            }
            case HEADER -> {
                return flipped(bytes, 0, Math.min(bytes.length, 1024), 1 + random.nextInt(8), random);
            }
            case STRUCTURE -> {
                List<long[]> structures = structures(name, bytes);
                long[] s = structures.get(random.nextInt(structures.size()));
                return flipped(bytes, (int) s[0], (int) Math.min(bytes.length, s[0] + s[1]), 1 + random.nextInt(4), random);
            }
            case CUT -> { // an interrupted copy
                return Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            case JUNK -> { // junk inserted somewhere
                int at = random.nextInt(bytes.length);
                byte[] junk = new byte[1 + random.nextInt(4096)];
                random.nextBytes(junk);
                byte[] out = new byte[bytes.length + junk.length];
                System.arraycopy(bytes, 0, out, 0, at);
                System.arraycopy(junk, 0, out, at, junk.length);
                System.arraycopy(bytes, at, out, at + junk.length, bytes.length - at);
                return out;
            }
            case NOISE -> { // the file replaced by noise of the same size
                byte[] out = new byte[bytes.length];
                random.nextBytes(out);
                return out;
            }
            case ZEROED -> { // a block of the file zeroed (a sparse or unflushed region)
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

    /** {@code bytes} with {@code count} bytes in {@code [from, to)} flipped by one bit each. */
    private static byte[] flipped(byte[] bytes, int from, int to, int count, Random random) {
        byte[] out = bytes.clone();
        for (int n = 0; n < count; n++) {
            out[from + random.nextInt(to - from)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }

    /**
     * [offset, length] of structures mid-file that a reader steps by: ETL buffer headers after the first
     * (found by stepping by each BufferSize), the PML tables the header points to and the headers of the
     * events its offset table lists, the first bytes of a text file's lines.
     */
    private static List<long[]> structures(String name, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<long[]> out = new ArrayList<>();
        if (name.endsWith(".etl") && bytes.length >= 4) {
            for (long at = b.getInt(0); at >= 0 && at + EtlLayout.BUFFER_HEADER_SIZE <= bytes.length; ) {
                out.add(new long[] {at, EtlLayout.BUFFER_HEADER_SIZE});
                int size = b.getInt((int) at);
                if (size < EtlLayout.BUFFER_HEADER_SIZE) {
                    break; // an earlier damage left a buffer size no walk gets past
                }
                at += size;
            }
        } else if (name.endsWith(".pml") && bytes.length >= PmlLayout.HEADER_SIZE) {
            for (int field : new int[] {PmlLayout.H_EVENT_OFFSETS, PmlLayout.H_PROCESSES, PmlLayout.H_STRINGS, PmlLayout.H_HOSTS_PORTS}) {
                out.add(new long[] {b.getLong(field), 64});
            }
            long offsets = b.getLong(PmlLayout.H_EVENT_OFFSETS);
            long count = Integer.toUnsignedLong(b.getInt(PmlLayout.H_EVENT_COUNT));
            for (long i = 0; i < count && offsets >= 0 && offsets + i * PmlLayout.EVENT_OFFSET_ENTRY + 4 <= bytes.length; i += 7) {
                out.add(new long[] {Integer.toUnsignedLong(b.getInt((int) (offsets + i * PmlLayout.EVENT_OFFSET_ENTRY))),
                        PmlLayout.EVENT_HEADER_SIZE});
            }
        } else {
            for (int at = 0; at < bytes.length; at++) {
                if (at == 0 || bytes[at - 1] == '\n') {
                    out.add(new long[] {at, 16});
                }
            }
        }
        out.removeIf(s -> s[0] < 0 || s[0] >= bytes.length);
        return out.isEmpty() ? List.of(new long[] {0, bytes.length}) : out;
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted((a, b) -> b.compareTo(a))::iterator) {
                Files.delete(p);
            }
        }
    }
}
