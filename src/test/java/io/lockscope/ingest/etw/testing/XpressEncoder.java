package io.lockscope.ingest.etw.testing;

import java.io.ByteArrayOutputStream;

/**
 * A small MS-XCA plain-LZ77 encoder for tests: greedy matches found by a naive backward search in a
 * short window, every length form (3-9 in the token, the shared nibble, the byte, the u16) used
 * when a match is long enough. Slow and simple on purpose; it only has to produce valid streams.
 */
public final class XpressEncoder {
    private static final int WINDOW = 1024;

    private XpressEncoder() {
    }

    public static byte[] encode(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int flagPos = -1;
        int flagCount = 32;
        long flags = 0;
        int nibblePos = -1;
        byte[] buf = new byte[in.length * 2 + 64];
        int o = 0;
        int i = 0;
        while (i < in.length) {
            if (flagCount == 32) {
                if (flagPos >= 0) {
                    putU32(buf, flagPos, (int) flags);
                }
                flagPos = o;
                o += 4;
                flagCount = 0;
                flags = 0;
            }
            int bestLen = 0;
            int bestOff = 0;
            for (int back = 1; back <= Math.min(WINDOW, i); back++) {
                int len = 0;
                while (i + len < in.length && in[i + len] == in[i + len - back] && len < 65538) {
                    len++;
                }
                if (len > bestLen) {
                    bestLen = len;
                    bestOff = back;
                }
            }
            if (bestLen >= 3) {
                flags |= 1L << (31 - flagCount);
                int l = bestLen - 3;
                int tokenLen = Math.min(l, 7);
                int token = ((bestOff - 1) << 3) | tokenLen;
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
                            int full = bestLen - 3;
                            buf[o++] = (byte) full;
                            buf[o++] = (byte) (full >>> 8);
                        }
                    }
                }
                i += bestLen;
            } else {
                buf[o++] = in[i++];
            }
            flagCount++;
        }
        if (flagPos >= 0) {
            // unused flag bits set to 1 mark "match" past the input end, where the decoder stops
            flags |= (1L << (32 - flagCount)) - 1;
            putU32(buf, flagPos, (int) flags);
        }
        out.write(buf, 0, o);
        return out.toByteArray();
    }

    private static void putU32(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }
}
