package io.lockscope.ingest.procmon.csv;

import io.lockscope.export.ProcmonLocale;
import io.lockscope.generate.CaseFormats;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.GenerateOptions;
import io.lockscope.generate.ProcmonCsvFormat;
import io.lockscope.generate.Scenario;
import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.SameTrace;
import io.lockscope.ingest.procmon.ExportRowParser;
import io.lockscope.ingest.procmon.ProcmonCorpus;
import io.lockscope.model.StringPool;
import io.lockscope.model.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reading a procmon CSV in parts on several threads must give the trace a read in one part gives: every
 * event's columns, the processes, the pool's texts in the same order, skips, warnings and cuts, for whole,
 * cut, damaged and malformed exports, and for parts that would begin inside a quoted field.
 */
class CsvPartsTest {
    /** Parts this small give the generated cases several each. */
    private static final long SMALL_PART = 64 << 10;

    @TempDir
    Path tmp;

    @Test
    @Timeout(300)
    void aReadInPartsGivesTheTraceOfAReadInOne() throws Exception {
        List<Path> inputs = new ArrayList<>();
        int n = 0;
        for (Scenario scenario : Scenario.values()) {
            if (!scenario.traced()) {
                continue;
            }
            ProcmonLocale locale = List.of(ProcmonLocale.EN_US, ProcmonLocale.RU_RU, ProcmonLocale.ZH_CN).get(n++ % 3);
            Path dir = tmp.resolve(scenario.name());
            CaseGenerator.generate(scenario, dir, GenerateOptions.defaults().withSeed(5).withEvents(6_000)
                    .withFormats(CaseFormats.parse("csv")).withLocale(locale));
            inputs.add(dir.resolve(ProcmonCsvFormat.FILE_NAME));
        }
        if (Files.isDirectory(ProcmonCorpus.ROOT.resolve("procmon"))) {
            inputs.addAll(ProcmonCorpus.allCsvs());
        } else {
            System.out.println("CsvPartsTest: shared corpus absent; generated exports only");
        }
        for (Path input : inputs) {
            for (Path file : variants(input)) {
                Object one = read(file, SMALL_PART, 1);
                Object parts = read(file, SMALL_PART, 4);
                if (one instanceof Trace t) {
                    assertSame(t, (Trace) parts, file);
                } else {
                    assertEquals(one, parts, file.toString());
                }
                if (file == input && Files.size(file) >= 4 * SMALL_PART) {
                    assertEquals("4 threads", ((Trace) parts).report().decoders().get("CSV"), file + " was read in parts");
                }
            }
        }
    }

    /** The trace, or the error's message. */
    private static Object read(Path file, long minPartBytes, int threads) throws IOException {
        try {
            return new ProcmonCsvReader(minPartBytes).read(file, "t.csv", ReadOptions.DEFAULT.withThreads(threads));
        } catch (BadInputException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /**
     * Lines of a multi-line quoted field that begin with a quote look like record starts by their bytes.
     * A part that would begin at one is found out: when the first part shows it, the file is read again
     * in one part; when a later part does, the file is read from that part's start on in one.
     */
    @Test
    @Timeout(60)
    void aPartThatWouldBeginInsideAQuotedFieldIsNotTaken() throws Exception {
        Path everywhere = multiLineFields(0);
        Path secondHalf = multiLineFields(300_000);
        int again = 0;
        for (long part : new long[] {5_000, 7_919, 20_011}) {
            Trace parts = (Trace) read(everywhere, part, 64);
            assertSame((Trace) read(everywhere, part, 1), parts, everywhere);
            String how = parts.report().decoders().get("CSV");
            assertTrue(how == null || how.matches("\\d+ threads up to byte \\d+, then 1"), "read again in one part: " + how);
            again += how == null ? 1 : 0;

            parts = (Trace) read(secondHalf, part, 64);
            assertSame((Trace) read(secondHalf, part, 1), parts, secondHalf);
            how = parts.report().decoders().get("CSV");
            assertTrue(how.matches("\\d+ threads up to byte \\d+, then 1"), how);
        }
        assertTrue(again > 0, "a first part that ends inside a record makes the whole file be read again");
    }

    /**
     * A quote that never closes swallows the rest of the file into one field; the read in one part refuses
     * it where the field passes 1 MiB, and the read in parts must refuse it with the same error, whichever
     * thread's part it falls in.
     */
    @Test
    @Timeout(60)
    void aFieldThatSwallowsTheFileIsTheSameErrorInParts() throws Exception {
        StringBuilder csv = new StringBuilder(multiLineFieldsText(Integer.MAX_VALUE, 900_000)); // plain records
        csv.append("\"1:00:00.0000000 AM\",\"a.exe\",\"100\",\"ReadFile\",\"C:\\\\g\",\"SUCCESS\",\"unclosed ");
        while (csv.length() < 2_500_000) {
            csv.append("\n\"\"q\"\",\"\"r\"\" and more text on a line of its own\r\n");
        }
        Path file = Files.write(tmp.resolve("swallowed.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
        Object one = read(file, SMALL_PART, 1);
        assertTrue(one instanceof String s && s.startsWith("Corrupt: ") && s.contains("longer than"), one.toString());
        for (int threads : new int[] {2, 3, 8}) {
            assertEquals(one, read(file, SMALL_PART, threads), threads + " threads");
        }
    }

    /** A CSV whose every third record after byte {@code from} has a Detail of several lines that begin with a quote. */
    private Path multiLineFields(int from) throws IOException {
        return Files.write(tmp.resolve("multiline-" + from + ".csv"),
                multiLineFieldsText(from, 600_000).getBytes(StandardCharsets.UTF_8));
    }

    private static String multiLineFieldsText(int from, int length) {
        StringBuilder csv = new StringBuilder("\"Time of Day\",\"Process Name\",\"PID\",\"Operation\",\"Path\",\"Result\",\"Detail\"\r\n");
        for (int i = 0; csv.length() < length; i++) {
            boolean multiLine = i % 3 == 1 && csv.length() >= from;
            String detail = multiLine
                    ? "Command line: x.exe\n\"\"q\"\",\"\"r\"\"\n\"\"s\"\"\n\"\"" + i + "\"\",\"\"t\"\""
                    : "Offset: " + i + ", Length: 4,096";
            csv.append("\"1:00:0").append(i % 10).append(".0000000 AM\",\"a.exe\",\"").append(100 + i % 7)
                    .append("\",\"").append(multiLine ? "Process Start" : "ReadFile").append("\",\"C:\\\\f").append(i)
                    .append("\",\"SUCCESS\",\"").append(detail).append("\"\r\n");
        }
        return csv.toString();
    }

    @Test
    void aFileTooSmallOrInUtf16IsReadInOnePart() throws IOException {
        Path small = Files.write(tmp.resolve("small.csv"), new byte[100_000]);
        assertEquals(0, CsvParts.recordStarts(small, 4, 64 << 10).length);
        byte[] utf16 = new byte[1_000_000];
        utf16[0] = (byte) 0xFF;
        utf16[1] = (byte) 0xFE;
        Path wide = Files.write(tmp.resolve("wide.csv"), utf16);
        assertEquals(0, CsvParts.recordStarts(wide, 4, 64 << 10).length);
        assertThrows(IllegalStateException.class, () -> new ExportRowParser(new StringPool(), null, null)
                .forAnotherPart(new StringPool()), "a parser that has seen no row cannot start another");
    }

    /** The export, cut inside a record, with bytes damaged, and with every ninth record given an extra field. */
    private List<Path> variants(Path input) throws IOException {
        byte[] bytes = Files.readAllBytes(input);
        String name = input.getParent().getFileName() + "-" + input.getFileName();
        Path cut = Files.write(tmp.resolve("cut-" + name), Arrays.copyOf(bytes, bytes.length * 3 / 5 + 77));
        byte[] damaged = bytes.clone();
        for (int k = 1; k <= 40; k++) {
            damaged[(int) ((long) bytes.length * k / 41)] ^= 0x22;
        }
        Path broken = Files.write(tmp.resolve("damaged-" + name), damaged);
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r\n", -1);
        StringBuilder extra = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            extra.append(lines[i]).append(i > 0 && i % 9 == 0 && !lines[i].isEmpty() ? ",\"x\"" : "").append(i + 1 < lines.length ? "\r\n" : "");
        }
        Path widened = Files.write(tmp.resolve("extra-" + name), extra.toString().getBytes(StandardCharsets.UTF_8));
        return List.of(input, cut, broken, widened);
    }

    /** {@link SameTrace#assertSame}, and the pool's texts in the same order. */
    private static void assertSame(Trace one, Trace parts, Path file) {
        String f = file.getFileName().toString();
        SameTrace.assertSame(one, parts, f);
        // the texts of a record skipped after some of its values were interned stay in a pool only when
        // the record was parsed into it
        int k = 0;
        for (int s = 0; s < one.strings().size() && k < parts.strings().size(); s++) {
            if (one.strings().get(s).equals(parts.strings().get(k))) {
                k++;
            }
        }
        assertEquals(parts.strings().size(), k, f + ": the texts of the read in parts, in order, are the other's");
        assertTrue(one.strings().size() - k <= one.report().skippedTotal() * 3, f + ": texts only skipped records had");
    }
}
