package io.lockscope.ingest.text;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.procmon.ProcmonCorpus;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tokenizer must yield exactly what Apache Commons CSV (the oracle) yields. */
public class CsvTokenizerTest {
    public static final Path FIXTURES = Path.of("src", "test", "resources", "procmon", "csv");

    @Test
    void equalsCommonsCsvOnEveryWellFormedFixture() throws Exception {
        for (String name : List.of("default-7-columns.csv", "rfc4180-edge-cases.csv", "european-date-and-time.csv",
                "ru-nbsp-relative-time.csv", "header-only.csv")) {
            assertSameRecords(FIXTURES.resolve(name));
        }
    }

    @Test
    void equalsCommonsCsvOnEveryCorpusCsv() throws Exception {
        for (Path csv : ProcmonCorpus.allCsvs()) {
            assertSameRecords(csv);
        }
    }

    @Test
    void equalsCommonsCsvOnUtf16LittleEndianWithBom(@TempDir Path dir) throws Exception {
        Path utf16 = dir.resolve("edge-utf16le.csv");
        Files.write(utf16, utf16le(Files.readString(FIXTURES.resolve("rfc4180-edge-cases.csv"))));
        int records = assertSameRecords(utf16);
        assertEquals(6, records);
    }

    @Test
    void edgeCasesComeOutAsWritten() throws Exception {
        List<List<String>> records = records(FIXTURES.resolve("rfc4180-edge-cases.csv"));
        assertEquals("C:\\with \"quotes\", and, commas", records.get(1).get(4));
        assertEquals("Type: REG_MULTI_SZ, Length: 20, Data: line one\nline two\r\nline three\ttabbed", records.get(2).get(6));
        assertEquals(List.of("1:00:00.3000000 AM", "a.exe", "1", "CloseFile", "C:\\unquoted", "SUCCESS", ""), records.get(4));
        assertEquals("C:\\Übergröße\\日本語.txt", records.get(5).get(4));
        assertEquals(6, records.size(), "the blank line is no record");
    }

    @Test
    void linesAndRecordsAreCountedAcrossEmbeddedLineBreaks() throws Exception {
        try (CsvTokenizer t = CsvTokenizer.open(Files.newInputStream(FIXTURES.resolve("rfc4180-edge-cases.csv")), "e.csv")) {
            long[][] lineAndRecord = new long[6][];
            for (int i = 0; t.next(); i++) {
                lineAndRecord[i] = new long[] {t.recordLine(), t.recordNumber()};
            }
            // header line 1; record 1 line 2; blank line 3; record 2 spans lines 4-6; then 7, 8, 9
            assertEquals(List.of(1L, 2L, 4L, 7L, 8L, 9L), List.of(lineAndRecord[0][0], lineAndRecord[1][0],
                    lineAndRecord[2][0], lineAndRecord[3][0], lineAndRecord[4][0], lineAndRecord[5][0]));
            assertEquals(5, lineAndRecord[5][1]);
        }
    }

    @Test
    void endOfFileInsideAQuotedFieldIsTruncation() throws Exception {
        byte[] csv = "\"a\",\"b\"\r\n\"c\",\"never closed\r\nmore".getBytes(StandardCharsets.UTF_8);
        try (CsvTokenizer t = CsvTokenizer.open(new ByteArrayInputStream(csv), "cut.csv")) {
            assertTrue(t.next());
            BadInputException e = assertThrows(BadInputException.Truncated.class, t::next);
            assertTrue(e.getMessage().startsWith("cut.csv: line 2 (record 1): the file ends inside a quoted field"), e.getMessage());
        }
    }

    @Test
    void aStrayQuoteSpoilsOneRecordOnly() throws Exception {
        byte[] csv = "\"a\",\"b\"\r\n\"c\"x,\"d\"\r\n\"e\",\"f\"\r\n".getBytes(StandardCharsets.UTF_8);
        try (CsvTokenizer t = CsvTokenizer.open(new ByteArrayInputStream(csv), "q.csv")) {
            assertTrue(t.next());
            MalformedRecordException e = assertThrows(MalformedRecordException.class, t::next);
            assertEquals(2, e.line());
            assertEquals(1, e.record());
            t.skipRecord();
            assertTrue(t.next());
            assertEquals(List.of("e", "f"), t.fields());
            assertEquals(3, t.recordLine());
            assertFalse(t.next());
        }
    }

    @Test
    void aHugeFieldIsRefusedWithoutExhaustingMemory() throws Exception {
        InputStream endlessField = new InputStream() {
            private long served;

            @Override
            public int read() {
                served++;
                return served == 1 ? '"' : served > 100L << 20 ? -1 : 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (served > 100L << 20) {
                    return -1;
                }
                for (int i = 0; i < len; i++) {
                    b[off + i] = (byte) read();
                }
                return len;
            }
        };
        try (CsvTokenizer t = CsvTokenizer.open(endlessField, "huge.csv")) {
            BadInputException e = assertThrows(BadInputException.Corrupt.class, t::next);
            assertTrue(e.getMessage().startsWith("huge.csv: line 1 (record 0): field 1 is longer than 1048576 characters"),
                    e.getMessage());
        }
    }

    @Test
    void invalidUtf8BecomesReplacementCharacterCountedWithItsByteOffset() throws Exception {
        byte[] csv = {'"', 'a', '"', '\r', '\n', '"', (byte) 0xC3, (byte) 0x28, '"'};
        try (CsvTokenizer t = CsvTokenizer.open(new ByteArrayInputStream(csv), "bad.csv")) {
            assertTrue(t.next());
            assertTrue(t.next());
            assertEquals("\uFFFD(", t.field(0));
            assertEquals(1, t.decoding().replaced());
            assertEquals(6, t.decoding().firstOffset());
        }
    }

    /** Compares record by record; returns the number of records. */
    static int assertSameRecords(Path file) throws Exception {
        int n = 0;
        try (CsvTokenizer ours = CsvTokenizer.open(Files.newInputStream(file), file.toString());
             CSVParser oracle = CSVParser.parse(oracleReader(file), CSVFormat.DEFAULT)) {
            Iterator<CSVRecord> expected = oracle.iterator();
            while (expected.hasNext()) {
                CSVRecord record = expected.next();
                assertTrue(ours.next(), file + ": record " + n + " missing");
                assertEquals(record.toList(), ours.fields(), file + ": record " + n);
                n++;
            }
            assertFalse(ours.next(), file + ": more records than Commons CSV finds");
        }
        return n;
    }

    /** What Commons CSV reads: the text after the byte order mark, decoded as the mark says. */
    public static Reader oracleReader(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        byte[] bom = in.readNBytes(3);
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (bom.length == 3 && (bom[0] & 0xFF) == 0xEF && (bom[1] & 0xFF) == 0xBB && (bom[2] & 0xFF) == 0xBF) {
            skip = 3;
        } else if (bom.length >= 2 && (bom[0] & 0xFF) == 0xFF && (bom[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        }
        in.close();
        in = Files.newInputStream(file);
        in.skipNBytes(skip);
        return new InputStreamReader(in, charset);
    }

    static List<List<String>> records(Path file) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (CsvTokenizer t = CsvTokenizer.open(Files.newInputStream(file), file.toString())) {
            while (t.next()) {
                out.add(t.fields());
            }
        }
        return out;
    }

    public static byte[] utf16le(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        byte[] chars = body.getBytes(StandardCharsets.UTF_16LE);
        byte[] out = new byte[chars.length + 2];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xFE;
        System.arraycopy(chars, 0, out, 2, chars.length);
        return out;
    }
}
