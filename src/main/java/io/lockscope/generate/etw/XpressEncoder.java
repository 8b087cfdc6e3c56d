package io.lockscope.generate.etw;

import java.util.Arrays;

/**
 * An MS-XCA plain LZ77 ("XPRESS") encoder, the compression of merged ETL buffers (etw-formats.md
 * §4; [MS-XCA] 2.3–2.4). Greedy: at each position the most recent earlier occurrence of the next
 * four bytes (one hash-table probe) is taken when it lies within the format's 8,192-byte window.
 * Match lengths use every form the format has: 3–9 in the 16-bit token, then the shared nibble,
 * the byte, and the 16-bit length. Fast enough to compress hundreds of MB; not the best ratio.
 */
public final class XpressEncoder {
    private static final int WINDOW = 8192;
    private static final int MAX_MATCH = 65538;
    private static final int HASH_BITS = 14;

    private final int[] lastSeen = new int[1 << HASH_BITS];
    private byte[] out = new byte[0];

    /**
     * Compresses {@code in[from, to)}; the result is {@link #output()}[0, returned length). The
     * encoder keeps its tables between calls (one encoder per writing thread).
     */
    public int encode(byte[] in, int from, int to) {
        int n = to - from;
        int worst = n + n / 8 + 64; // every 32 literals add a 4-byte flag word
        if (out.length < worst) {
            out = new byte[worst];
        }
        Arrays.fill(lastSeen, -1);
        byte[] buf = out;
        int o = 0;
        int flagPos = -1;
        int flagCount = 32;
        int flags = 0;
        int nibblePos = -1;
        int i = from;
        while (i < to) {
            if (flagCount == 32) {
                if (flagPos >= 0) {
                    putU32(buf, flagPos, flags);
                }
                flagPos = o;
                o += 4;
                flagCount = 0;
                flags = 0;
            }
            int bestLen = 0;
            int bestOff = 0;
            if (i + 4 <= to) {
                int h = hash(in, i);
                int candidate = lastSeen[h];
                lastSeen[h] = i;
                if (candidate >= from && i - candidate <= WINDOW) {
                    int len = 0;
                    int max = Math.min(MAX_MATCH, to - i);
                    while (len < max && in[candidate + len] == in[i + len]) {
                        len++;
                    }
                    if (len >= 3) {
                        bestLen = len;
                        bestOff = i - candidate;
                    }
                }
            }
            if (bestLen >= 3) {
                flags |= 1 << (31 - flagCount);
                int l = bestLen - 3;
                int token = ((bestOff - 1) << 3) | Math.min(l, 7);
                buf[o++] = (byte) token;
                buf[o++] = (byte) (token >>> 8);
                if (l >= 7) {
                    int rest = l - 7;
                    int nib = Math.min(rest, 15);
                    if (nibblePos < 0) {
                        nibblePos = o;
                        buf[o++] = (byte) nib;
                    } else {
                        buf[nibblePos] |= (byte) (nib << 4);
                        nibblePos = -1;
                    }
                    if (rest >= 15) {
                        int rest2 = rest - 15;
                        if (rest2 < 255) {
                            buf[o++] = (byte) rest2;
                        } else {
                            buf[o++] = (byte) 255;
                            buf[o++] = (byte) l;
                            buf[o++] = (byte) (l >>> 8);
                        }
                    }
                }
                for (int k = i + 1, end = Math.min(i + bestLen, to - 4); k < end; k += 4) {
                    lastSeen[hash(in, k)] = k; // sparse updates inside the match keep long runs cheap
                }
                i += bestLen;
            } else {
                buf[o++] = in[i++];
            }
            flagCount++;
        }
        if (flagPos >= 0) {
            // unused flag bits set to 1 read as matches past the input's end, where the decoder stops
            flags |= (int) ((1L << (32 - flagCount)) - 1);
            putU32(buf, flagPos, flags);
        }
        return o;
    }

    /** The buffer {@link #encode} wrote to. */
    public byte[] output() {
        return out;
    }

    /** Compresses all of {@code in} into a new array. */
    public static byte[] encode(byte[] in) {
        XpressEncoder e = new XpressEncoder();
        int n = e.encode(in, 0, in.length);
        return Arrays.copyOf(e.output(), n);
    }

    private static int hash(byte[] b, int i) {
        int v = (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
        return (v * 0x9E3779B1) >>> (32 - HASH_BITS);
    }

    private static void putU32(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }
}
