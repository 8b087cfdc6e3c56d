package io.lockscope.ingest.etw.testing;

import io.lockscope.generate.etw.XpressEncoder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes small ETL files (64-bit, or 32-bit with {@link #SyntheticEtl(int, int)}) for tests, following the layouts in etw-formats.md §4 (the same the
 * reader documents): a header buffer whose first record is the SYSTEM64 EventTrace/Header record with
 * a TRACE_LOGFILE_HEADER payload, then data buffers per CPU holding SYSTEM / PERFINFO / FULL records
 * of the trace's pointer size,
 * optionally XPRESS-compressed. Clock: QPC at 10 MHz, so one raw tick is one FILETIME tick.
 */
public final class SyntheticEtl {
    public static final int BUFFER_SIZE = 4096;
    /** FILETIME of the trace start: 2024-01-02 18:24:05 UTC. */
    public static final long START_TIME = 133486934450000000L;
    /** Raw timestamp of the header record. */
    public static final long HEADER_RAW = 1_000_000L;

    private record PendingBuffer(int cpu, List<byte[]> records) {
    }

    private final List<PendingBuffer> buffers = new ArrayList<>();
    private final int cpus;
    private final int pointerSize;
    private boolean compressed;
    private final List<List<byte[]>> pending = new ArrayList<>();

    public SyntheticEtl(int cpus) {
        this(cpus, 8);
    }

    /** A trace whose records use the 32-bit ({@code pointerSize} 4) or 64-bit (8) header types. */
    public SyntheticEtl(int cpus, int pointerSize) {
        if (pointerSize != 4 && pointerSize != 8) {
            throw new IllegalArgumentException("pointer size " + pointerSize);
        }
        this.cpus = cpus;
        this.pointerSize = pointerSize;
        for (int i = 0; i < cpus; i++) {
            pending.add(new ArrayList<>());
        }
    }

    /** Compress data buffers (sets LogFileMode 0x04000000 and XPRESS in the header buffer State). */
    public SyntheticEtl compressed() {
        this.compressed = true;
        return this;
    }

    /** A payload builder. */
    /** A payload builder whose pointers have this trace's size. */
    public Payload payload() {
        return new Payload(pointerSize);
    }

    public static final class Payload {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int pointerSize;

        /** A payload with 8-byte pointers. */
        public Payload() {
            this(8);
        }

        Payload(int pointerSize) {
            this.pointerSize = pointerSize;
        }

        public Payload ptr(long v) {
            return pointerSize == 8 ? u64(v) : u32(v);
        }

        public Payload u64(long v) {
            for (int i = 0; i < 8; i++) {
                out.write((int) (v >>> (8 * i)));
            }
            return this;
        }

        public Payload u32(long v) {
            for (int i = 0; i < 4; i++) {
                out.write((int) (v >>> (8 * i)));
            }
            return this;
        }

        public Payload u16(int v) {
            out.write(v);
            out.write(v >>> 8);
            return this;
        }

        public Payload u8(int v) {
            out.write(v);
            return this;
        }

        public Payload utf16z(String s) {
            byte[] b = (s + "\0").getBytes(StandardCharsets.UTF_16LE);
            out.write(b, 0, b.length);
            return this;
        }

        public Payload ansiz(String s) {
            byte[] b = (s + "\0").getBytes(StandardCharsets.ISO_8859_1);
            out.write(b, 0, b.length);
            return this;
        }

        /** A fixed field of {@code chars} UTF-16 characters, NUL-padded. */
        public Payload utf16Fixed(String s, int chars) {
            byte[] b = Arrays.copyOf(s.getBytes(StandardCharsets.UTF_16LE), 2 * chars);
            out.write(b, 0, b.length);
            return this;
        }

        public Payload zeros(int n) {
            out.write(new byte[n], 0, n);
            return this;
        }

        public byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** Appends a SYSTEM64 record (HookId = group/type) to CPU {@code cpu}'s stream. */
    public SyntheticEtl system(int cpu, int group, int type, int version, int pid, int tid, long raw, Payload p) {
        byte[] payload = p.bytes();
        ByteBuffer b = ByteBuffer.allocate(0x20 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((pointerSize == 8 ? 0xC0020000 : 0xC0010000) | version);
        b.putShort((short) (0x20 + payload.length));
        b.putShort((short) (group << 8 | type));
        b.putInt(tid).putInt(pid).putLong(raw).putInt(0).putInt(0);
        b.put(payload);
        pending.get(cpu).add(b.array());
        return this;
    }

    /** Appends a PERFINFO64 record (no PID/TID) to CPU {@code cpu}'s stream. */
    public SyntheticEtl perfinfo(int cpu, int group, int type, int version, long raw, Payload p) {
        byte[] payload = p.bytes();
        ByteBuffer b = ByteBuffer.allocate(0x10 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((pointerSize == 8 ? 0xC0110000 : 0xC0100000) | version);
        b.putShort((short) (0x10 + payload.length));
        b.putShort((short) (group << 8 | type));
        b.putLong(raw);
        b.put(payload);
        pending.get(cpu).add(b.array());
        return this;
    }

    /** Appends a FULL_HEADER64 (classic provider) record, e.g. SysConfig VolumeMapping. */
    public SyntheticEtl classic(int cpu, java.util.UUID guid, int type, int version, int pid, int tid, long raw,
                                Payload p) {
        byte[] payload = p.bytes();
        ByteBuffer b = ByteBuffer.allocate(0x30 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (0x30 + payload.length)).put((byte) (pointerSize == 8 ? 0x14 : 0x0A)).put((byte) 0xC0);
        b.put((byte) type).put((byte) 0).putShort((short) version);
        b.putInt(tid).putInt(pid).putLong(raw);
        long msb = guid.getMostSignificantBits();
        b.putInt((int) (msb >>> 32)).putShort((short) (msb >>> 16)).putShort((short) msb);
        b.order(ByteOrder.BIG_ENDIAN).putLong(guid.getLeastSignificantBits()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0).putInt(0);
        b.put(payload);
        pending.get(cpu).add(b.array());
        return this;
    }

    /** Closes the current buffer of {@code cpu}, so later records of that CPU go to a new buffer. */
    public SyntheticEtl flush(int cpu) {
        List<byte[]> records = pending.get(cpu);
        if (!records.isEmpty()) {
            buffers.add(new PendingBuffer(cpu, List.copyOf(records)));
            records.clear();
        }
        return this;
    }

    private byte[] buffer(int cpu, List<byte[]> records) {
        ByteBuffer data = ByteBuffer.allocate(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        Arrays.fill(data.array(), 0x48, BUFFER_SIZE, (byte) 0xFF);
        int pos = 0x48;
        for (byte[] r : records) {
            if (pos + r.length > BUFFER_SIZE) {
                throw new IllegalStateException("records overflow one synthetic buffer; flush earlier");
            }
            data.put(pos, r);
            pos += (r.length + 7) & ~7;
        }
        int used = pos;
        data.putInt(0x04, used).putInt(0x30, used);
        data.putShort(0x28, (short) cpu);
        if (!compressed) {
            data.putInt(0x00, BUFFER_SIZE);
            return data.array();
        }
        byte[] body = XpressEncoder.encode(Arrays.copyOfRange(data.array(), 0x48, used));
        ByteBuffer c = ByteBuffer.allocate(0x48 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        c.put(data.array(), 0, 0x48);
        c.put(body);
        c.putInt(0x00, c.capacity());
        c.putShort(0x34, (short) 0x40);
        return c.array();
    }

    private byte[] headerBuffer(int buffersWritten) {
        Payload p = payload()
                .u32(BUFFER_SIZE).u32(0x0002000A).u32(19041).u32(cpus)
                .u64(START_TIME + 10_000_000L).u32(156250).u32(0)
                .u32(compressed ? 0x04000001 : 0x00000001).u32(buffersWritten)
                .u32(1).u32(pointerSize).u32(0).u32(3000)
                .ptr(0).ptr(0)
                .u32(0).utf16Fixed("Coordinated Universal Time", 32).zeros(172 - 4 - 64)
                .zeros(4)
                .u64(START_TIME - 36_000_000_000L).u64(10_000_000L).u64(START_TIME).u32(1).u32(0)
                .utf16z("Synthetic Logger").utf16z("C:\\synthetic.etl");
        byte[] payload = p.bytes();
        ByteBuffer b = ByteBuffer.allocate(BUFFER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        Arrays.fill(b.array(), 0x48, BUFFER_SIZE, (byte) 0xFF);
        int rec = 0x20 + payload.length;
        b.putInt(0x48, (pointerSize == 8 ? 0xC0020002 : 0xC0010002)).putShort(0x4C, (short) rec).putShort(0x4E, (short) 0)
                .putInt(0x50, 0).putInt(0x54, 0).putLong(0x58, HEADER_RAW).putInt(0x60, 0).putInt(0x64, 0);
        b.put(0x68, payload);
        int used = 0x48 + ((rec + 7) & ~7);
        b.putInt(0x00, BUFFER_SIZE).putInt(0x04, used).putInt(0x30, used)
                .putInt(0x2C, compressed ? 3 : 0).putShort(0x36, (short) 4);
        return b.array();
    }

    /** The whole file: header buffer, then every buffer flushed so far and the pending ones, CPU by CPU. */
    public byte[] bytes() {
        for (int cpu = 0; cpu < cpus; cpu++) {
            flush(cpu);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] h = headerBuffer(buffers.size() + 1);
        out.write(h, 0, h.length);
        for (PendingBuffer p : buffers) {
            byte[] b = buffer(p.cpu, p.records);
            out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }

    public Path write(Path file) throws IOException {
        Files.write(file, bytes());
        return file;
    }
}
