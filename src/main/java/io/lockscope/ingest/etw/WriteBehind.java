package io.lockscope.ingest.etw;

import io.lockscope.ingest.etw.etl.TraceRecord;

import java.io.InterruptedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The model-writing pass over an ETL on two threads where the machine has a second core: the reading
 * thread merges and decodes the records into {@link DecodedBatch}es, and a writer thread puts each
 * batch into the model behind it, in the order read, so decoding and writing overlap. A few batches
 * go round between the two, so the memory stays bounded and no record costs an object to hand over.
 * With one thread to use the reading thread writes each batch itself when it is full: the same model
 * either way.
 */
final class WriteBehind implements AutoCloseable {
    /** Batches in circulation: enough to ride out the unevenness of either side. */
    private static final int BATCHES = 4;
    /** Handed over after the last batch: the writer thread stops. */
    private static final DecodedBatch END = new DecodedBatch(Map.of());

    private final EtlModelWriter writer;
    private final String file;
    private final Map<UUID, String> skipReasons = new HashMap<>();
    private final BlockingQueue<DecodedBatch> full = new ArrayBlockingQueue<>(BATCHES + 1);
    private final BlockingQueue<DecodedBatch> free = new ArrayBlockingQueue<>(BATCHES);
    /** The writer thread, or null when the reading thread writes. */
    private final Thread thread;
    private DecodedBatch filling = new DecodedBatch(skipReasons);
    private boolean ended;
    /** What the writer thread threw; it then only returns the batches it is given. */
    private volatile Throwable failed;

    /**
     * @param file     the file's name, for the places of what is reported
     * @param threaded whether to write on a thread of its own
     */
    WriteBehind(EtlModelWriter writer, String file, boolean threaded) {
        this.writer = writer;
        this.file = file;
        if (!threaded) {
            thread = null;
            return;
        }
        for (int i = 1; i < BATCHES; i++) {
            free.add(new DecodedBatch(skipReasons));
        }
        thread = new Thread(this::writeBatches, "lockscope-etl-write " + file);
        thread.setDaemon(true);
        thread.start();
    }

    /** Takes record {@code r} (valid only during the call) into the pass; on the reading thread. */
    void add(TraceRecord r) throws InterruptedIOException {
        filling.add(r, file);
        if (filling.isFull()) {
            handOver();
        }
    }

    /**
     * Writes what is left, waits for the writer thread and throws again what it threw.
     *
     * @throws InterruptedIOException when interrupted while waiting
     */
    void finish() throws InterruptedIOException {
        if (filling.size() > 0) {
            handOver();
        }
        end();
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
        if (failed != null) {
            throw new IllegalStateException("the ETL's event writer was interrupted", failed);
        }
    }

    /** Stops the writer thread when the pass ended early (the reading thread threw). */
    @Override
    public void close() throws InterruptedIOException {
        end();
    }

    private void handOver() throws InterruptedIOException {
        if (thread == null) {
            writer.write(filling);
            filling.clear();
            return;
        }
        try {
            full.put(filling);
            filling = free.take();
        } catch (InterruptedException e) {
            throw interrupted(e);
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
        full.add(END); // never full: it holds at most the batches in circulation and this
        try {
            thread.join();
        } catch (InterruptedException e) {
            throw interrupted(e); // the writer thread still ends at END
        }
    }

    private static InterruptedIOException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException io = new InterruptedIOException("interrupted while writing the ETL's events");
        io.initCause(e);
        return io;
    }

    /** The writer thread: writes the batches in the order given until {@link #END}. */
    private void writeBatches() {
        while (true) {
            DecodedBatch b;
            try {
                b = full.take();
            } catch (InterruptedException e) {
                failed = e; // nothing interrupts this thread; if something did, the pass fails rather than hangs
                continue;
            }
            if (b == END) {
                return;
            }
            if (failed == null) {
                try {
                    writer.write(b);
                } catch (RuntimeException | Error e) {
                    failed = e; // the reading thread throws it; until then, keep its batches coming back
                }
            }
            b.clear();
            free.add(b); // never full: it holds at most the batches in circulation
        }
    }
}
