package io.lockscope.benchmarks;

import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.model.Trace;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * procmon CSV ingest into the model, side by side with Apache Commons CSV and FastCSV merely
 * tokenizing the same file (every field of every record touched, nothing kept) and with {@link Cat}
 * reading it. Input: a generated lock-holder boot log, all 27 columns, en-US, ≥ 200 MB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class ProcmonCsvIngestBenchmark {
    /** 400,000 events of 27 columns make about 225 MB. */
    @Param("400000")
    long events;

    Path csv;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        csv = BenchmarkData.procmonCsv(events);
    }

    @Benchmark
    public Trace lockscopeIngest() throws Exception {
        return Formats.readTrace(csv, csv.toString(), ReadOptions.DEFAULT);
    }

    @Benchmark
    public void commonsCsvTokenize(Blackhole bh) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.RFC4180.builder().setHeader().build().parse(in)) {
            for (CSVRecord r : parser) {
                for (int i = 0, n = r.size(); i < n; i++) {
                    bh.consume(r.get(i));
                }
            }
        }
    }

    @Benchmark
    public void fastCsvTokenize(Blackhole bh) throws IOException {
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv, StandardCharsets.UTF_8)) {
            for (CsvRecord r : reader) {
                for (int i = 0, n = r.getFieldCount(); i < n; i++) {
                    bh.consume(r.getField(i));
                }
            }
        }
    }

    @Benchmark
    public long cat() throws IOException {
        return Cat.stream(csv);
    }
}
