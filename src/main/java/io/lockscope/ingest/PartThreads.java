package io.lockscope.ingest;

import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * Threads that read the parts of one file beside the reading thread, round-robin: part i of n is read
 * by thread i modulo their number, thread 0 being the reading thread, which reads its parts itself and
 * takes the others' results in order. A thread begins its next part only once the reading thread has
 * taken the result of its last one, so that at most a part per thread waits in memory (waiting longer,
 * results are what G1 copies at every young collection).
 *
 * @param <R> what a part read gives
 */
public final class PartThreads<R> implements AutoCloseable {
    /** How one thread reads a part; {@code stopping} says to give up (the result is then never taken). */
    public interface PartReader<R> {
        R read(int part, BooleanSupplier stopping) throws Exception;
    }

    private final int threads;
    private final Thread[] others;
    private final Semaphore[] turns;
    private final CompletableFuture<R>[] results;
    private final AtomicBoolean stop = new AtomicBoolean();

    @SuppressWarnings("unchecked")
    private PartThreads(int parts, int threads) {
        this.threads = threads;
        this.others = new Thread[threads];
        this.turns = new Semaphore[threads];
        this.results = new CompletableFuture[parts];
        for (int i = 0; i < parts; i++) {
            results[i] = new CompletableFuture<>();
        }
    }

    /**
     * Starts {@code threads - 1} threads named {@code name} for {@code parts} parts; thread t (from 1) reads
     * with {@code readerOf.apply(t)}, made here on the calling thread.
     */
    public static <R> PartThreads<R> start(String name, int parts, int threads, IntFunction<PartReader<R>> readerOf) {
        PartThreads<R> all = new PartThreads<>(parts, threads);
        for (int t = 1; t < threads; t++) {
            all.turns[t] = new Semaphore(1);
            PartReader<R> reader = readerOf.apply(t);
            int first = t;
            Thread thread = new Thread(() -> all.readParts(first, reader), name);
            thread.setDaemon(true);
            all.others[t] = thread;
            thread.start();
        }
        return all;
    }

    /** Whether part {@code i} is the reading thread's to read. */
    public boolean ownPart(int i) {
        return i % threads == 0;
    }

    /**
     * What part {@code i} (another thread's) read, waiting for it; null when that thread failed or was
     * stopped: the reading thread then reads it, and the rest, itself. Taking it lets that thread go on.
     */
    public R take(int i) throws InterruptedIOException {
        try {
            return results[i].get();
        } catch (ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a part of the file");
        } finally {
            turns[i % threads].release();
        }
    }

    /**
     * Stops the other threads at their next chance (a batch's end) and waits for them; their results are
     * not taken. Waiting matters when a read fails for want of memory: a thread still reading would hold
     * its parts, and the heap would stay full for whatever runs next (the message, a case run again alone).
     */
    @Override
    public void close() {
        stop.set(true);
        for (int t = 1; t < threads; t++) {
            turns[t].release(); // wakes a thread waiting for its turn, to see the stop
        }
        boolean interrupted = false;
        for (int t = 1; t < threads; t++) {
            while (true) {
                try {
                    others[t].join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // still wait: the read's memory is only free once they end
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void readParts(int first, PartReader<R> reader) {
        int i = first;
        try {
            for (; i < results.length; i += threads) {
                turns[first].acquire();
                if (stop.get()) {
                    break;
                }
                results[i].complete(reader.read(i, stop::get));
            }
        } catch (Throwable e) {
            if (i < results.length) {
                results[i].completeExceptionally(e);
            }
        }
        for (int rest = first; rest < results.length; rest += threads) {
            results[rest].completeExceptionally(new IllegalStateException("stopped"));
        }
    }
}
