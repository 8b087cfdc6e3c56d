package io.lockscope.ingest.etw.etl;

import io.lockscope.format.etw.etl.EtlLayout;

import java.nio.ByteBuffer;

import static io.lockscope.format.etw.etl.EtlLayout.*;

/**
 * WMI_BUFFER_HEADER, the header at the start of every ETL buffer; layout in {@link EtlLayout}.
 */
public record BufferHeader(long bufferSize, long savedOffset, long timeStamp, int processor, int state,
                           long offset, int flags, int type) {
    /** Reads the header at {@code pos} of {@code b} (little-endian, at least {@link #SIZE} bytes left). */
    public static BufferHeader read(ByteBuffer b, int pos) {
        return new BufferHeader(
                b.getInt(pos + B_BUFFER_SIZE) & 0xFFFFFFFFL,
                b.getInt(pos + B_SAVED_OFFSET) & 0xFFFFFFFFL,
                b.getLong(pos + B_TIME_STAMP),
                b.getShort(pos + B_PROCESSOR) & 0xFFFF,
                b.getInt(pos + B_STATE),
                b.getInt(pos + B_OFFSET) & 0xFFFFFFFFL,
                b.getShort(pos + B_FLAGS) & 0xFFFF,
                b.getShort(pos + B_TYPE) & 0xFFFF);
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
