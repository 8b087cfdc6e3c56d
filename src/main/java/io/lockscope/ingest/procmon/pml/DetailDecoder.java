package io.lockscope.ingest.procmon.pml;

import io.lockscope.format.procmon.pml.PmlLayout;
import io.lockscope.model.StringPool;

/**
 * Decodes the detail blob of one event class (procmon-formats.md §1.9–§1.13) into the path, the
 * sub-operation and the typed detail of {@link PmlDetails.Decoded}. Every read is bounded by the blob
 * (or the extra-detail blob) it belongs to, so a damaged record throws {@link PmlFormatException}
 * instead of reading its neighbour. Strings are never longer than 0x7FFF characters: a u16 string info
 * holds the count in bits 0-14 and bit 15 says one byte per character.
 */
abstract class DetailDecoder {
    final MappedFile in;
    final boolean wide;
    final int ptr;
    final StringPool strings;
    final PathInterner paths;
    final PmlDetails.Decoded out;
    final char[] chars = new char[0x8000];
    final StringBuilder text = new StringBuilder();

    long blob;
    long blobEnd;
    long extra;
    long extraEnd;

    DetailDecoder(MappedFile in, PmlHeader header, StringPool strings, PathInterner paths, PmlDetails.Decoded out) {
        this.in = in;
        this.wide = header.is64bit();
        this.ptr = header.pointerSize();
        this.strings = strings;
        this.paths = paths;
        this.out = out;
    }

    /** Decodes the {@code size}-byte blob at {@code at} and the extra blob at {@code extraAt} (-1: none). */
    final void decode(int operation, int tid, long at, long size, long extraAt, int extraSize) {
        blob = at;
        blobEnd = at + size;
        extra = extraAt;
        extraEnd = extraAt < 0 ? -1 : extraAt + extraSize;
        decodeBlob(operation, tid);
    }

    /** Fills {@link #out} from the blob now bounded by {@link #blob} … {@link #blobEnd}. */
    abstract void decodeBlob(int operation, int tid);

    static String name(String[] names, int code) {
        return code >= 0 && code < names.length ? names[code] : "<Unknown: " + code + ">";
    }

    /** UTF-16 characters at {@code at} up to a NUL or {@code bytes}, into {@link #chars}. */
    final int utf16z(long at, long bytes, int from) {
        int n = from;
        long end = at + (bytes & ~1L);
        for (long p = at; p < end && n < chars.length; p += 2) {
            char c = (char) in.u16(p);
            if (c == 0) {
                break;
            }
            chars[n++] = c;
        }
        return n;
    }

    static int stringBytes(int info) {
        int count = info & PmlLayout.MAX_STRING_CHARS;
        return (info & 0x8000) != 0 ? count : 2 * count;
    }

    /** Reads a detail string described by {@code info} into {@link #chars}; returns its length. */
    final int string(long at, int info) {
        need(at, stringBytes(info), blobEnd);
        return readChars(at, info, chars);
    }

    /** Interns the path just read by {@link #string} into {@link #chars}, hashing its bytes in the file. */
    final int internPath(long at, int info, int length) {
        return paths.intern(chars, length, in.hash(at, stringBytes(info)) ^ (info & 0x8000));
    }

    final int readChars(long at, int info, char[] into) {
        int count = info & PmlLayout.MAX_STRING_CHARS;
        need(at, stringBytes(info), blobEnd);
        in.chars(at, count, (info & 0x8000) != 0, into);
        int n = count;
        while (n > 0 && into[n - 1] == 0) {
            n--;
        }
        return n;
    }

    final void need(long at, long length, long end) {
        if (at < blob || length < 0 || at + length > end) {
            throw new PmlFormatException(at, "detail field of " + length + " bytes lies outside its "
                    + (end - blob) + "-byte blob at byte " + blob);
        }
    }

    final void needExtra(long at, long length) {
        if (extra < 0 || at < extra || length < 0 || at + length > extraEnd) {
            throw new PmlFormatException(at, "extra-detail field of " + length + " bytes lies outside its blob");
        }
    }

    final int u8(long at) {
        need(at, 1, blobEnd);
        return in.u8(at);
    }

    final int u16(long at) {
        need(at, 2, blobEnd);
        return in.u16(at);
    }

    final int i32(long at) {
        need(at, 4, blobEnd);
        return in.i32(at);
    }

    final long u32(long at) {
        need(at, 4, blobEnd);
        return in.u32(at);
    }

    final long i64(long at) {
        need(at, 8, blobEnd);
        return in.i64(at);
    }

    final long pointer(long at) {
        need(at, ptr, blobEnd);
        return in.pointer(at, wide);
    }

    final long u32x(long at) {
        needExtra(at, 4);
        return in.u32(at);
    }
}
