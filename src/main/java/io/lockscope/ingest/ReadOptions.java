package io.lockscope.ingest;

import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How to read inputs.
 *
 * @param zone     the capturing machine's UTC offset (--tz), applied to local times in text exports; null
 *                 when unknown
 * @param progress told how far reading has come
 */
public record ReadOptions(ZoneOffset zone, ReadProgress progress) {
    public static final ReadOptions DEFAULT = new ReadOptions(null);

    public ReadOptions {
        Objects.requireNonNull(progress, "progress");
    }

    public ReadOptions(ZoneOffset zone) {
        this(zone, ReadProgress.NONE);
    }

    public ReadOptions withProgress(ReadProgress newProgress) {
        return new ReadOptions(zone, newProgress);
    }
}
