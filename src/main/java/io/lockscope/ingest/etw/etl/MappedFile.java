package io.lockscope.ingest.etw.etl;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only file memory-mapped through a sliding window, so files over 2 GB (one mapping's limit)
 * are read without loading them. Slices handed out stay valid after the window moves: each keeps its
 * own mapping alive.
 */
final class MappedFile implements Closeable {
    static final long DEFAULT_WINDOW = 256L << 20;

    private final FileChannel channel;
    private final long size;
    private final long windowSize;
    private MappedByteBuffer window;
    private long windowStart;

    MappedFile(Path file, long windowSize) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.size = channel.size();
        this.windowSize = windowSize;
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
        if (window == null || offset < windowStart || offset + length > windowStart + window.capacity()) {
            long mapLength = Math.min(size - offset, Math.max(windowSize, length));
            window = channel.map(FileChannel.MapMode.READ_ONLY, offset, mapLength);
            windowStart = offset;
        }
        int from = (int) (offset - windowStart);
        return window.slice(from, length).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public synchronized void close() throws IOException {
        window = null;
        channel.close();
    }
}
