package io.lockscope.ingest.etw.etl;

/**
 * Decoder for MS-XCA "plain LZ77" (COMPRESSION_FORMAT_XPRESS, 3), the per-buffer compression of
 * merged/relogged ETL files (Windows 8+). Algorithm facts from [MS-XCA] §2.3–2.4; the stream is:
 *
 * <pre>
 * repeat:
 *   a 32-bit little-endian flag word (consumed MSB first), then per flag bit:
 *     0 → one literal byte
 *     1 → a 16-bit token: offset = (token &gt;&gt; 3) + 1, length = token &amp; 7, and when length == 7 the
 *         length continues in a shared half-byte (first use: low nibble of a new byte, second use: its
 *         high nibble); a nibble of 15 continues in one byte; a byte of 255 continues in a u16 and a
 *         u16 of 0 in a u32 (both then holding the full length − 3). Finally length += 3.
 * </pre>
 *
 * Hostile input cannot overflow or loop: every read is checked against the input end, every match
 * against the bytes already written and the output capacity, and each step consumes input.
 */
public final class XpressLz77 {

    /** The compressed stream is malformed; {@link #inputPosition()} says where. */
    public static final class CorruptStreamException extends Exception {
        private final int inputPosition;

        CorruptStreamException(String message, int inputPosition) {
            super(message + " at compressed byte " + inputPosition);
            this.inputPosition = inputPosition;
        }

        public int inputPosition() {
            return inputPosition;
        }
    }

    private XpressLz77() {
    }

    /**
     * Decodes {@code src[srcOff, srcOff+srcLen)} into {@code dst[dstOff, dstOff+dstLen)}.
     *
     * @param stopWhenFull true to stop quietly once {@code dstLen} bytes are out (a prefix is enough);
     *                     false to treat output beyond {@code dstLen} as corruption
     * @return the number of bytes written
     */
    public static int decode(byte[] src, int srcOff, int srcLen, byte[] dst, int dstOff, int dstLen,
                             boolean stopWhenFull) throws CorruptStreamException {
        final int inEnd = srcOff + srcLen;
        final int outEnd = dstOff + dstLen;
        int in = srcOff;
        int out = dstOff;
        int flags = 0;
        int flagCount = 0;
        int halfBytePos = -1;
        while (true) {
            if (flagCount == 0) {
                if (in + 4 > inEnd) {
                    break; // a stream may end right before a flag word
                }
                flags = u32(src, in);
                in += 4;
                flagCount = 32;
            }
            flagCount--;
            if (in >= inEnd) {
                break;
            }
            if ((flags & (1 << flagCount)) == 0) {
                if (out >= outEnd) {
                    if (stopWhenFull) {
                        return out - dstOff;
                    }
                    throw new CorruptStreamException("literal past the expected decompressed size " + dstLen, in - srcOff);
                }
                dst[out++] = src[in++];
                continue;
            }
            if (in + 2 > inEnd) {
                throw new CorruptStreamException("match token cut off", in - srcOff);
            }
            int token = u16(src, in);
            in += 2;
            long length = token & 7;
            int offset = (token >>> 3) + 1;
            if (length == 7) {
                if (halfBytePos < 0) {
                    if (in >= inEnd) {
                        throw new CorruptStreamException("match length cut off", in - srcOff);
                    }
                    halfBytePos = in;
                    length = src[in++] & 0x0F;
                } else {
                    length = (src[halfBytePos] & 0xFF) >>> 4;
                    halfBytePos = -1;
                }
                if (length == 15) {
                    if (in >= inEnd) {
                        throw new CorruptStreamException("match length cut off", in - srcOff);
                    }
                    length = src[in++] & 0xFF;
                    if (length == 255) {
                        if (in + 2 > inEnd) {
                            throw new CorruptStreamException("match length cut off", in - srcOff);
                        }
                        length = u16(src, in);
                        in += 2;
                        if (length == 0) {
                            if (in + 4 > inEnd) {
                                throw new CorruptStreamException("match length cut off", in - srcOff);
                            }
                            length = u32(src, in) & 0xFFFFFFFFL;
                            in += 4;
                        }
                        if (length < 15 + 7) {
                            throw new CorruptStreamException("extended match length " + length + " below 22", in - srcOff);
                        }
                        length -= 15 + 7;
                    }
                    length += 15;
                }
                length += 7;
            }
            length += 3;
            if (offset > out - dstOff) {
                throw new CorruptStreamException("match offset " + offset + " before the start of the output (at "
                        + (out - dstOff) + ")", in - srcOff);
            }
            if (length > outEnd - out) {
                if (!stopWhenFull) {
                    throw new CorruptStreamException("match of " + length + " bytes past the expected decompressed size "
                            + dstLen, in - srcOff);
                }
                length = outEnd - out;
            }
            // byte by byte on purpose: a match may overlap its own output (offset < length)
            for (int n = (int) length; n > 0; n--) {
                dst[out] = dst[out - offset];
                out++;
            }
            if (stopWhenFull && out == outEnd) {
                return out - dstOff;
            }
        }
        return out - dstOff;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static int u32(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }
}
