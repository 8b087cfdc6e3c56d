package io.lockscope.ingest.etw.etl;

import io.lockscope.format.etw.etl.EtlLayout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.lockscope.format.etw.etl.EtlLayout.*;

/**
 * One record of an ETL buffer, parsed from its trace header. A mutable view reused for every record
 * (copy what you keep); payload readers take offsets relative to the payload and throw
 * {@link PayloadTooShortException} instead of reading past it. Text read through a record made with a
 * text pool is that pool's one String for the value, found by hashing the bytes in place: a file or
 * key name logged a million times costs one String, and later lookups by it hit its cached hash.
 *
 * <p>Record header layouts: {@link EtlLayout}.
 */
public final class TraceRecord {
    /** What family a header type belongs to. */
    public enum Kind {
        /** SYSTEM, COMPACT, PERFINFO: classic kernel events identified by group and type. */
        KERNEL,
        /** EVENT_HEADER: manifest and TraceLogging providers, identified by GUID and descriptor. */
        MANIFEST,
        /** FULL_HEADER / INSTANCE: classic MOF providers, identified by GUID and type. */
        CLASSIC,
        /** WPP messages and the rare TIMED/ERROR/WNODE records. */
        OTHER
    }

    /** A payload read went past the end of the record. */
    public static final class PayloadTooShortException extends RuntimeException {
        PayloadTooShortException(int offset, int width, int length) {
            super("payload of " + length + " bytes has no " + width + "-byte field at offset " + offset);
        }
    }

    private final Utf16Texts texts;
    /** Where {@link #utf16z} copies text to intern it. */
    private byte[] scratch = new byte[256];
    /** The text id of the String {@link #utf16z} gave last; -1 before or without a text pool. */
    private int lastTextId = -1;
    private ByteBuffer data;
    private String parseError;
    private int pointerSize;
    private int payloadStart;
    private int payloadLength;
    private int headerType;
    private Kind kind;
    private int group;
    private int type;
    private int version;
    private int pid;
    private int tid;
    private boolean hasTime;
    private long rawTime;
    private long time;
    private int cpu;
    private long guidMsb;
    private long guidLsb;
    private int eventId;
    private int task;
    private long bufferFileOffset;
    private int bufferIndex;
    private int recordOffset;

    /** A record whose text is new Strings each time. */
    TraceRecord() {
        this(null);
    }

    /** A record whose text is interned in {@code texts}, or new Strings when null. */
    TraceRecord(Utf16Texts texts) {
        this.texts = texts;
    }

    /**
     * Parses the record at {@code pos}; returns its aligned size, or a negative number (with
     * {@link #parseError()} set) when the bytes at {@code pos} are not a valid record within {@code end}.
     * With {@code headerOnly} the record may extend past {@code end} (a decompressed prefix).
     */
    int parse(ByteBuffer b, int pos, int end, boolean headerOnly) {
        parseError = null;
        if (end - pos < 8) {
            return fail("fewer than 8 bytes left for a record header");
        }
        int marker = b.getInt(pos);
        int flags = marker >>> 24;
        int ht = (marker >>> 16) & 0xFF;
        data = b;
        recordOffset = pos;
        group = -1;
        type = -1;
        version = marker & 0xFF;
        pid = -1;
        tid = -1;
        guidMsb = 0;
        guidLsb = 0;
        eventId = -1;
        task = -1;
        hasTime = true;
        int size;
        int fixed;
        if (flags == TRACE_HEADER_FLAGS) {
            headerType = ht;
        } else if ((flags & 0xE0) == 0x80) {
            headerType = MESSAGE; // WPP TRACE_MESSAGE flags 0x8x/0x9x
        } else {
            return fail(String.format("marker 0x%08X is not a trace header", marker));
        }
        switch (headerType) {
            case SYSTEM32, SYSTEM64, COMPACT32, COMPACT64, PERFINFO32, PERFINFO64 -> {
                kind = Kind.KERNEL;
                size = b.getShort(pos + 4) & 0xFFFF;
                int hook = b.getShort(pos + 6) & 0xFFFF;
                group = hook >>> 8;
                type = hook & 0xFF;
                boolean perfinfo = headerType >= PERFINFO32;
                boolean compact = headerType == COMPACT32 || headerType == COMPACT64;
                fixed = perfinfo ? 0x10 : compact ? 0x18 : 0x20;
                // extra 8-byte items: PEBS index (bit 15) and PMC counters (bits 8-10); dissect system.py
                fixed += ((marker & 0x8000) != 0 ? 8 : 0) + ((marker >>> 8) & 7) * 8;
                if (size < fixed || end - pos < Math.max(fixed, 0x10)) {
                    return fail("record size " + size + " below its header size " + fixed);
                }
                if (perfinfo) {
                    rawTime = b.getLong(pos + 8);
                } else {
                    tid = b.getInt(pos + 8);
                    pid = b.getInt(pos + 12);
                    rawTime = b.getLong(pos + 16);
                }
            }
            case EVENT_HEADER32, EVENT_HEADER64 -> {
                kind = Kind.MANIFEST;
                size = b.getShort(pos) & 0xFFFF;
                fixed = 0x50;
                if (size < fixed || end - pos < fixed) {
                    return fail("record size " + size + " below the EVENT_HEADER size 0x50");
                }
                tid = b.getInt(pos + 8);
                pid = b.getInt(pos + 12);
                rawTime = b.getLong(pos + 16);
                readGuid(b, pos + 24);
                eventId = b.getShort(pos + 40) & 0xFFFF;
                version = b.get(pos + 42) & 0xFF;
                type = b.get(pos + 45) & 0xFF;
                task = b.getShort(pos + 46) & 0xFFFF;
            }
            case FULL_HEADER32, FULL_HEADER64, INSTANCE32, INSTANCE64 -> {
                kind = Kind.CLASSIC;
                size = b.getShort(pos) & 0xFFFF;
                fixed = headerType == INSTANCE32 || headerType == INSTANCE64 ? 0x48 : 0x30;
                if (size < fixed || end - pos < fixed) {
                    return fail("record size " + size + " below its header size " + fixed);
                }
                type = b.get(pos + 4) & 0xFF;
                version = b.getShort(pos + 6) & 0xFFFF;
                tid = b.getInt(pos + 8);
                pid = b.getInt(pos + 12);
                rawTime = b.getLong(pos + 16);
                readGuid(b, pos + 24);
            }
            default -> {
                kind = Kind.OTHER;
                size = b.getShort(pos) & 0xFFFF;
                fixed = headerType == MESSAGE ? 8 : 4;
                hasTime = false;
                if (size < fixed) {
                    return fail("record size " + size + " below " + fixed);
                }
            }
        }
        if (size > end - pos && !headerOnly) {
            return fail("record of " + size + " bytes runs past the buffer end (" + (end - pos) + " bytes left)");
        }
        payloadStart = pos + fixed;
        payloadLength = size - fixed;
        pointerSize = switch (headerType) {
            case SYSTEM64, COMPACT64, PERFINFO64, EVENT_HEADER64, FULL_HEADER64, INSTANCE64 -> 8;
            default -> 4;
        };
        return (size + 7) & ~7;
    }

    String parseError() {
        return parseError;
    }

    private int fail(String why) {
        parseError = why;
        return -1;
    }

    private void readGuid(ByteBuffer b, int at) {
        // GUID {Data1 u32, Data2 u16, Data3 u16} little-endian, Data4 8 bytes big-endian
        long d1 = b.getInt(at) & 0xFFFFFFFFL;
        long d2 = b.getShort(at + 4) & 0xFFFFL;
        long d3 = b.getShort(at + 6) & 0xFFFFL;
        guidMsb = d1 << 32 | d2 << 16 | d3;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            lsb = lsb << 8 | (b.get(at + 8 + i) & 0xFF);
        }
        guidLsb = lsb;
    }

    void place(int cpu, long rawTimeIfMissing, int bufferIndex, long bufferFileOffset) {
        this.cpu = cpu;
        if (!hasTime) {
            rawTime = rawTimeIfMissing;
        }
        this.bufferIndex = bufferIndex;
        this.bufferFileOffset = bufferFileOffset;
    }

    void setTime(long fileTime) {
        this.time = fileTime;
    }

    boolean hasOwnTime() {
        return hasTime;
    }

    // ---- header fields ----

    public int headerType() {
        return headerType;
    }

    public Kind kind() {
        return kind;
    }

    /** 8 for the 64-bit header variants, else 4. */
    public int pointerSize() {
        return pointerSize;
    }

    /** Kernel group (high byte of the HookId), -1 for non-kernel records. */
    public int group() {
        return group;
    }

    /** Kernel type / classic type / manifest opcode; -1 when the header has none. */
    public int type() {
        return type;
    }

    public int version() {
        return version;
    }

    /** Header process id; -1 when the header has none (PERFINFO) or logged -1. */
    public int pid() {
        return pid;
    }

    public int tid() {
        return tid;
    }

    public long rawTime() {
        return rawTime;
    }

    /** FILETIME (100 ns since 1601, UTC). */
    public long time() {
        return time;
    }

    public int cpu() {
        return cpu;
    }

    /** Provider (manifest) or event class (classic) GUID; null for kernel records. */
    public UUID guid() {
        return kind == Kind.MANIFEST || kind == Kind.CLASSIC ? new UUID(guidMsb, guidLsb) : null;
    }

    public boolean guidEquals(UUID g) {
        return g.getMostSignificantBits() == guidMsb && g.getLeastSignificantBits() == guidLsb
                && (kind == Kind.MANIFEST || kind == Kind.CLASSIC);
    }

    public int eventId() {
        return eventId;
    }

    public int task() {
        return task;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** Where the record is, for messages: "buffer 12 (file byte 0x…) record at +0x1A8". */
    public String where() {
        return "buffer " + bufferIndex + " (file byte 0x" + Long.toHexString(bufferFileOffset).toUpperCase()
                + ") record at +0x" + Integer.toHexString(recordOffset).toUpperCase();
    }

    // ---- payload readers (offsets relative to the payload) ----

    private int at(int offset, int width) {
        if (offset < 0 || width > payloadLength - offset) {
            throw new PayloadTooShortException(offset, width, payloadLength);
        }
        return payloadStart + offset;
    }

    public int u8(int offset) {
        return data.get(at(offset, 1)) & 0xFF;
    }

    public int u16(int offset) {
        return data.getShort(at(offset, 2)) & 0xFFFF;
    }

    public int i32(int offset) {
        return data.getInt(at(offset, 4));
    }

    public long u32(int offset) {
        return data.getInt(at(offset, 4)) & 0xFFFFFFFFL;
    }

    public long i64(int offset) {
        return data.getLong(at(offset, 8));
    }

    /** A pointer of this record's {@link #pointerSize()}, zero-extended. */
    public long pointer(int offset) {
        return pointerSize == 8 ? i64(offset) : u32(offset);
    }

    /** NUL-terminated UTF-16LE at {@code offset}; an unterminated string runs to the payload end. */
    public String utf16z(int offset) {
        if (texts != null) {
            return internedUtf16z(offset);
        }
        int n = utf16zChars(offset);
        int p = payloadStart + offset;
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            chars[i] = data.getChar(p + 2 * i);
        }
        return new String(chars);
    }

    /**
     * The pool's String for the UTF-16 string at {@code offset}: the rest of the payload copied in one
     * go into a scratch array, where the NUL is found and the value looked up without a buffer access
     * per character.
     */
    private String internedUtf16z(int offset) {
        if (offset < 0 || offset > payloadLength) {
            throw new PayloadTooShortException(offset, 2, payloadLength);
        }
        int bytes = (payloadLength - offset) & ~1;
        if (scratch.length < bytes) {
            scratch = new byte[Math.max(bytes, 2 * scratch.length)];
        }
        data.get(payloadStart + offset, scratch, 0, bytes);
        lastTextId = texts.id(scratch, Utf16Texts.bytesBeforeNul(scratch, bytes));
        return texts.text(lastTextId);
    }

    /**
     * The id of {@code text} among the texts of this record's reader (numbered from 0 as first seen), when
     * it is the String {@link #utf16z} gave last; else -1. A reference comparison: the String itself is
     * not touched, so a consumer on another thread can key its work by the id instead of by the String.
     */
    public int textId(String text) {
        return lastTextId >= 0 && texts.text(lastTextId) == text ? lastTextId : -1;
    }

    /** The record just parsed from a copy of some of its buffer's records lies at {@code offset} of the buffer, for {@link #where}. */
    void copiedFrom(int offset) {
        recordOffset = offset;
    }

    /** Bytes taken by the UTF-16 string at {@code offset}, its NUL included when present. */
    public int utf16zSize(int offset) {
        int bytes = 2 * utf16zChars(offset);
        return offset + bytes + 2 <= payloadLength ? bytes + 2 : bytes;
    }

    private int utf16zChars(int offset) {
        if (offset < 0 || offset > payloadLength) {
            throw new PayloadTooShortException(offset, 2, payloadLength);
        }
        int p = payloadStart + offset;
        int max = (payloadLength - offset) / 2;
        int n = 0;
        while (n < max && data.getChar(p + 2 * n) != 0) {
            n++;
        }
        return n;
    }

    /** A fixed-size UTF-16 field of {@code chars} characters, cut at its first NUL. */
    public String utf16Fixed(int offset, int chars) {
        int p = at(offset, 2 * chars);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < chars; i++) {
            char c = data.getChar(p + 2 * i);
            if (c == 0) {
                break;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** NUL-terminated 8-bit string (Process ImageFileName is ANSI; read as Latin-1). */
    public String ansiz(int offset) {
        int n = ansizLength(offset);
        byte[] bytes = new byte[n];
        data.get(payloadStart + offset, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Bytes taken by the 8-bit string at {@code offset}, its NUL included when present. */
    public int ansizSize(int offset) {
        int n = ansizLength(offset);
        return offset + n + 1 <= payloadLength ? n + 1 : n;
    }

    private int ansizLength(int offset) {
        if (offset < 0 || offset > payloadLength) {
            throw new PayloadTooShortException(offset, 1, payloadLength);
        }
        int p = payloadStart + offset;
        int max = payloadLength - offset;
        int n = 0;
        while (n < max && data.get(p + n) != 0) {
            n++;
        }
        return n;
    }
}
