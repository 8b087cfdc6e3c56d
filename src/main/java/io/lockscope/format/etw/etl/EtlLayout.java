package io.lockscope.format.etw.etl;

/**
 * The ETL layout shared by the reader ({@code io.lockscope.ingest.etw.etl}) and the writer of synthetic
 * traces ({@code io.lockscope.generate.etw}).
 *
 * <p>WMI_BUFFER_HEADER, the 0x48-byte header at the start of every ETL buffer. Layout (ntwmi.h
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
 *
 * <p>Record header layouts (ntwmi.h; fox-it/dissect.etl {@code c_etl.py}; etw-formats.md §4.3). The
 * first dword is a marker: byte 3 = flags (0xC0 trace header, 0x8x/0x9x WPP message), byte 2 = header
 * type, and for the kernel headers bits 0–7 = event version, bit 15 = PEBS index, bits 8–10 = PMC count
 * (each adds 8 bytes after the fixed header).
 *
 * <pre>
 * type        size  layout after the marker
 * SYSTEM 1/2  0x20  u16 Size @4, u16 HookId @6 (type = low byte, group = high), u32 TID @8, u32 PID @12,
 *                   i64 timestamp @16, u32 KernelTime @24, u32 UserTime @28
 * COMPACT 3/4 0x18  as SYSTEM without Kernel/UserTime
 * PERFINFO    0x10  u16 Size @4, u16 HookId @6, i64 timestamp @8; no PID/TID
 *   0x10/0x11
 * EVENT_HEADER 0x50 u16 Size @0, u16 Flags @4, u16 EventProperty @6, u32 TID @8, u32 PID @12,
 *   0x12/0x13       i64 timestamp @16, GUID ProviderId @24, EVENT_DESCRIPTOR @40 {u16 Id, u8 Version,
 *                   u8 Channel, u8 Level, u8 Opcode, u16 Task, u64 Keyword}, u64 ProcessorTime @56,
 *                   GUID ActivityId @64; extended data items precede the payload when Flags &amp; 1
 * FULL_HEADER 0x30  u16 Size @0, u8 Type @4, u8 Level @5, u16 Version @6, u32 TID @8, u32 PID @12,
 *   0x0A/0x14       i64 timestamp @16, GUID @24, u32 KernelTime @40, u32 UserTime @44
 * INSTANCE    0x48  FULL_HEADER fields, u32 InstanceId @48, u32 ParentInstanceId @52, GUID ParentGuid @56
 *   0x0B/0x15
 * MESSAGE 0x0F 8    u16 Size @0, u16 MessageNumber @4, u16 EventProperty @6, optional fields (WPP)
 * 0x0C TIMED, 0x0D ERROR, 0x0E WNODE: u16 Size @0; not decoded
 * </pre>
 * The 32/64 variant of a header type gives the pointer size of the payload. Records are 8-aligned.
 */
public final class EtlLayout {
    /** WMI_BUFFER_HEADER size: the records of a buffer start after it. */
    public static final int BUFFER_HEADER_SIZE = 0x48;
    public static final int B_BUFFER_SIZE = 0x00;
    public static final int B_SAVED_OFFSET = 0x04;
    public static final int B_TIME_STAMP = 0x10;
    public static final int B_PROCESSOR = 0x28;
    public static final int B_STATE = 0x2C;
    public static final int B_OFFSET = 0x30;
    public static final int B_FLAGS = 0x34;
    public static final int B_TYPE = 0x36;

    public static final int FLAG_EVENTS_LOST = 0x02;
    public static final int FLAG_BUFFER_LOST = 0x04;
    public static final int FLAG_COMPRESSED = 0x40;

    /** ETW_BUFFER_TYPE of the first buffer, which holds the TRACE_LOGFILE_HEADER record. */
    public static final int BUFFER_TYPE_HEADER = 4;
    /** ETW_BUFFER_TYPE names by value (ntwmi.h {@code ETW_BUFFER_TYPE_*}). */
    public static final String[] BUFFER_TYPE_NAMES = {"GENERIC", "RUNDOWN", "CTX_SWAP", "REFTIME", "HEADER",
        "BATCHED", "EMPTY_MARKER", "DBG_INFO"};
    /** COMPRESSION_FORMAT_XPRESS in the State of the first buffer of a compressed file. */
    public static final int COMPRESSION_FORMAT_XPRESS = 3;

    /** Byte 3 of a record's marker dword for a trace header (WPP messages have 0x8x/0x9x). */
    public static final int TRACE_HEADER_FLAGS = 0xC0;
    public static final int SYSTEM32 = 0x01;
    public static final int SYSTEM64 = 0x02;
    public static final int COMPACT32 = 0x03;
    public static final int COMPACT64 = 0x04;
    public static final int FULL_HEADER32 = 0x0A;
    public static final int INSTANCE32 = 0x0B;
    public static final int MESSAGE = 0x0F;
    public static final int PERFINFO32 = 0x10;
    public static final int PERFINFO64 = 0x11;
    public static final int EVENT_HEADER32 = 0x12;
    public static final int EVENT_HEADER64 = 0x13;
    public static final int FULL_HEADER64 = 0x14;
    public static final int INSTANCE64 = 0x15;

    public static final int SYSTEM_HEADER_SIZE = 0x20;
    public static final int PERFINFO_HEADER_SIZE = 0x10;
    public static final int FULL_HEADER_SIZE = 0x30;

    private EtlLayout() {
    }

    /** The marker dword of a trace header: flags, header type, and {@code low16} (event version or size). */
    public static int marker(int headerType, int low16) {
        return TRACE_HEADER_FLAGS << 24 | headerType << 16 | low16;
    }
}
