package io.lockscope.ingest.procmon.pml;

import io.lockscope.generate.CaseFormats;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.GenerateOptions;
import io.lockscope.generate.ProcmonPmlFormat;
import io.lockscope.generate.Scenario;
import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.SameTrace;
import io.lockscope.ingest.procmon.ProcmonCorpus;
import io.lockscope.model.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading a PML in parts on several threads must give the trace a read in one part gives: every event's
 * columns and stack, the processes, the pool's texts and the stack table in the same order, skips and
 * warnings, for whole and damaged captures and records placed inside the one before them.
 */
class PmlPartsTest {
    /** Parts this small give the generated captures 12 each: three for each of the 4 threads. */
    private static final long SMALL_PART = 200;

    @TempDir
    Path tmp;

    @Test
    @Timeout(300)
    void aReadInPartsGivesTheTraceOfAReadInOne() throws Exception {
        List<Path> inputs = new ArrayList<>();
        for (Scenario scenario : Scenario.values()) {
            if (!scenario.traced()) {
                continue;
            }
            Path dir = tmp.resolve(scenario.name());
            CaseGenerator.generate(scenario, dir, GenerateOptions.defaults().withSeed(3).withEvents(12_000)
                    .withFormats(CaseFormats.parse("pml")));
            inputs.add(dir.resolve(ProcmonPmlFormat.FILE_NAME));
        }
        if (Files.isDirectory(ProcmonCorpus.ROOT.resolve("procmon"))) {
            for (String name : List.of("CompressedLogfileTests64bitUTCPML", "CompressedLogfileTests32bitUTCPML",
                    "CompressedLogFileUTC64RegistryPML", "CompressedLogFileUTC64ProcessPML")) {
                inputs.add(ProcmonCorpus.inflated(name));
            }
        } else {
            System.out.println("PmlPartsTest: shared corpus absent; generated captures only");
        }
        int readOnOne = 0;
        for (Path input : inputs) {
            for (Path file : variants(input)) {
                Object one = read(file, 1);
                Object parts = read(file, 4);
                if (one instanceof Trace t) {
                    assertSame(t, (Trace) parts, file);
                } else {
                    assertEquals(one, parts, file.toString());
                }
                if (parts instanceof Trace t && String.valueOf(t.report().decoders().get("PML")).endsWith("then 1")) {
                    readOnOne++;
                }
                if (file == input) {
                    assertEquals("4 threads", ((Trace) parts).report().decoders().get("PML"), file + " was read in parts");
                }
            }
        }
        assertTrue(readOnOne >= inputs.size() / 2, "a part whose record before was not the one it assumed is read again: "
                + readOnOne + " of " + inputs.size());
    }

    private static Object read(Path file, int threads) throws IOException {
        try {
            return new PmlReader(MappedFile.DEFAULT_WINDOW_SHIFT, SMALL_PART)
                    .read(file, "t.pml", ReadOptions.DEFAULT.withThreads(threads));
        } catch (BadInputException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /**
     * The capture; with bytes damaged across its events (unreadable records and detail blobs); and with
     * entries of its offsets array pointing into the record before (records skipped, and parts whose
     * assumed record before is wrong).
     */
    private List<Path> variants(Path input) throws IOException {
        byte[] bytes = Files.readAllBytes(input);
        String name = input.getParent().getFileName() + "-" + input.getFileName();
        byte[] damaged = bytes.clone();
        for (int k = 1; k <= 60; k++) {
            damaged[(int) ((long) bytes.length * k / 80)] ^= 0x5A;
        }
        Path broken = Files.write(tmp.resolve("damaged-" + name), damaged);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes.clone()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long offsets = b.getLong(io.lockscope.format.procmon.pml.PmlLayout.H_EVENT_OFFSETS);
        int count = b.getInt(io.lockscope.format.procmon.pml.PmlLayout.H_EVENT_COUNT);
        for (int i = 1; i < count; i++) {
            if (i % 97 == 7 || i % 1000 == 999) { // the latter just before each part the others read
                int at = (int) offsets + 5 * i;
                b.putInt(at, b.getInt(at - 5) + 4); // inside the record before
            }
        }
        Path inside = Files.write(tmp.resolve("inside-" + name), b.array());
        return List.of(input, broken, inside);
    }

    /** {@link SameTrace#assertSame}, and the same ids: the pool's texts and the stack table in the same order. */
    private static void assertSame(Trace one, Trace parts, Path file) {
        String f = file.getFileName().toString();
        SameTrace.assertSame(one, parts, f);
        assertEquals(one.strings().size(), parts.strings().size(), f + ": texts");
        for (int s = 0; s < one.strings().size(); s++) {
            assertEquals(one.strings().get(s), parts.strings().get(s), f + ": text " + s);
        }
        assertEquals(one.stacks().size(), parts.stacks().size(), f + ": stacks");
        for (int s = 0; s < one.stacks().size(); s++) {
            assertEquals(one.stacks().frames(s), parts.stacks().frames(s), f + ": stack " + s);
        }
        for (int i = 0; i < one.events().size(); i++) {
            assertEquals(one.events().pathId(i), parts.events().pathId(i), f + ": path id of event " + i);
            assertEquals(one.events().stackId(i), parts.events().stackId(i), f + ": stack id of event " + i);
        }
    }
}
