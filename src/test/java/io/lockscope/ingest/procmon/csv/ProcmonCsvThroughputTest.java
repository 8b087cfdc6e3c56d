package io.lockscope.ingest.procmon.csv;

import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.procmon.ProcmonCorpus;
import io.lockscope.ingest.text.CsvTokenizer;
import io.lockscope.ingest.text.CsvTokenizerTest;
import io.lockscope.model.Trace;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A rough throughput figure (the JMH benchmark is the real measure): the largest corpus CSV read by
 * Commons CSV (tokenizing only, every value touched), by our tokenizer alone, and by our reader into
 * the model. Prints MB/s of this thread's CPU time, which a machine shared with other builds
 * disturbs less than wall time; asserts only that all three saw the same records.
 */
class ProcmonCsvThroughputTest {
    private static final int WARMUP = 3;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final int RUNS = 5;

    @Test
    void largestCorpusCsvThroughput() throws Exception {
        Path csv = ProcmonCorpus.inflated("CompressedLogfileTests64bitUTCCSV");
        double mb = Files.size(csv) / 1e6;
        long[] counts = new long[3];
        double commons = best(() -> counts[0] = commons(csv));
        double tokenizer = best(() -> counts[1] = tokenizer(csv));
        double ingest = best(() -> counts[2] = ingest(csv) + 1);
        assertEquals(counts[0], counts[1]);
        assertEquals(counts[0], counts[2]);
        System.out.printf("procmon CSV throughput on %s (%.1f MB, %d records), best CPU time of %d after %d warm-up runs:%n"
                        + "  Commons CSV tokenizing only : %6.0f MB/s%n"
                        + "  CsvTokenizer only    : %6.0f MB/s%n"
                        + "  ProcmonCsvReader into model : %6.0f MB/s (%.2fx Commons tokenizing)%n",
                csv.getFileName(), mb, counts[0], RUNS, WARMUP, mb / commons, mb / tokenizer, mb / ingest, commons / ingest);
    }

    private interface Run {
        void run() throws Exception;
    }

    /** Best CPU time of this thread in seconds. */
    private static double best(Run run) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            run.run();
        }
        double best = Double.MAX_VALUE;
        for (int i = 0; i < RUNS; i++) {
            long t0 = CPU.getCurrentThreadCpuTime();
            run.run();
            best = Math.min(best, (CPU.getCurrentThreadCpuTime() - t0) / 1e9);
        }
        return best;
    }

    private static long commons(Path csv) throws Exception {
        long n = 0;
        long chars = 0;
        try (CSVParser p = CSVParser.parse(CsvTokenizerTest.oracleReader(csv), CSVFormat.DEFAULT)) {
            for (CSVRecord r : p) {
                for (String v : r) {
                    chars += v.length();
                }
                n++;
            }
        }
        return chars < 0 ? -1 : n;
    }

    private static long tokenizer(Path csv) throws Exception {
        long n = 0;
        long chars = 0;
        try (CsvTokenizer t = CsvTokenizer.open(Files.newInputStream(csv), csv.toString())) {
            while (t.next()) {
                for (int i = 0; i < t.fieldCount(); i++) {
                    chars += t.fieldLength(i);
                }
                n++;
            }
        }
        return chars < 0 ? -1 : n;
    }

    private static long ingest(Path csv) throws Exception {
        Trace t = new ProcmonCsvReader().read(csv, csv.getFileName().toString(), ReadOptions.DEFAULT);
        return t.size();
    }
}
