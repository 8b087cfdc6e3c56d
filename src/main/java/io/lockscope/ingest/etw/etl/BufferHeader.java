package io.lockscope.ingest.etw.etl;

import java.nio.ByteBuffer;

/**
 * WMI_BUFFER_HEADER, the 0x48-byte header at the start of every ETL buffer. Layout (ntwmi.h
 * {@code _WMI_BUFFER_HEADER}; fox-it/dissect.etl {@code c_etl.py}; etw-formats.md §4.1):
 *
 * <pre>
 * 0x00 u32 BufferSize      bytes of the buffer on disk (the compressed size when compressed)
 * 0x04 u32 SavedOffset     bytes in use incl. this header (the decompressed size when compressed)
 * 0x08 u32 CurrentOffset
 * 0x0C i32 ReferenceCount
 * 0x10 i64 TimeStamp       flush time
 * 0x18 i64 SequenceNumber
 * 0x20 u64 ClockType:3 / Frequency:61
 * 0x28 u16 ProcessorIndex  ETW_BUFFER_CONTEXT: every record of a buffer comes from one CPU
 * 0x2A u16 LoggerId
 * 0x2C u32 State           low 16 bits of the first buffer = COMPRESSION_FORMAT of a compressed file
 * 0x30 u32 Offset          bytes in use; exceeds SavedOffset in header buffers of relogged files
 * 0x34 u16 BufferFlag      FLUSH_MARKER 1, EVENTS_LOST 2, BUFFER_LOST 4, PROC_INDEX 0x20, COMPRESSED 0x40
 * 0x36 u16 BufferType      GENERIC 0 … HEADER 4 … EMPTY_MARKER 6, DBG_INFO 7
 * 0x38 16 bytes            union (ReferenceTime …), unused here
 * </pre>
 */
public record BufferHeader(long bufferSize, long savedOffset, long timeStamp, int processor, int state,
                           long offset, int flags, int type) {
    public static final int SIZE = 0x48;

    public static final int FLAG_EVENTS_LOST = 0x02;
    public static final int FLAG_BUFFER_LOST = 0x04;
    public static final int FLAG_COMPRESSED = 0x40;

    /** ETW_BUFFER_TYPE names by value (ntwmi.h {@code ETW_BUFFER_TYPE_*}). */
    public static final String[] TYPE_NAMES = {"GENERIC", "RUNDOWN", "CTX_SWAP", "REFTIME", "HEADER", "BATCHED",
            "EMPTY_MARKER", "DBG_INFO"};

    /** Reads the header at {@code pos} of {@code b} (little-endian, at least {@link #SIZE} bytes left). */
    public static BufferHeader read(ByteBuffer b, int pos) {
        return new BufferHeader(
                b.getInt(pos) & 0xFFFFFFFFL,
                b.getInt(pos + 0x04) & 0xFFFFFFFFL,
                b.getLong(pos + 0x10),
                b.getShort(pos + 0x28) & 0xFFFF,
                b.getInt(pos + 0x2C),
                b.getInt(pos + 0x30) & 0xFFFFFFFFL,
                b.getShort(pos + 0x34) & 0xFFFF,
                b.getShort(pos + 0x36) & 0xFFFF);
    }

    public boolean compressed() {
        return (flags & FLAG_COMPRESSED) != 0;
    }

    /**
     * End of the records of an uncompressed buffer: header buffers of relogged files keep extra
     * records between SavedOffset and Offset (etw-formats.md §4.1 quirk b), so the larger one counts.
     */
    public long filledBytes() {
        return Math.max(savedOffset, offset);
    }
}
