package io.lockscope.export;

import io.lockscope.export.csv.ProcmonCsvWriter;
import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.procmon.pml.PmlCorpus;
import io.lockscope.model.Trace;
import io.lockscope.model.vocab.ProcmonColumn;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lockscope convert X.pml --to csv} in process, for every PML/CSV pair of ../shared/corpus/procmon:
 * the PML is rendered with the pair's own header columns, en-US, UTC, as the latest procmon and as the
 * release that exported the pair where it is known and differs, and compared row by row with the CSV
 * procmon exported. Each pair asserts the number of identical rows measured, so any regression
 * fails, and the exact set of (operation, column) classes that still differ; the README's convert
 * section explains each class. Skips when ../shared is absent.
 */
class ConvertCorpusTest {

    /**
     * One pair's measured outcome when rendered as one procmon release.
     *
     * @param version       the release rendered as: latest, or the one that exported the pair's CSV
     * @param identicalRows rows whose every cell equals procmon's
     * @param byteIdentical whether the whole file equals procmon's byte for byte
     * @param differences   "Operation/Column" of every row that still differs
     */
    record Expected(String name, String version, int rows, int identicalRows, boolean byteIdentical,
                    Set<String> differences) {
        @Override
        public String toString() {
            return name + " as " + version;
        }

        /** The pair rendered as the release that exported it ({@link PmlCorpus#exportedBy}), every row identical. */
        static Expected asExporter(String name, int rows) {
            return new Expected(name, PmlCorpus.exportedBy(name).toString(), rows, rows, true, Set.of());
        }
    }

    static Stream<Arguments> pairs() {
        return Stream.of(
                new Expected("CompressedLogfileTests64bitUTC", "latest", 53214, 53214, true, Set.of()),
                // the procmon that exported this CSV (3.40, which captured it) printed no FileInformationClass
                // in QueryDirectory (51 rows); rendered as that release, the file is procmon's byte for byte
                new Expected("CompressedLogfileTests32bitUTC", "latest", 32930, 32879, false,
                        Set.of("QueryDirectory/Detail")),
                Expected.asExporter("CompressedLogfileTests32bitUTC", 32930),
                // the exporting procmon, 3.53, had no name for FileStorageReservedIdInformation (class 0x4A)
                new Expected("CompressedLogFileUTC64Filesystem", "latest", 31569, 31562, false,
                        Set.of("<Unknown>/Operation")),
                Expected.asExporter("CompressedLogFileUTC64Filesystem", 31569),
                new Expected("CompressedLogFileUTC32Filesystem", "latest", 8577, 8577, true, Set.of()),
                Expected.asExporter("CompressedLogFileUTC32Filesystem", 8577),
                new Expected("CompressedLogFileUTC64Registry", "latest", 28240, 28240, true, Set.of()),
                new Expected("CompressedLogFileUTC64Process", "latest", 3400, 3400, true, Set.of())
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void convertReproducesProcmonCsv(Expected expected, @TempDir Path temp) throws Exception {
        PmlCorpus.assumePresent();
        PmlCorpus.Pair pair = PmlCorpus.inflatePair(expected.name(), temp);
        byte[] procmonBytes = Files.readAllBytes(pair.csv());
        List<CSVRecord> procmon = records(procmonBytes);
        List<ProcmonColumn> columns = new ArrayList<>();
        for (String name : procmon.get(0)) {
            columns.add(ProcmonColumn.forName(name));
        }
        Trace trace = Formats.readTrace(pair.pml(), expected.name(), new ReadOptions(null));
        Path converted = temp.resolve("converted.csv");
        try (OutputStream out = Files.newOutputStream(converted)) {
            ProcmonCsvWriter.write(trace, out, new ExportOptions(columns, ProcmonLocale.EN_US, ZoneOffset.UTC, false,
                    ProcmonVersion.parse(expected.version())));
        }
        byte[] oursBytes = Files.readAllBytes(converted);
        List<CSVRecord> ours = records(oursBytes);

        assertEquals(procmon.get(0).toList(), ours.get(0).toList(), "header");
        assertEquals(expected.rows(), procmon.size() - 1, "procmon rows");
        assertEquals(procmon.size(), ours.size(), "row count");
        int identical = 0;
        Set<String> differences = new TreeSet<>();
        int operation = columns.indexOf(ProcmonColumn.OPERATION);
        for (int r = 1; r < procmon.size(); r++) {
            CSVRecord theirs = procmon.get(r);
            CSVRecord mine = ours.get(r);
            boolean same = theirs.size() == mine.size();
            for (int c = 0; c < Math.min(theirs.size(), mine.size()); c++) {
                if (!theirs.get(c).equals(mine.get(c))) {
                    same = false;
                    differences.add(theirs.get(operation) + "/" + procmon.get(0).get(c));
                }
            }
            if (same) {
                identical++;
            }
        }
        assertEquals(expected.differences(), differences, "classes of differing rows");
        assertEquals(expected.identicalRows(), identical, "identical rows");
        if (expected.identicalRows() * 1000L >= expected.rows() * 999L) {
            assertTrue(identical * 1000L >= (procmon.size() - 1) * 999L, "at least 99.9 % identical");
        }
        if (expected.byteIdentical()) {
            assertArrayEquals(procmonBytes, oursBytes, "byte-identical to procmon's CSV");
        } else {
            assertTrue(!Arrays.equals(procmonBytes, oursBytes), "a known difference disappeared: update the table");
        }
    }

    /** procmon's CSV: UTF-8 with a BOM, every field quoted, CRLF. */
    private static List<CSVRecord> records(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (CSVParser parser = CSVFormat.DEFAULT.parse(new StringReader(text))) {
            return parser.getRecords();
        }
    }
}
