package io.lockscope.ingest.procmon.pml;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only, little-endian view of a whole file through memory-mapped windows, so files larger
 * than one {@code MappedByteBuffer} (2 GiB) are read without copying. Window {@code i} starts at
 * {@code i << windowShift} and extends {@link #OVERLAP} bytes into the next one, so every read of at
 * most {@code OVERLAP} bytes lies inside one window and needs no stitching.
 *
 * <p>Reads are bounds-checked against the file size and throw {@link PmlFormatException} naming the
 * offset; callers that need a friendlier message check ranges first with {@link #fits}. Every read
 * is at an absolute index and nothing is kept between reads, so threads may read one file at once.
 */
final class MappedFile implements AutoCloseable {
    /** Longest single read: a detail string is at most 0x7FFF UTF-16 chars (procmon-formats.md §1.9). */
    static final int OVERLAP = 1 << 17;
    static final int DEFAULT_WINDOW_SHIFT = 30;

    private final FileChannel channel;
    private final long size;
    private final int shift;
    private final long mask;
    private final MappedByteBuffer[] windows;
    /** UTF-16LE views of each window starting at an even and at an odd byte, for bulk string copies. */
    private final CharBuffer[] evenChars;
    private final CharBuffer[] oddChars;

    MappedFile(Path file) throws IOException {
        this(file, DEFAULT_WINDOW_SHIFT);
    }

    /** {@code windowShift} is small only in tests, to exercise window boundaries with small files. */
    MappedFile(Path file, int windowShift) throws IOException {
        if (windowShift < 12 || windowShift > 30) {
            throw new IllegalArgumentException("window shift out of range: " + windowShift);
        }
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            this.size = channel.size();
            this.shift = windowShift;
            this.mask = (1L << windowShift) - 1;
            int count = (int) ((size + mask) >>> windowShift);
            this.windows = new MappedByteBuffer[Math.max(count, 1)];
            this.evenChars = new CharBuffer[windows.length];
            this.oddChars = new CharBuffer[windows.length];
            for (int i = 0; i < count; i++) {
                long start = (long) i << windowShift;
                long length = Math.min((1L << windowShift) + OVERLAP, size - start);
                MappedByteBuffer w = channel.map(FileChannel.MapMode.READ_ONLY, start, length);
                w.order(ByteOrder.LITTLE_ENDIAN);
                windows[i] = w;
                evenChars[i] = w.duplicate().order(ByteOrder.LITTLE_ENDIAN).asCharBuffer();
                oddChars[i] = length > 1 ? w.slice(1, (int) length - 1).order(ByteOrder.LITTLE_ENDIAN).asCharBuffer()
                        : CharBuffer.allocate(0);
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    long size() {
        return size;
    }

    /** Whether {@code length} bytes at {@code offset} lie inside the file. */
    boolean fits(long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= size && length <= size - offset;
    }

    int u8(long pos) {
        check(pos, 1);
        return windows[(int) (pos >>> shift)].get((int) (pos & mask)) & 0xFF;
    }

    int u16(long pos) {
        check(pos, 2);
        return windows[(int) (pos >>> shift)].getShort((int) (pos & mask)) & 0xFFFF;
    }

    int i32(long pos) {
        check(pos, 4);
        return windows[(int) (pos >>> shift)].getInt((int) (pos & mask));
    }

    long u32(long pos) {
        return i32(pos) & 0xFFFFFFFFL;
    }

    long i64(long pos) {
        check(pos, 8);
        return windows[(int) (pos >>> shift)].getLong((int) (pos & mask));
    }

    /** A pointer-sized value, zero-extended on 32-bit captures. */
    long pointer(long pos, boolean wide) {
        return wide ? i64(pos) : u32(pos);
    }

    /**
     * Copies {@code count} characters at {@code pos} into {@code out}: UTF-16LE, or one byte per
     * character when {@code ascii} (procmon's detail strings, §1.9). Strings longer than
     * {@link #OVERLAP} bytes (only the strings table can hold them) are read character by character.
     */
    void chars(long pos, int count, boolean ascii, char[] out) {
        int bytes = ascii ? count : 2 * count;
        check(pos, bytes);
        if (bytes > OVERLAP) {
            for (int k = 0; k < count; k++) {
                out[k] = (char) (ascii ? u8(pos + k) : u16(pos + 2L * k));
            }
            return;
        }
        int window = (int) (pos >>> shift);
        int at = (int) (pos & mask);
        if (ascii) {
            MappedByteBuffer w = windows[window];
            for (int k = 0; k < count; k++) {
                out[k] = (char) (w.get(at + k) & 0xFF);
            }
        } else if ((at & 1) == 0) {
            evenChars[window].get(at >>> 1, out, 0, count);
        } else {
            oddChars[window].get(at >>> 1, out, 0, count);
        }
    }

    /**
     * A hash of {@code length} bytes at {@code pos} for interning without decoding first. Equal bytes
     * always hash equally. Past 64 bytes only the first 16 and the last 48 are mixed in (with the
     * length): paths and stacks differ mostly at their ends, and a collision only costs a comparison.
     */
    long hash(long pos, int length) {
        check(pos, length);
        if (length < 8 || length > OVERLAP) {
            long h = length;
            for (int k = 0; k < Math.min(length, 64); k++) {
                h = (h ^ u8(pos + k)) * 0x9E3779B97F4A7C15L;
            }
            return h;
        }
        MappedByteBuffer w = windows[(int) (pos >>> shift)];
        int at = (int) (pos & mask);
        long h = length;
        int tail = Math.max(0, length - 48);
        int k = 0;
        for (; k + 8 <= length && k < 16; k += 8) {
            h = (h ^ w.getLong(at + k)) * 0x9E3779B97F4A7C15L;
        }
        for (k = Math.max(k, tail); k + 8 <= length; k += 8) {
            h = (h ^ w.getLong(at + k)) * 0x9E3779B97F4A7C15L;
        }
        return (h ^ w.getLong(at + length - 8)) * 0x9E3779B97F4A7C15L;
    }

    /** Whether the {@code values.length} pointers at {@code pos} equal {@code values}. */
    boolean pointersEqual(long pos, long[] values, boolean wide) {
        int size = wide ? 8 : 4;
        check(pos, values.length * size);
        if (values.length * size > OVERLAP) {
            for (int k = 0; k < values.length; k++) {
                if (pointer(pos + (long) k * size, wide) != values[k]) {
                    return false;
                }
            }
            return true;
        }
        MappedByteBuffer w = windows[(int) (pos >>> shift)];
        int at = (int) (pos & mask);
        for (int k = 0; k < values.length; k++) {
            long v = wide ? w.getLong(at + 8 * k) : w.getInt(at + 4 * k) & 0xFFFFFFFFL;
            if (v != values[k]) {
                return false;
            }
        }
        return true;
    }

    private void check(long pos, int length) {
        if (pos < 0 || pos > size - length) {
            throw new PmlFormatException(pos, "read of " + length + " bytes past the end of the file (" + size
                    + " bytes)");
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
