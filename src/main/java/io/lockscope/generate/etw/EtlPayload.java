package io.lockscope.generate.etw;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A little-endian event payload under construction, with pointers of the trace's size. Reusable:
 * {@link #reset()} empties it without giving back its array, so a writer of millions of events
 * allocates nothing per event.
 */
public final class EtlPayload {
    private final int pointerSize;
    private byte[] bytes = new byte[256];
    private int length;

    /** A payload with 8-byte pointers. */
    public EtlPayload() {
        this(8);
    }

    public EtlPayload(int pointerSize) {
        if (pointerSize != 4 && pointerSize != 8) {
            throw new IllegalArgumentException("pointer size " + pointerSize);
        }
        this.pointerSize = pointerSize;
    }

    public EtlPayload reset() {
        length = 0;
        return this;
    }

    public EtlPayload ptr(long v) {
        return pointerSize == 8 ? u64(v) : u32(v);
    }

    public EtlPayload u64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[length++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    public EtlPayload u32(long v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            bytes[length++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    public EtlPayload u16(int v) {
        ensure(2);
        bytes[length++] = (byte) v;
        bytes[length++] = (byte) (v >>> 8);
        return this;
    }

    public EtlPayload u8(int v) {
        ensure(1);
        bytes[length++] = (byte) v;
        return this;
    }

    /** A NUL-terminated UTF-16LE string. */
    public EtlPayload utf16z(String s) {
        ensure(2 * s.length() + 2);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes[length++] = (byte) c;
            bytes[length++] = (byte) (c >>> 8);
        }
        return u16(0);
    }

    /** A NUL-terminated single-byte (Latin-1) string. */
    public EtlPayload ansiz(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        ensure(b.length + 1);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
        return u8(0);
    }

    /** A fixed field of {@code chars} UTF-16 characters, NUL-padded (or cut). */
    public EtlPayload utf16Fixed(String s, int chars) {
        String cut = s.length() > chars ? s.substring(0, chars) : s;
        ensure(2 * chars);
        int end = length + 2 * chars;
        for (int i = 0; i < cut.length(); i++) {
            bytes[length++] = (byte) cut.charAt(i);
            bytes[length++] = (byte) (cut.charAt(i) >>> 8);
        }
        Arrays.fill(bytes, length, end, (byte) 0);
        length = end;
        return this;
    }

    public EtlPayload zeros(int n) {
        ensure(n);
        Arrays.fill(bytes, length, length + n, (byte) 0);
        length += n;
        return this;
    }

    public int length() {
        return length;
    }

    /** A copy of the bytes written so far. */
    public byte[] bytes() {
        return Arrays.copyOf(bytes, length);
    }

    int pointerSize() {
        return pointerSize;
    }

    /** The backing array; only its first {@link #length()} bytes are the payload. */
    byte[] array() {
        return bytes;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
