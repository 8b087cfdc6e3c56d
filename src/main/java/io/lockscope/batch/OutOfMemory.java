package io.lockscope.batch;

import java.util.Locale;

/**
 * Running out of Java heap in words an operator can act on: how large the heap was, what ran out, and
 * how to give the JVM more or keep less. Not a bug: a case's model grows with its events (45–65 bytes
 * each, README › Performance), and the heap is the operator's setting.
 */
public final class OutOfMemory {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    private OutOfMemory() {
    }

    /**
     * {@code out of memory in a 2.0 GiB heap}. Callers make their messages before the work that may run
     * out: a full heap may have no room left for making them.
     */
    public static String heap() {
        return "out of memory in a " + heapSize() + " heap";
    }

    /** {@code out of memory in a 2.0 GiB heap; give the JVM more heap, …}: what a command prints when it runs out. */
    public static String line() {
        return heap() + "; " + advice();
    }

    /**
     * {@code give the JVM more heap, such as twice this (JAVA_OPTS=-Xmx4g), or keep fewer trace events
     * (--max-events N)}: the launchers (bin/lockscope, bin\lockscope.cmd) pass JAVA_OPTS to the JVM.
     */
    public static String advice() {
        return "give the JVM more heap, such as twice this (" + twiceTheHeap() + "), or keep fewer trace events (--max-events N)";
    }

    /** {@code JAVA_OPTS=-Xmx4g} for a heap of 2 GiB now: the setting of twice the heap. */
    public static String twiceTheHeap() {
        return "JAVA_OPTS=" + xmx(2 * Runtime.getRuntime().maxMemory());
    }

    /** {@code 2.0 GiB}: the heap's size. */
    public static String heapSize() {
        return size(Runtime.getRuntime().maxMemory());
    }

    /** A heap size as a person reads it: {@code 400 MiB}, {@code 2.0 GiB}. */
    static String size(long bytes) {
        return bytes >= GIB ? String.format(Locale.ROOT, "%.1f GiB", (double) bytes / GIB)
                : ((bytes + MIB - 1) / MIB) + " MiB";
    }

    /** The {@code -Xmx} option of at least {@code bytes}: {@code -Xmx4g}, else whole MiB, {@code -Xmx800m}. */
    static String xmx(long bytes) {
        return bytes % GIB == 0 ? "-Xmx" + bytes / GIB + "g" : "-Xmx" + (bytes + MIB - 1) / MIB + "m";
    }
}
