/*
 * MS-XCA plain LZ77 (COMPRESSION_FORMAT_XPRESS) decoder for the compressed buffers of merged ETL files,
 * loaded through JNA by io.lockscope.nativeio.NativeXpress. It mirrors the pure-Java oracle
 * io.lockscope.ingest.etw.etl.XpressLz77 step for step (same bounds checks, same stopping rules, same
 * error positions); it only goes faster where the Java loop cannot: runs of literals and
 * non-overlapping matches are copied in blocks instead of byte by byte. A block may write past the run
 * or match it copies, never past the output: those bytes are the next ones the stream writes.
 *
 * Stream layout ([MS-XCA] 2.3-2.4): a 32-bit little-endian flag word read MSB first; a 0 bit is a
 * literal byte, a 1 bit a 16-bit match token (offset = token >> 3 + 1, length = token & 7, 7 meaning
 * "continued" in a shared half-byte, then a byte, then a u16, then a u32), length + 3 bytes in all.
 */
#include <stdint.h>
#include <string.h>

#if defined(_WIN32)
#define LOCKSCOPE_EXPORT __declspec(dllexport)
#else
#define LOCKSCOPE_EXPORT __attribute__((visibility("default")))
#endif

static inline uint32_t u16le(const uint8_t *p) {
    return (uint32_t) p[0] | (uint32_t) p[1] << 8;
}

static inline uint32_t u32le(const uint8_t *p) {
    return (uint32_t) p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16 | (uint32_t) p[3] << 24;
}

/* Bits below and including bit `top` of `flags` that are 0, counted downward from `top`. */
static inline int32_t zero_run(uint32_t flags, int32_t top) {
    uint32_t below = top == 31 ? flags : flags & ((1u << (top + 1)) - 1);
    return below == 0 ? top + 1 : top - (31 - __builtin_clz(below));
}

/*
 * Decodes src[0, src_len) into dst[0, dst_len). stop_when_full != 0 stops quietly once dst is full
 * (a prefix is enough); otherwise output beyond dst_len is corruption.
 * Returns the bytes written, or -1 - (compressed byte position) where the stream is corrupt.
 */
LOCKSCOPE_EXPORT int32_t lockscope_xpress_decode(const uint8_t *src, int32_t src_len, uint8_t *dst, int32_t dst_len,
                                                 int32_t stop_when_full) {
    const uint8_t *in = src;
    const uint8_t *const in_end = src + src_len;
    uint8_t *out = dst;
    uint8_t *const out_end = dst + dst_len;
    uint32_t flags = 0;
    int32_t flag_count = 0;
    const uint8_t *half_byte = NULL;
#define CORRUPT() return -1 - (int32_t) (in - src)
    for (;;) {
        if (flag_count == 0) {
            if (in_end - in < 4) {
                break; /* a stream may end right before a flag word */
            }
            flags = u32le(in);
            in += 4;
            flag_count = 32;
        }
        flag_count--;
        if (in >= in_end) {
            break;
        }
        if ((flags & (1u << flag_count)) == 0) {
            /* a run of literals: as many as the flag bits, the input and the output allow */
            int64_t n = zero_run(flags, flag_count);
            if (n > in_end - in) {
                n = in_end - in;
            }
            if (n > out_end - out) {
                n = out_end - out;
            }
            if (n == 0) { /* the output is full */
                if (stop_when_full) {
                    return (int32_t) (out - dst);
                }
                CORRUPT();
            }
            if (n <= 8 && in_end - in >= 8 && out_end - out >= 8) {
                memcpy(out, in, 8); /* most runs are short: one fixed-size copy, what it writes past the run comes next */
            } else {
                memcpy(out, in, (size_t) n);
            }
            out += n;
            in += n;
            flag_count -= (int32_t) n - 1;
            continue;
        }
        if (in_end - in < 2) {
            CORRUPT();
        }
        uint32_t token = u16le(in);
        in += 2;
        int64_t length = token & 7;
        int64_t offset = (token >> 3) + 1;
        if (length == 7) {
            if (half_byte == NULL) {
                if (in >= in_end) {
                    CORRUPT();
                }
                half_byte = in;
                length = *in++ & 0x0F;
            } else {
                length = *half_byte >> 4;
                half_byte = NULL;
            }
            if (length == 15) {
                if (in >= in_end) {
                    CORRUPT();
                }
                length = *in++;
                if (length == 255) {
                    if (in_end - in < 2) {
                        CORRUPT();
                    }
                    length = u16le(in);
                    in += 2;
                    if (length == 0) {
                        if (in_end - in < 4) {
                            CORRUPT();
                        }
                        length = u32le(in);
                        in += 4;
                    }
                    if (length < 15 + 7) {
                        CORRUPT();
                    }
                    length -= 15 + 7;
                }
                length += 15;
            }
            length += 7;
        }
        length += 3;
        if (offset > out - dst) {
            CORRUPT();
        }
        if (length > out_end - out) {
            if (!stop_when_full) {
                CORRUPT();
            }
            length = out_end - out;
        }
        if (offset >= 8 && out_end - out >= length + 8) {
            /* no overlap within 8 bytes and room to spare: copy 8 at a time, the last block may run over */
            const uint8_t *from = out - offset;
            for (int64_t i = 0; i < length; i += 8) {
                memcpy(out + i, from + i, 8);
            }
            out += length;
        } else {
            /* byte by byte: a match may overlap its own output (offset < length) */
            for (int64_t n = length; n > 0; n--) {
                *out = *(out - offset);
                out++;
            }
        }
        if (stop_when_full && out == out_end) {
            return (int32_t) (out - dst);
        }
    }
    return (int32_t) (out - dst);
#undef CORRUPT
}
