package io.lockscope.ingest;

import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * A reader on two threads where it may use two: the reading thread decodes its input into batches and a
 * writer thread puts each batch into the model behind it, in the order read, so that decoding and
 * writing overlap. A few batches go round between the two, so the memory stays bounded and no record
 * costs an object to hand over. With one thread to use, the reading thread writes each batch itself
 * when it is full: the same model either way. What the writer throws is thrown again on the reading
 * thread, at its next hand-over or at {@link #finish}, so a reader stops as soon as its input is found
 * unreadable.
 *
 * @param <B> the batch the reader fills
 */
public final class WriteBehind<B extends WriteBehind.Batch> implements AutoCloseable {
    /** Batches in circulation: enough to ride out the unevenness of either side. */
    private static final int BATCHES = 4;

    /** What goes round: filled by the reading thread, written by the writer. */
    public interface Batch {
        boolean isFull();

        int size();

        /** Empties the batch for reuse, letting go of what it referred to. */
        void clear();
    }

    /** Puts a batch into the model, in order; may find the input unreadable. */
    @FunctionalInterface
    public interface Writer<B> {
        void write(B batch) throws BadInputException;
    }

    private final Writer<B> writer;
    private final BlockingQueue<B> full = new ArrayBlockingQueue<>(BATCHES + 1);
    private final BlockingQueue<B> free = new ArrayBlockingQueue<>(BATCHES);
    /** Handed over after the last batch: the writer thread stops. */
    private final B end;
    /** The writer thread, or null when the reading thread writes. */
    private final Thread thread;
    private B filling;
    private boolean ended;
    /** What the writer thread threw; it then only returns the batches it is given. */
    private volatile Throwable failed;

    /**
     * @param threadName the writer thread's name
     * @param threaded   whether to write on a thread of its own
     */
    public WriteBehind(String threadName, Supplier<B> newBatch, Writer<B> writer, boolean threaded) {
        this.writer = writer;
        this.filling = newBatch.get();
        if (!threaded) {
            end = null;
            thread = null;
            return;
        }
        end = newBatch.get();
        for (int i = 1; i < BATCHES; i++) {
            free.add(newBatch.get());
        }
        thread = new Thread(this::writeBatches, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** The batch the reading thread fills now. */
    public B filling() {
        return filling;
    }

    /** Hands the batch being filled over when it is full. */
    public void handOverIfFull() throws BadInputException, InterruptedIOException {
        if (filling.isFull()) {
            handOver();
        }
    }

    /** Writes what is left, waits for the writer thread and throws again what it threw. */
    public void finish() throws BadInputException, InterruptedIOException {
        if (filling.size() > 0) {
            handOver();
        }
        end();
        throwFailure();
    }

    /** Stops the writer thread when the reading ended early (the reading thread threw). */
    @Override
    public void close() throws InterruptedIOException {
        end();
    }

    private void handOver() throws BadInputException, InterruptedIOException {
        if (thread == null) {
            writer.write(filling);
            filling.clear();
            return;
        }
        throwFailure();
        try {
            full.put(filling);
            filling = free.take();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private void throwFailure() throws BadInputException {
        Throwable f = failed;
        if (f instanceof BadInputException e) {
            throw e;
        }
        if (f instanceof RuntimeException e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new IllegalStateException("the model writer was interrupted", f);
        }
    }

    private void end() throws InterruptedIOException {
        if (ended) {
            return;
        }
        ended = true;
        if (thread == null) {
            return;
        }
        full.add(end); // never full: it holds at most the batches in circulation and this
        try {
            thread.join();
        } catch (InterruptedException e) {
            throw interrupted(e); // the writer thread still ends at the end marker
        }
    }

    private static InterruptedIOException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException io = new InterruptedIOException("interrupted while writing the model");
        io.initCause(e);
        return io;
    }

    /** The writer thread: writes the batches in the order given until the end marker. */
    private void writeBatches() {
        while (true) {
            B b;
            try {
                b = full.take();
            } catch (InterruptedException e) {
                failed = e; // nothing interrupts this thread; if something did, the read fails rather than hangs
                continue;
            }
            if (b == end) {
                return;
            }
            if (failed == null) {
                try {
                    writer.write(b);
                } catch (BadInputException | RuntimeException | Error e) {
                    failed = e; // the reading thread throws it; until then, keep its batches coming back
                }
            }
            b.clear();
            free.add(b); // never full: it holds at most the batches in circulation
        }
    }
}
