package io.lockscope.benchmarks;

import io.lockscope.ingest.etw.etl.EtlReader;
import io.lockscope.ingest.etw.etl.TraceRecord;
import io.lockscope.ingest.etw.etl.XpressLz77;
import io.lockscope.ingest.etw.kernel.KernelDecoder;
import io.lockscope.model.ReadReport;
import io.lockscope.nativeio.NativeXpress;
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

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The XPRESS decoder of compressed ETL buffers, Java ({@link XpressLz77}) against native
 * ({@link NativeXpress}: native-helpers/xpress.c on Linux) in one run, on the XPRESS form of
 * {@link EtlDecodeBenchmark}'s generated trace. {@link #xpressDecode} decompresses every compressed
 * buffer and nothing else; {@link #etlDecode} is the whole reader with that decoder (buffers indexed,
 * decompressed, merged by time, kernel records decoded). Native is lockscope's default only while
 * it stays at least 1.5× the Java decoder here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
public class EtlXpressBenchmark {
    @Param("512")
    int megabytes;

    @Param("true")
    boolean compressed;

    @Param({"java", "native"})
    String decoder;

    Path etl;
    /** Every compressed buffer's stream (heap copies for Java, direct for native) and decoded size. */
    final List<byte[]> heapStreams = new ArrayList<>();
    final List<ByteBuffer> directStreams = new ArrayList<>();
    final List<Integer> decodedSizes = new ArrayList<>();
    byte[] heapOut;
    ByteBuffer directOut;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        etl = BenchmarkData.etl(megabytes, compressed).path();
        if (decoder.equals("native")) {
            if (!NativeXpress.available()) {
                throw new IllegalStateException("no native XPRESS decoder: " + NativeXpress.unavailableBecause());
            }
            System.clearProperty(NativeXpress.ENABLED_PROPERTY);
        } else {
            System.setProperty(NativeXpress.ENABLED_PROPERTY, "false");
        }
        int largest = 0;
        for (XpressStreams.Stream stream : XpressStreams.of(etl)) {
            byte[] bytes = stream.bytes();
            if (decoder.equals("native")) {
                directStreams.add(ByteBuffer.allocateDirect(bytes.length).put(0, bytes));
            } else {
                heapStreams.add(bytes);
            }
            decodedSizes.add(stream.decodedLength());
            largest = Math.max(largest, stream.decodedLength());
        }
        heapOut = new byte[largest];
        directOut = ByteBuffer.allocateDirect(largest);
    }

    @Benchmark
    public long xpressDecode() throws Exception {
        long bytes = 0;
        for (int i = 0, n = decodedSizes.size(); i < n; i++) {
            int size = decodedSizes.get(i);
            if (decoder.equals("native")) {
                ByteBuffer in = directStreams.get(i);
                bytes += NativeXpress.decode(in, in.capacity(), directOut, size);
            } else {
                byte[] in = heapStreams.get(i);
                bytes += XpressLz77.decode(in, 0, in.length, heapOut, 0, size, false);
            }
        }
        return bytes;
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
}
