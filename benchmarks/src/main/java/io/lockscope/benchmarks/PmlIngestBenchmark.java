package io.lockscope.benchmarks;

import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;
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
 * Native PML into the model: a generated 64-bit lock-holder boot log with stacks, 5,000,000 events
 * (about 1.4 GB), memory-mapped, every event decoded with its detail and stack; {@link #cat} reads the
 * same file as the physical limit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class PmlIngestBenchmark {
    @Param("5000000")
    long events;

    Path pml;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        pml = BenchmarkData.procmonPml(events);
    }

    @Benchmark
    public Trace lockscopePmlIngest() throws Exception {
        return Formats.readTrace(pml, pml.toString(), ReadOptions.DEFAULT);
    }

    @Benchmark
    public long cat() throws IOException {
        return Cat.stream(pml);
    }
}
