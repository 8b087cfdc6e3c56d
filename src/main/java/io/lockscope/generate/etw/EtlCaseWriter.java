package io.lockscope.generate.etw;

import io.lockscope.format.etw.etl.EtlLayout;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.UUID;

import static io.lockscope.format.etw.etl.EtlLayout.*;

/**
 * Writes an ETL file record by record, streaming: each CPU has one buffer in memory, written out
 * (XPRESS-compressed when asked) as soon as the next record does not fit, so a trace of any size is
 * written in constant memory. The layout is the one the reader reads ({@link EtlLayout}; etw-formats.md §4):
 *
 * <pre>
 * buffer 0     header buffer: WMI_BUFFER_HEADER (0x48) + the SYSTEM EventTrace/Header record, whose
 *              payload is TRACE_LOGFILE_HEADER (BufferSize, version, build, CPUs, end time,
 *              LogFileMode, BuffersWritten, PointerSize, time zone, boot time, QPC frequency, start
 *              time, logger and file names). Rewritten at {@link #close()} with the final count.
 * buffer 1..n  data buffers: WMI_BUFFER_HEADER_SIZE, then 8-aligned records of one CPU in time order;
 *              0x00 BufferSize (on disk), 0x04 SavedOffset / 0x30 Offset (bytes in use, header
 *              included), 0x28 ProcessorNumber; compressed ones hold XPRESS(bytes 0x48..used) after
 *              the header and set 0x34 BufferFlag 0x40.
 * </pre>
 *
 * Record headers written: SYSTEM (0x20 bytes: version word with 0xC002/0xC001 marker, size, hook
 * id = group &lt;&lt; 8 | type, TID, PID, timestamp), PERFINFO (0x10 bytes, no PID/TID) and FULL
 * (0x30 bytes, classic-provider GUID). Clock: QPC at 10 MHz, so a raw tick is one FILETIME tick.
 * Records of one CPU must be added in timestamp order; the reader merges the CPUs by timestamp.
 */
public final class EtlCaseWriter implements Closeable {
    /** FILETIME of the trace start: 2024-01-02 18:24:05 UTC. */
    public static final long START_TIME = 133486934450000000L;
    /** Raw timestamp of the header record; event timestamps must come after it. */
    public static final long HEADER_RAW = 1_000_000L;
    public static final int DEFAULT_BUFFER_SIZE = 64 * 1024;

    private final FileChannel out;
    private final int cpus;
    private final int pointerSize;
    private final int bufferSize;
    private final boolean compressed;
    private final ByteBuffer[] pending;
    private final XpressEncoder encoder = new XpressEncoder();
    private final ByteBuffer compressedBuffer;
    private int buffersWritten;
    private long records;
    private boolean closed;

    /**
     * @param cpus        per-CPU buffer streams
     * @param pointerSize 8 (64-bit trace) or 4
     * @param bufferSize  bytes per buffer, at least 4 KB
     */
    public EtlCaseWriter(Path file, int cpus, int pointerSize, int bufferSize, boolean compressed) throws IOException {
        if (pointerSize != 4 && pointerSize != 8) {
            throw new IllegalArgumentException("pointer size " + pointerSize);
        }
        if (cpus < 1 || bufferSize < 4096 || bufferSize % 8 != 0) {
            throw new IllegalArgumentException("cpus " + cpus + ", buffer size " + bufferSize);
        }
        this.cpus = cpus;
        this.pointerSize = pointerSize;
        this.bufferSize = bufferSize;
        this.compressed = compressed;
        this.pending = new ByteBuffer[cpus];
        for (int i = 0; i < cpus; i++) {
            pending[i] = emptyBuffer();
        }
        this.compressedBuffer = ByteBuffer.allocate(bufferSize + bufferSize / 8 + 128).order(ByteOrder.LITTLE_ENDIAN);
        this.out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        out.position(bufferSize); // the header buffer is written last, once the buffer count is known
    }

    /** A 64-bit trace with 64 KB buffers. */
    public EtlCaseWriter(Path file, int cpus, boolean compressed) throws IOException {
        this(file, cpus, 8, DEFAULT_BUFFER_SIZE, compressed);
    }

    /** A payload builder whose pointers have this trace's size. */
    public EtlPayload payload() {
        return new EtlPayload(pointerSize);
    }

    /** Appends a SYSTEM record (kernel event with PID/TID) to CPU {@code cpu}'s stream. */
    public EtlCaseWriter system(int cpu, int group, int type, int version, int pid, int tid, long raw, EtlPayload p)
            throws IOException {
        ByteBuffer b = room(cpu, SYSTEM_HEADER_SIZE + p.length());
        b.putInt(marker(pointerSize == 8 ? SYSTEM64 : SYSTEM32, version));
        b.putShort((short) (SYSTEM_HEADER_SIZE + p.length()));
        b.putShort((short) (group << 8 | type));
        b.putInt(tid).putInt(pid).putLong(raw).putInt(0).putInt(0);
        return put(b, p);
    }

    /** Appends a PERFINFO record (kernel event without PID/TID) to CPU {@code cpu}'s stream. */
    public EtlCaseWriter perfinfo(int cpu, int group, int type, int version, long raw, EtlPayload p) throws IOException {
        ByteBuffer b = room(cpu, PERFINFO_HEADER_SIZE + p.length());
        b.putInt(marker(pointerSize == 8 ? PERFINFO64 : PERFINFO32, version));
        b.putShort((short) (PERFINFO_HEADER_SIZE + p.length()));
        b.putShort((short) (group << 8 | type));
        b.putLong(raw);
        return put(b, p);
    }

    /** Appends a FULL_HEADER record (classic provider), e.g. SysConfig VolumeMapping. */
    public EtlCaseWriter classic(int cpu, UUID guid, int type, int version, int pid, int tid, long raw, EtlPayload p)
            throws IOException {
        ByteBuffer b = room(cpu, FULL_HEADER_SIZE + p.length());
        b.putInt(marker(pointerSize == 8 ? FULL_HEADER64 : FULL_HEADER32, FULL_HEADER_SIZE + p.length()));
        b.put((byte) type).put((byte) 0).putShort((short) version);
        b.putInt(tid).putInt(pid).putLong(raw);
        long msb = guid.getMostSignificantBits();
        b.putInt((int) (msb >>> 32)).putShort((short) (msb >>> 16)).putShort((short) msb);
        b.order(ByteOrder.BIG_ENDIAN).putLong(guid.getLeastSignificantBits()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0).putInt(0);
        return put(b, p);
    }

    /** Writes out CPU {@code cpu}'s buffer now, so its later records go to a new buffer. */
    public EtlCaseWriter flush(int cpu) throws IOException {
        ByteBuffer b = pending[cpu];
        if (b.position() > BUFFER_HEADER_SIZE) {
            writeBuffer(cpu, b);
            b.clear();
            Arrays.fill(b.array(), (byte) 0xFF);
            b.position(BUFFER_HEADER_SIZE);
        }
        return this;
    }

    /** Records written so far. */
    public long records() {
        return records;
    }

    /** File bytes written so far (the header buffer included). */
    public long bytesWritten() throws IOException {
        return Math.max(out.position(), bufferSize);
    }

    /**
     * Bytes of the buffers written so far before compression (the header buffer included): the
     * trace's size uncompressed, equal to {@link #bytesWritten()} when not compressing.
     */
    public long dataBytes() {
        return (long) (buffersWritten + 1) * bufferSize;
    }

    private ByteBuffer emptyBuffer() {
        ByteBuffer b = ByteBuffer.allocate(bufferSize).order(ByteOrder.LITTLE_ENDIAN);
        Arrays.fill(b.array(), (byte) 0xFF);
        b.position(BUFFER_HEADER_SIZE);
        return b;
    }

    private ByteBuffer room(int cpu, int recordSize) throws IOException {
        if (BUFFER_HEADER_SIZE + recordSize > bufferSize) {
            throw new IllegalArgumentException("record of " + recordSize + " bytes does not fit a buffer");
        }
        if (pending[cpu].position() + recordSize > bufferSize) {
            flush(cpu);
        }
        return pending[cpu];
    }

    private EtlCaseWriter put(ByteBuffer b, EtlPayload p) {
        b.put(p.array(), 0, p.length());
        int aligned = (b.position() + 7) & ~7;
        b.position(Math.min(aligned, bufferSize));
        records++;
        return this;
    }

    private void writeBuffer(int cpu, ByteBuffer data) throws IOException {
        int used = data.position();
        Arrays.fill(data.array(), 0, BUFFER_HEADER_SIZE, (byte) 0);
        data.putInt(B_SAVED_OFFSET, used).putInt(B_OFFSET, used).putShort(B_PROCESSOR, (short) cpu);
        if (!compressed) {
            data.putInt(B_BUFFER_SIZE, bufferSize);
            writeFully(ByteBuffer.wrap(data.array(), 0, bufferSize));
        } else {
            int n = encoder.encode(data.array(), BUFFER_HEADER_SIZE, used);
            ByteBuffer c = compressedBuffer.clear();
            c.put(data.array(), 0, BUFFER_HEADER_SIZE).put(encoder.output(), 0, n);
            c.putInt(B_BUFFER_SIZE, BUFFER_HEADER_SIZE + n).putShort(B_FLAGS, (short) FLAG_COMPRESSED);
            writeFully(c.flip());
        }
        buffersWritten++;
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    /** The header buffer: TRACE_LOGFILE_HEADER as the reader's LogfileHeader documents it. */
    private ByteBuffer headerBuffer() {
        EtlPayload p = payload()
                .u32(bufferSize).u32(0x0002000A).u32(19041).u32(cpus)
                .u64(START_TIME + 10_000_000L).u32(156250).u32(0)
                .u32(compressed ? 0x04000001 : 0x00000001).u32(buffersWritten + 1)
                .u32(1).u32(pointerSize).u32(0).u32(3000)
                .ptr(0).ptr(0)
                .u32(0).utf16Fixed("Coordinated Universal Time", 32).zeros(172 - 4 - 64)
                .zeros(4)
                .u64(START_TIME - 36_000_000_000L).u64(10_000_000L).u64(START_TIME).u32(1).u32(0)
                .utf16z("lockscope generate").utf16z("C:\\lockscope.etl");
        ByteBuffer b = ByteBuffer.allocate(bufferSize).order(ByteOrder.LITTLE_ENDIAN);
        Arrays.fill(b.array(), BUFFER_HEADER_SIZE, bufferSize, (byte) 0xFF);
        int rec = SYSTEM_HEADER_SIZE + p.length();
        // SYSTEM record, version 2, hook id 0 (EventTrace group, Header type)
        b.position(BUFFER_HEADER_SIZE);
        b.putInt(marker(pointerSize == 8 ? SYSTEM64 : SYSTEM32, 2)).putShort((short) rec).putShort((short) 0)
                .putInt(0).putInt(0).putLong(HEADER_RAW).putInt(0).putInt(0);
        b.put(p.array(), 0, p.length());
        int used = BUFFER_HEADER_SIZE + ((rec + 7) & ~7);
        b.putInt(B_BUFFER_SIZE, bufferSize).putInt(B_SAVED_OFFSET, used).putInt(B_OFFSET, used)
                .putInt(B_STATE, compressed ? COMPRESSION_FORMAT_XPRESS : 0).putShort(B_TYPE, (short) BUFFER_TYPE_HEADER);
        b.clear();
        return b;
    }

    /** Writes the pending buffers and the header buffer. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            for (int cpu = 0; cpu < cpus; cpu++) {
                flush(cpu);
            }
            ByteBuffer header = headerBuffer();
            out.position(0);
            writeFully(header);
        }
    }
}
