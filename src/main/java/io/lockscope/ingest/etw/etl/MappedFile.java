package io.lockscope.ingest.etw.etl;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A read-only file memory-mapped through windows, so files over 2 GB (one mapping's limit) are read
 * without loading them. Window {@code i} starts at {@code i × window} and reaches {@link #overlap}
 * bytes into the next, so a buffer of up to that size lies inside one window. A window is mapped when
 * first sliced and kept until the file is closed: the reader's second pass then finds the pages of the
 * first already mapped instead of faulting every page in again (a fault per 4 KB, a cost the kernel's
 * system time showed). Slices stay valid after the file is closed: each keeps its mapping alive.
 */
final class MappedFile implements Closeable {
    static final long DEFAULT_WINDOW = 256L << 20;

    private final FileChannel channel;
    private final long size;
    private final long window;
    /** Bytes each window reaches into the next: the largest buffer the reader accepts, or less for small windows. */
    private final long overlap;
    private final MappedByteBuffer[] windows;

    MappedFile(Path file, long window) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.size = channel.size();
        this.window = window;
        this.overlap = Math.min(window, EtlReader.MAX_BUFFER_BYTES);
        this.windows = new MappedByteBuffer[(int) Math.max(1, (size + window - 1) / window)];
    }

    long size() {
        return size;
    }

    /**
     * A little-endian view of {@code [offset, offset + length)}; the caller checked it lies within the file.
     * Synchronized: the merge and the thread that decompresses ahead of it both slice.
     */
    synchronized ByteBuffer slice(long offset, int length) throws IOException {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IllegalArgumentException("slice [" + offset + ", +" + length + ") outside a file of " + size);
        }
        int i = (int) (offset / window);
        long start = i * window;
        if (offset + length > start + window + overlap) {
            // longer than any buffer the reader accepts: a mapping of its own
            return channel.map(FileChannel.MapMode.READ_ONLY, offset, length).order(ByteOrder.LITTLE_ENDIAN);
        }
        if (windows[i] == null) {
            windows[i] = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(size - start, window + overlap));
        }
        return windows[i].slice((int) (offset - start), length).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public synchronized void close() throws IOException {
        Arrays.fill(windows, null);
        channel.close();
    }
}
