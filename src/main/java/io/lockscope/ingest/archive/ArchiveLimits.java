package io.lockscope.ingest.archive;

import java.util.Locale;

/**
 * Limits that keep a hostile upload from exhausting the disk, the heap or the time of a batch. All of
 * them count over the whole case, nested archives included.
 *
 * @param maxEntries       entries (files, folders, links) read before the rest is left unread
 * @param maxExpandedBytes total bytes written when expanding
 * @param maxRatio         an entry is refused once its expanded size exceeds this many times the
 *                         compressed bytes consumed for it (a decompression bomb) …
 * @param ratioFloorBytes  … but only past this expanded size: small, very compressible logs are normal
 * @param maxDepth         archives nested deeper than this (the case's own archive is depth 1) are not
 *                         expanded
 */
public record ArchiveLimits(long maxEntries, long maxExpandedBytes, long maxRatio, long ratioFloorBytes, int maxDepth) {
    /**
     * 10,000 entries, 8 GiB expanded, ratio 250 past 32 MiB, depth 3. Deflate cannot exceed about
     * 1,032:1 and a zero-filled bomb comes close; a generated procmon XML export deflates about 28:1,
     * CBS.log and setupapi.dev.log 4–7:1, so real cases stay far below 250.
     */
    public static final ArchiveLimits DEFAULT = new ArchiveLimits(10_000, 8L << 30, 250, 32L << 20, 3);

    public ArchiveLimits {
        if (maxEntries < 1 || maxExpandedBytes < 1 || maxRatio < 1 || ratioFloorBytes < 0 || maxDepth < 1) {
            throw new IllegalArgumentException("archive limits must be positive: entries " + maxEntries + ", bytes "
                    + maxExpandedBytes + ", ratio " + maxRatio + ", ratio floor " + ratioFloorBytes + ", depth " + maxDepth);
        }
    }

    /**
     * A size as users write it: "8g", "512m", "100k" or a number of bytes (binary units).
     *
     * @throws IllegalArgumentException when it is not a positive size
     */
    public static long parseSize(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g") || t.endsWith("t")) {
            unit = 1L << (10 * ("kmgt".indexOf(t.charAt(t.length() - 1)) + 1));
            t = t.substring(0, t.length() - 1);
        }
        try {
            long n = Long.parseLong(t);
            if (n >= 1 && n <= Long.MAX_VALUE / unit) {
                return n * unit;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("a size like 512m or 8g was expected, not '" + text + "'");
    }

    public ArchiveLimits withMaxEntries(long entries) {
        return new ArchiveLimits(entries, maxExpandedBytes, maxRatio, ratioFloorBytes, maxDepth);
    }

    public ArchiveLimits withMaxExpandedBytes(long bytes) {
        return new ArchiveLimits(maxEntries, bytes, maxRatio, ratioFloorBytes, maxDepth);
    }

    public ArchiveLimits withMaxRatio(long ratio, long floorBytes) {
        return new ArchiveLimits(maxEntries, maxExpandedBytes, ratio, floorBytes, maxDepth);
    }

    public ArchiveLimits withMaxDepth(int depth) {
        return new ArchiveLimits(maxEntries, maxExpandedBytes, maxRatio, ratioFloorBytes, depth);
    }
}
