package io.lockscope.benchmarks;

import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.etw.etl.EtlReader;
import io.lockscope.ingest.etw.etl.TraceRecord;
import io.lockscope.ingest.etw.kernel.KernelDecoder;
import io.lockscope.model.ReadReport;
import io.lockscope.model.Trace;
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

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Native ETL: a generated 64-bit kernel boot trace (FileIo, Registry, Process/Thread, ObTrace, FltIo;
 * the lock-holder scenario amid background traffic) of {@code megabytes} MB uncompressed, plain or
 * XPRESS-compressed (the same records; Run's MB/s is of the file as stored). {@link #etlDecode} is the reader alone — buffers indexed, decompressed, merged
 * by timestamp, every kernel record decoded to its typed event; {@link #etlIngest} is the whole read
 * into the model (paths, processes, OpEnd joins); {@link #cat} reads the same file as the physical limit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class EtlDecodeBenchmark {
    @Param("512")
    int megabytes;

    @Param({"false", "true"})
    boolean compressed;

    Path etl;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        etl = BenchmarkData.etl(megabytes, compressed).path();
    }

    @Benchmark
    public long etlDecode() throws Exception {
        long[] decoded = new long[1];
        try (EtlReader reader = EtlReader.open(etl, etl.toString(), new ReadReport())) {
            reader.read((TraceRecord r) -> {
                if (r.kind() == TraceRecord.Kind.KERNEL && KernelDecoder.decode(r) != null) {
                    decoded[0]++;
                }
            });
        }
        return decoded[0];
    }

    @Benchmark
    public Trace etlIngest() throws Exception {
        return Formats.readTrace(etl, etl.toString(), ReadOptions.DEFAULT);
    }

    @Benchmark
    public long cat() throws IOException {
        return Cat.stream(etl);
    }
}
