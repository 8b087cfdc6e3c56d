package io.lockscope.ingest;

import java.time.ZoneOffset;

/**
 * How to read inputs.
 *
 * @param zone the capturing machine's UTC offset (--tz), applied to local times in text exports; null
 *             when unknown
 */
public record ReadOptions(ZoneOffset zone) {
    public static final ReadOptions DEFAULT = new ReadOptions(null);
}
