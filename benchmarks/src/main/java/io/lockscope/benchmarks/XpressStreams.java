package io.lockscope.benchmarks;

import io.lockscope.format.etw.etl.EtlLayout;
import io.lockscope.ingest.etw.etl.BufferHeader;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The XPRESS streams of an ETL file's compressed buffers, for {@link EtlXpressBenchmark} and, written
 * to a file by {@link #main}, for the C decoders that benchmarks/xpress-compare.sh compares.
 */
public final class XpressStreams {
    private XpressStreams() {
    }

    /** One compressed buffer: its stream (the buffer after its header) and the length it decodes to. */
    record Stream(byte[] bytes, int decodedLength) {
    }

    /** Every compressed buffer's stream of {@code etl}, in file order. */
    static List<Stream> of(Path etl) throws IOException {
        List<Stream> streams = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(etl)) {
            ByteBuffer file = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
            for (int offset = 0; offset + EtlLayout.BUFFER_HEADER_SIZE <= file.capacity(); ) {
                BufferHeader h = BufferHeader.read(file, offset);
                if (h.compressed()) {
                    byte[] stream = new byte[(int) h.bufferSize() - EtlLayout.BUFFER_HEADER_SIZE];
                    file.get(offset + EtlLayout.BUFFER_HEADER_SIZE, stream);
                    streams.add(new Stream(stream, (int) h.savedOffset() - EtlLayout.BUFFER_HEADER_SIZE));
                }
                offset += (int) h.bufferSize();
            }
        }
        return streams;
    }

    /**
     * {@code XpressStreams OUT [ETL]}: writes each stream of ETL (default: {@link EtlDecodeBenchmark}'s
     * XPRESS trace, generated when missing) to OUT as its length and decoded length (32-bit little-endian)
     * and then its bytes.
     */
    public static void main(String[] args) throws IOException {
        Path etl = args.length > 1 ? Path.of(args[1]) : BenchmarkData.etl(512, true).path();
        List<Stream> streams = of(etl);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(Path.of(args[0]))))) {
            for (Stream s : streams) {
                out.writeInt(Integer.reverseBytes(s.bytes().length));
                out.writeInt(Integer.reverseBytes(s.decodedLength()));
                out.write(s.bytes());
            }
        }
        System.out.println(streams.size() + " compressed buffers of " + etl);
    }
}
