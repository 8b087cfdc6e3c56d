package io.lockscope.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code cat FILE > /dev/null} in-process, the physical limit a reader is compared with: the file
 * streamed through a FileChannel into one 1 MiB direct buffer, every byte read and none looked at.
 */
final class Cat {
    private Cat() {
    }

    /** Reads {@code file} to its end; returns the bytes read. */
    static long stream(Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        long total = 0;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int n; (n = in.read(buffer.clear())) >= 0; ) {
                total += n;
            }
        }
        return total;
    }
}
