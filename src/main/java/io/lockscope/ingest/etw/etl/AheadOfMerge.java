package io.lockscope.ingest.etw.etl;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Does the work of opening buffers (XPRESS decompression) on a helper thread, in a known order and at
 * most {@link #AHEAD} buffers ahead of the one that takes the results, so that with a second core
 * decompression overlaps the decoding of records and the building of the model instead of adding to
 * them. Results come back in input order; a failure of one item (a corrupt stream) is a result like any
 * other, and an unexpected exception is thrown again on the taking thread.
 *
 * @param <I> what is to be opened
 * @param <O> what opening it gave
 */
final class AheadOfMerge<I, O> implements AutoCloseable {
    /** Buffers decompressed ahead: enough to keep the helper busy, few enough to bound the memory. */
    static final int AHEAD = 4;

    /** Opens one item; runs on the helper thread. */
    @FunctionalInterface
    interface Work<I, O> {
        O open(I item) throws IOException;
    }

    /** The result of one item, or what it threw. */
    private record Done<I, O>(I item, O result, Throwable thrown) {
    }

    private final BlockingQueue<Done<I, O>> done = new ArrayBlockingQueue<>(AHEAD);
    private final Thread helper;
    /**
     * Set when the pass ends; the helper then stops at its next item. Not an interrupt: that would
     * close the file's channel if it came while the helper maps a window of it.
     */
    private volatile boolean stopped;

    AheadOfMerge(String name, List<I> items, Work<I, O> work) {
        helper = new Thread(() -> {
            try {
                for (I item : items) {
                    if (stopped) {
                        return; // the pass ended early (an exception in the merge): nobody takes the rest
                    }
                    Done<I, O> d;
                    try {
                        d = new Done<>(item, work.open(item), null);
                    } catch (IOException | RuntimeException | Error e) {
                        d = new Done<>(item, null, e);
                    }
                    while (!done.offer(d, 10, TimeUnit.MILLISECONDS)) {
                        if (stopped) {
                            return;
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lockscope-etl-decompress " + name);
        helper.setDaemon(true);
        helper.start();
    }

    /**
     * The result of the next item, which must be {@code expected}.
     *
     * @throws IllegalStateException when the items are taken in another order than given
     */
    O take(I expected) throws IOException {
        Done<I, O> d;
        try {
            d = done.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a decompressed buffer");
        }
        if (d.item() != expected) {
            throw new IllegalStateException("buffer opened out of the predicted order: " + expected + " instead of " + d.item());
        }
        if (d.thrown() instanceof IOException e) {
            throw e;
        }
        if (d.thrown() instanceof RuntimeException e) {
            throw e;
        }
        if (d.thrown() instanceof Error e) {
            throw e;
        }
        return d.result();
    }

    /** Stops the helper (when the pass ended early) and waits for it. */
    @Override
    public void close() {
        stopped = true;
        try {
            helper.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
