package io.lockscope.model.vocab;

import io.lockscope.model.Operation;
import io.lockscope.model.detail.Detail;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.InflaterInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every Detail of every procmon CSV export in the shared corpus must survive parse → render
 * byte for byte, and the operation families lockscope analyses must all come back typed.
 */
class DetailFormatCorpusTest {
    private static final Path CORPUS = Path.of("..", "shared", "corpus", "procmon");
    /** Thread CPU time, not wall time: the build machine is shared, and only this figure is stable. */
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /** Operation families whose every Detail must parse into a typed record (or None when empty). */
    private static final Set<Operation> TYPED = EnumSet.of(
            Operation.CREATE_FILE, Operation.READ_FILE, Operation.WRITE_FILE, Operation.CLOSE_FILE,
            Operation.SET_DISPOSITION_INFORMATION_FILE, Operation.SET_DISPOSITION_INFORMATION_EX,
            Operation.SET_RENAME_INFORMATION_FILE, Operation.SET_RENAME_INFORMATION_EX,
            Operation.SET_RENAME_INFORMATION_EX_BYPASS_ACCESS_CHECK, Operation.SET_LINK_INFORMATION_FILE,
            Operation.LOCK_FILE, Operation.UNLOCK_FILE_SINGLE, Operation.UNLOCK_FILE_ALL,
            Operation.UNLOCK_FILE_BY_KEY, Operation.QUERY_OPEN, Operation.CREATE_FILE_MAPPING,
            Operation.SET_END_OF_FILE_INFORMATION_FILE, Operation.SET_ALLOCATION_INFORMATION_FILE,
            Operation.SET_BASIC_INFORMATION_FILE, Operation.REG_OPEN_KEY, Operation.REG_CREATE_KEY,
            Operation.REG_SET_VALUE, Operation.REG_QUERY_VALUE, Operation.REG_DELETE_KEY,
            Operation.REG_DELETE_VALUE, Operation.REG_ENUM_VALUE, Operation.PROCESS_CREATE,
            Operation.PROCESS_START, Operation.PROCESS_EXIT, Operation.LOAD_IMAGE, Operation.THREAD_CREATE,
            Operation.THREAD_EXIT);

    @Test
    void everyCorpusDetailRoundTripsAndTheAnalysedFamiliesAreTyped() throws IOException {
        assumeTrue(Files.isDirectory(CORPUS), "shared corpus not present at " + CORPUS.toAbsolutePath());
        List<Path> csvs;
        try (Stream<Path> files = Files.list(CORPUS)) {
            csvs = files.filter(p -> p.getFileName().toString().endsWith("CSV")).sorted().toList();
        }
        assumeTrue(!csvs.isEmpty(), "no procmon CSV in " + CORPUS);

        long rows = 0;
        long nanos = 0;
        List<String> notRoundTripped = new ArrayList<>();
        List<String> untypedInTypedFamily = new ArrayList<>();
        Map<String, Integer> textFallbacks = new TreeMap<>();
        Set<String> unknownOperations = new TreeSet<>();
        for (Path csv : csvs) {
            try (Reader reader = openInflated(csv);
                 CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                         .parse(reader)) {
                for (CSVRecord row : parser) {
                    rows++;
                    String opName = row.get("Operation");
                    String text = row.get("Detail");
                    Operation op = Operation.fromProcmonName(opName);
                    if (op == Operation.OTHER) {
                        unknownOperations.add(opName);
                    }
                    long start = CPU.getCurrentThreadCpuTime();
                    Detail detail = DetailFormat.parse(op, text, NumberStyle.EN_US);
                    String rendered = DetailFormat.render(op, detail, NumberStyle.EN_US);
                    nanos += CPU.getCurrentThreadCpuTime() - start;
                    String where = csv.getFileName() + " record " + row.getRecordNumber() + " " + opName + ": ";
                    if (!rendered.equals(text)) {
                        notRoundTripped.add(where + text);
                    }
                    if (detail instanceof Detail.Text) {
                        textFallbacks.merge(opName, 1, Integer::sum);
                        if (TYPED.contains(op)) {
                            untypedInTypedFamily.add(where + text);
                        }
                    }
                }
            }
        }
        System.out.printf("procmon corpus: %,d rows in %d CSVs, parse+render %.0f ns CPU per Detail (one cold pass)%n",
                rows, csvs.size(), (double) nanos / rows);
        System.out.println("Text fallbacks by operation: " + textFallbacks);
        assertTrue(rows > 100_000, "corpus rows read: " + rows);
        // procmon 3.53 writes "<Unknown>" for information classes it does not know; every other spelling is ours
        assertEquals(Set.of("<Unknown>"), unknownOperations);
        assertEquals(List.of(), head(notRoundTripped), notRoundTripped.size() + " details did not round-trip");
        assertEquals(List.of(), head(untypedInTypedFamily), untypedInTypedFamily.size() + " typed-family details fell back to Text");
    }

    private static List<String> head(List<String> list) {
        return list.subList(0, Math.min(20, list.size()));
    }

    /** The corpus files are raw zlib streams of UTF-8 text with a byte-order mark. */
    private static Reader openInflated(Path file) throws IOException {
        InputStream in = new InflaterInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }
}
