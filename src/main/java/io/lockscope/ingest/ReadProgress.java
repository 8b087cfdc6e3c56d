package io.lockscope.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Told how far the reading of input files has come, so that someone waiting on a multi-gigabyte upload
 * sees it move (the CLI draws a progress bar from it). {@link Readers} and {@link CaseInputs} say which
 * file is read; readers say, now and then, how far into it they are.
 */
public interface ReadProgress {
    /** Tells nobody. */
    ReadProgress NONE = new ReadProgress() {
        @Override
        public void begin(String input, long bytes) {
        }

        @Override
        public void at(long position) {
        }

        @Override
        public void end() {
        }
    };

    /** Reading {@code input}, {@code bytes} long, begins. */
    void begin(String input, long bytes);

    /** Reading the current input has come to its byte {@code position}. */
    void at(long position);

    /** The current input is read, or reading it failed. */
    void end();

    /**
     * Positions within pass {@code pass} (from 0) of {@code passes} equal passes over {@code bytes},
     * for readers that read a file more than once: the bar then moves once from start to end.
     */
    default LongConsumer pass(int pass, int passes, long bytes) {
        return position -> at((pass * bytes + position) / passes);
    }

    /** {@code in}, telling {@code position} the bytes read from it every megabyte or so. */
    static InputStream tracking(InputStream in, LongConsumer position) {
        return new FilterInputStream(in) {
            private static final long STEP = 1 << 20;
            private long read;
            private long told;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    advance(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    advance(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                advance(skipped);
                return skipped;
            }

            private void advance(long n) {
                read += n;
                if (read - told >= STEP) {
                    told = read;
                    position.accept(read);
                }
            }
        };
    }
}
