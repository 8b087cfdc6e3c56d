package io.lockscope.export.pml;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A growable little-endian byte buffer, reused record after record. */
final class LeBuffer {
    private ByteBuffer buf;

    LeBuffer(int initial) {
        buf = ByteBuffer.allocate(initial).order(ByteOrder.LITTLE_ENDIAN);
    }

    void clear() {
        buf.clear();
    }

    int position() {
        return buf.position();
    }

    ByteBuffer flip() {
        buf.flip();
        return buf;
    }

    LeBuffer u8(int v) {
        ensure(1);
        buf.put((byte) v);
        return this;
    }

    LeBuffer u16(int v) {
        ensure(2);
        buf.putShort((short) v);
        return this;
    }

    LeBuffer i32(int v) {
        ensure(4);
        buf.putInt(v);
        return this;
    }

    LeBuffer i64(long v) {
        ensure(8);
        buf.putLong(v);
        return this;
    }

    LeBuffer pointer(long v, int size) {
        return size == 8 ? i64(v) : i32((int) v);
    }

    LeBuffer zeros(int n) {
        ensure(n);
        for (int k = 0; k < n; k++) {
            buf.put((byte) 0);
        }
        return this;
    }

    /** UTF-16LE characters of {@code s}, no terminator. */
    LeBuffer utf16(CharSequence s) {
        ensure(2 * s.length());
        for (int k = 0; k < s.length(); k++) {
            buf.putChar(s.charAt(k));
        }
        return this;
    }

    LeBuffer bytes(byte[] b) {
        ensure(b.length);
        buf.put(b);
        return this;
    }

    void putI32At(int at, int v) {
        buf.putInt(at, v);
    }

    void putI64At(int at, long v) {
        buf.putLong(at, v);
    }

    void putU8At(int at, int v) {
        buf.put(at, (byte) v);
    }

    void putU16At(int at, int v) {
        buf.putShort(at, (short) v);
    }

    private void ensure(int n) {
        if (buf.remaining() < n) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n))
                    .order(ByteOrder.LITTLE_ENDIAN);
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
    }
}
