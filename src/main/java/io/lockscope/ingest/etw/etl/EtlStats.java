package io.lockscope.ingest.etw.etl;

import io.lockscope.format.etw.etl.EtlLayout;


/** What an {@link EtlReader} saw and what it had to leave out; evidence gaps for the report. */
public final class EtlStats {
    long buffers;
    long compressedBuffers;
    long records;
    long buffersFlaggedEventsLost;
    long buffersFlaggedBufferLost;
    long corruptBuffers;
    long truncatedBuffers;
    long corruptRecords;
    long unreadableTailBytes;
    /** Where the file ends inside a buffer (an interrupted upload or copy), or -1 when it ends between two. */
    long cutAt = -1;
    long outOfOrderRecords;
    int maxOpenBuffers;
    long maxDecompressedBytes;
    long buffersOverBudget;
    long shortBuffers;
    final long[] buffersByType = new long[EtlLayout.BUFFER_TYPE_NAMES.length + 1];

    /** The file offset of the buffer the end of the file cuts, or -1 when the file ends between buffers. */
    public long cutAt() {
        return cutAt;
    }

    public long buffers() {
        return buffers;
    }

    public long compressedBuffers() {
        return compressedBuffers;
    }

    /**
     * Buffers by BufferType (GENERIC, RUNDOWN, CTX_SWAP, REFTIME, HEADER, BATCHED, EMPTY_MARKER,
     * DBG_INFO; the last slot counts unknown types).
     */
    public long buffersOfType(int type) {
        return buffersByType[type >= 0 && type < EtlLayout.BUFFER_TYPE_NAMES.length ? type : EtlLayout.BUFFER_TYPE_NAMES.length];
    }

    /** Records handed to the visitor. */
    public long records() {
        return records;
    }

    /** Buffers whose EVENTS_LOST flag says the logger dropped events while filling them. */
    public long buffersFlaggedEventsLost() {
        return buffersFlaggedEventsLost;
    }

    /** Buffers whose BUFFER_LOST flag says a buffer before them was lost. */
    public long buffersFlaggedBufferLost() {
        return buffersFlaggedBufferLost;
    }

    /** Buffers skipped whole: bad header, or a compressed stream that does not decode. */
    public long corruptBuffers() {
        return corruptBuffers;
    }

    /** Buffers cut by the end of the file. */
    public long truncatedBuffers() {
        return truncatedBuffers;
    }

    /** Malformed records; the rest of their buffer was skipped. */
    public long corruptRecords() {
        return corruptRecords;
    }

    /** Bytes after the last buffer that could be located. */
    public long unreadableTailBytes() {
        return unreadableTailBytes;
    }

    /** Records whose time is earlier than the one emitted before them (unsorted within a buffer). */
    public long outOfOrderRecords() {
        return outOfOrderRecords;
    }

    /** The most buffers open at once during the time merge (memory held = this × buffer size). */
    public int maxOpenBuffers() {
        return maxOpenBuffers;
    }

    /** The most bytes of decompression buffers held at once during the time merge. */
    public long maxDecompressedBytes() {
        return maxDecompressedBytes;
    }

    /** Compressed buffers whose stream ends before the decompressed size they declare; their records up to there were read. */
    public long shortBuffers() {
        return shortBuffers;
    }

    /** Compressed buffers skipped because decompressing them would have passed the memory budget. */
    public long buffersOverBudget() {
        return buffersOverBudget;
    }
}
