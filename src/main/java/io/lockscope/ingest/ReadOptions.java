package io.lockscope.ingest;

import io.lockscope.model.TraceBuilder;

import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How to read inputs.
 *
 * @param zone      the capturing machine's UTC offset (--tz), applied to local times in text exports; null
 *                  when unknown
 * @param progress  told how far reading has come
 * @param maxEvents the most events kept from the inputs of one case (--max-events): an upload may hold any
 *                  number, and each costs heap; at most {@link TraceBuilder#MAX_EVENTS} from one file
 * @param threads   the threads reading one file may keep busy, itself included: a reader with work
 *                  that overlaps (an ETL's decompression and model writing) starts helper threads only
 *                  when this is over 1. Every core by default; {@code batch} gives each of its parallel
 *                  cases its share, and Spark one, as each task already has a core of its own
 */
public record ReadOptions(ZoneOffset zone, ReadProgress progress, long maxEvents, int threads) {
    /** 100 million events: about 6 GB of event columns, for which the JVM needs -Xmx10g or so. */
    public static final long DEFAULT_MAX_EVENTS = 100_000_000;
    public static final ReadOptions DEFAULT = new ReadOptions(null);

    public ReadOptions {
        Objects.requireNonNull(progress, "progress");
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be positive: " + maxEvents);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
    }

    public ReadOptions(ZoneOffset zone, ReadProgress progress, long maxEvents) {
        this(zone, progress, maxEvents, Runtime.getRuntime().availableProcessors());
    }

    public ReadOptions(ZoneOffset zone, ReadProgress progress) {
        this(zone, progress, DEFAULT_MAX_EVENTS);
    }

    public ReadOptions(ZoneOffset zone) {
        this(zone, ReadProgress.NONE);
    }

    public ReadOptions withProgress(ReadProgress newProgress) {
        return new ReadOptions(zone, newProgress, maxEvents, threads);
    }

    public ReadOptions withMaxEvents(long newMaxEvents) {
        return new ReadOptions(zone, progress, newMaxEvents, threads);
    }

    public ReadOptions withThreads(int newThreads) {
        return new ReadOptions(zone, progress, maxEvents, newThreads);
    }

    /** A builder for the trace of one file, which keeps at most {@link #maxEvents} (and the model's own bound). */
    public TraceBuilder newTraceBuilder(String source, InputFormat format) {
        return new TraceBuilder(source, format.id(), Math.min(maxEvents, TraceBuilder.MAX_EVENTS));
    }
}
