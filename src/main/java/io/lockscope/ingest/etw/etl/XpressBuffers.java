package io.lockscope.ingest.etw.etl;

import io.lockscope.nativeio.NativeXpress;

import java.nio.ByteBuffer;

/**
 * Decompresses whole XPRESS buffers of an ETL file, natively where {@link NativeXpress} loaded (and
 * {@code -Dlockscope.native=false} does not forbid it), else with the Java {@link XpressLz77}. Both give
 * the same bytes; a buffer the native decoder rejects is decoded again in Java, which names the error
 * (so the error is the same either way) or, should the two ever disagree, decides.
 */
final class XpressBuffers {
    private final boolean useNative;
    /** The Java decoder's input: the compressed bytes copied out of the mapped file. */
    private byte[] javaInput = new byte[0];

    private XpressBuffers(boolean useNative) {
        this.useNative = useNative;
    }

    /** The native decoder where available, else Java; chosen when a reader opens. */
    static XpressBuffers preferred() {
        return new XpressBuffers(NativeXpress.available());
    }

    static XpressBuffers java() {
        return new XpressBuffers(false);
    }

    /** The same decoder for another thread: the Java decoder's scratch is not shared. */
    XpressBuffers another() {
        return new XpressBuffers(useNative);
    }

    /** What decodes, for {@code info}: "native: …" or "Java (why not native)". */
    String description() {
        return useNative ? "native: " + NativeXpress.implementation() : "Java (" + NativeXpress.unavailableBecause() + ")";
    }

    /** A buffer to decode into: direct memory for the native decoder, a heap array for Java. */
    ByteBuffer allocate(int capacity) {
        return useNative ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.wrap(new byte[capacity]);
    }

    /**
     * Decodes {@code compressed} (a slice of the mapped file, from position 0 to its limit) into
     * {@code out[outOffset, outOffset + outLength)}; output beyond {@code outLength} is corruption.
     *
     * @param out from {@link #allocate}
     * @return the bytes written
     */
    int decode(ByteBuffer compressed, ByteBuffer out, int outOffset, int outLength) throws XpressLz77.CorruptStreamException {
        if (!useNative) {
            return XpressLz77.decode(javaInputOf(compressed), 0, compressed.limit(), out.array(), outOffset, outLength, false);
        }
        int n = NativeXpress.decode(compressed, compressed.limit(), out.slice(outOffset, outLength), outLength);
        if (n >= 0) {
            return n;
        }
        byte[] decoded = new byte[outLength];
        n = XpressLz77.decode(javaInputOf(compressed), 0, compressed.limit(), decoded, 0, outLength, false);
        out.put(outOffset, decoded, 0, n);
        return n;
    }

    private byte[] javaInputOf(ByteBuffer compressed) {
        int n = compressed.limit();
        if (javaInput.length < n) {
            javaInput = new byte[n];
        }
        compressed.get(0, javaInput, 0, n);
        return javaInput;
    }
}
