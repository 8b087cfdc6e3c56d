package io.lockscope.ingest.procmon.csv;

import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.procmon.ProcmonCorpus;
import io.lockscope.ingest.text.CsvTokenizerTest;
import io.lockscope.model.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15's first probe: one flipped byte in a procmon CSV made lockscope refuse the whole file with
 * "not valid UTF-8 text (MalformedInputException, 1 byte(s))". The byte is now shown as U+FFFD, the
 * event is kept, and the report counts it and says where the first was.
 */
class UndecodableBytesTest {
    private final ProcmonCsvReader reader = new ProcmonCsvReader();

    @Test
    void aFlippedByteIsShownAsReplacementCharacterAndCountedNotFatal(@TempDir Path dir) throws Exception {
        byte[] clean = Files.readAllBytes(CsvTokenizerTest.FIXTURES.resolve("default-7-columns.csv"));
        Trace original = reader.read(CsvTokenizerTest.FIXTURES.resolve("default-7-columns.csv"), "clean.csv",
                ReadOptions.DEFAULT);
        byte[] damaged = clean.clone();
        int at = indexOf(clean, "svchost.exe") + 2;
        damaged[at] = (byte) 0xFF; // never valid in UTF-8
        Trace t = reader.read(Files.write(dir.resolve("damaged.csv"), damaged), "damaged.csv", ReadOptions.DEFAULT);

        assertEquals(original.size(), t.size(), "no event lost to the bad byte");
        boolean shown = false;
        for (int i = 0; i < t.size(); i++) {
            shown |= t.process(i).name().equals("sv\uFFFDhost.exe");
        }
        assertTrue(shown, "the byte appears as U+FFFD where it was");
        assertTrue(t.report().warnings().contains(
                "1 byte sequence is not valid UTF-8 text, shown as U+FFFD (the first at byte " + at + ")"),
                t.report().warnings().toString());
    }

    @Test
    void everyBadSequenceIsCountedAndNoneNamesAJavaClass(@TempDir Path dir) throws Exception {
        String csv = "\"Time of Day\",\"Process Name\",\"PID\",\"Operation\",\"Path\",\"Result\",\"Detail\"\r\n"
                + "\"1:00:00.0000000 AM\",\"a\u00e9.exe\",\"1\",\"CloseFile\",\"C:\\x\",\"SUCCESS\",\"\"\r\n";
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        int accent = indexOf(bytes, "\u00e9");
        bytes[accent + 1] = 'X'; // a lead byte without its continuation
        byte[] withCutEnd = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, withCutEnd, 0, bytes.length);
        withCutEnd[bytes.length] = (byte) 0xE2; // the file ends inside a three-byte sequence
        Trace t = reader.read(Files.write(dir.resolve("two.csv"), withCutEnd), "two.csv", ReadOptions.DEFAULT);
        assertEquals(1, t.size());
        assertEquals("a\uFFFDX.exe", t.process(0).name());
        String warning = t.report().warnings().get(t.report().warnings().size() - 1);
        assertEquals("2 byte sequences are not valid UTF-8 text, shown as U+FFFD (the first at byte " + accent + ")",
                warning);
    }

    /** The issue's own case: byte 50254 of the 28 MB procmon CSV of the shared corpus made unreadable. */
    @Test
    void theIssuesCorpusCaseReadsWithOneReplacement(@TempDir Path dir) throws Exception {
        Path corpus = ProcmonCorpus.inflated("CompressedLogfileTests64bitUTCCSV");
        Trace original = reader.read(corpus, "original.csv", ReadOptions.DEFAULT);
        byte[] bytes = Files.readAllBytes(corpus);
        bytes[50254] = (byte) 0xFF;
        Trace t = reader.read(Files.write(dir.resolve("flipped.csv"), bytes), "flipped.csv", ReadOptions.DEFAULT);
        assertEquals(original.size(), t.size());
        assertTrue(t.report().warnings().contains(
                "1 byte sequence is not valid UTF-8 text, shown as U+FFFD (the first at byte 50254)"));
    }

    private static int indexOf(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found: " + needle);
    }
}
