package io.lockscope.ingest.etw.etl;

/**
 * TRACE_LOGFILE_HEADER, the payload of the first record of an ETL (EventTrace/Header, HookId 0).
 * Layout (fox-it/dissect.etl {@code headers/logfile.py}; airbus-cert/etl-parser
 * {@code etl/parsers/kernel/header.py}; etw-formats.md §4.2), offsets for a 64-bit / 32-bit header:
 *
 * <pre>
 *   0     u32 BufferSize            4   u32 Version (OS major/minor, layout)
 *   8     u32 ProviderVersion       12  u32 NumberOfProcessors
 *   16    i64 EndTime               24  u32 TimerResolution (100 ns)
 *   28    u32 MaximumFileSize       32  u32 LogFileMode (0x04000000 = compressed)
 *   36    u32 BuffersWritten        40  u32 StartBuffers
 *   44    u32 PointerSize           48  u32 EventsLost
 *   52    u32 CpuSpeedInMHz         56  ptr LoggerName, ptr LogFileName (meaningless in a file)
 *   72/64 TIME_ZONE_INFORMATION (172 bytes, {@link TimeZoneInfo}) + 4 bytes padding
 *   248/240 i64 BootTime, i64 PerfFreq, i64 StartTime, u32 ReservedFlags (clock type), u32 BuffersLost
 *   280/272 LoggerName, LogFileName: NUL-terminated UTF-16LE
 * </pre>
 *
 * @param headerTimestamp raw timestamp of the header record itself: the origin of the clock
 * @param clockType       ReservedFlags: 1 QPC, 2 system time, 3 CPU cycles
 */
public record LogfileHeader(long bufferSize, int version, int providerVersion, int numberOfProcessors,
                            long endTime, int timerResolution, int logFileMode, int buffersWritten,
                            int pointerSize, long eventsLost, int cpuSpeedMHz, TimeZoneInfo timeZone, long bootTime, long perfFreq, long startTime, int clockType,
                            long buffersLost, String loggerName, String logFileName, long headerTimestamp) {

    public static final int MIN_PAYLOAD_64 = 0x118;
    public static final int MIN_PAYLOAD_32 = 0x110;
    public static final int LOG_FILE_MODE_COMPRESSED = 0x04000000;
    /** EVENT_TRACE_FILE_MODE_CIRCULAR: the session overwrites its oldest buffers when the file is full. */
    public static final int LOG_FILE_MODE_CIRCULAR = 0x00000002;

    public static final int CLOCK_SYSTEM_TIME = 2;
    public static final int CLOCK_CPU_CYCLES = 3;

    private static final long FILETIME_TICKS_PER_SECOND = 10_000_000L;
    /** The largest clock delta that can be multiplied by {@link #FILETIME_TICKS_PER_SECOND} without overflow. */
    private static final long MAX_SCALABLE_DELTA = Long.MAX_VALUE / FILETIME_TICKS_PER_SECOND;

    /** Parses the payload of the header record; {@code pointerSize} is that of its record header. */
    static LogfileHeader parse(TraceRecord r, int pointerSize) {
        int tz = 56 + 2 * pointerSize;
        int after = tz + TimeZoneInfo.SIZE + 4;
        int strings = after + 32;
        String loggerName = r.utf16z(strings);
        String logFileName = r.utf16z(strings + r.utf16zSize(strings));
        return new LogfileHeader(
                r.u32(0), r.i32(4), r.i32(8), r.i32(12), r.i64(16), r.i32(24), r.i32(32), r.i32(36),
                r.i32(44), r.u32(48), r.i32(52), TimeZoneInfo.read(r, tz),
                r.i64(after), r.i64(after + 8), r.i64(after + 16), r.i32(after + 24), r.u32(after + 28),
                loggerName, logFileName, r.rawTime());
    }

    public boolean compressed() {
        return (logFileMode & LOG_FILE_MODE_COMPRESSED) != 0;
    }

    /** A circular log: BuffersWritten counts buffers since overwritten, so it may exceed those in the file. */
    public boolean circular() {
        return (logFileMode & LOG_FILE_MODE_CIRCULAR) != 0;
    }

    /** Converts a raw record timestamp to a FILETIME (100 ns ticks since 1601, UTC); etw-formats.md §4.4. */
    public long toFileTime(long raw) {
        long delta = raw - headerTimestamp;
        switch (clockType) {
            case CLOCK_SYSTEM_TIME:
                return raw;
            case CLOCK_CPU_CYCLES:
                return cpuSpeedMHz <= 0 ? startTime : startTime + delta * 10 / cpuSpeedMHz;
            default: // 1, QPC
                if (perfFreq <= 0) {
                    return startTime;
                }
                if (perfFreq == FILETIME_TICKS_PER_SECOND) {
                    return startTime + delta; // the 10 MHz QPC of Windows 10 and later: ticks are FILETIME units
                }
                if (delta >= -MAX_SCALABLE_DELTA && delta <= MAX_SCALABLE_DELTA) {
                    // one division, every record of a trace pays it; the same value as the split below
                    return startTime + delta * FILETIME_TICKS_PER_SECOND / perfFreq;
                }
                // split so that delta * 10^7 cannot overflow
                long whole = delta / perfFreq;
                long rest = delta % perfFreq;
                return startTime + whole * FILETIME_TICKS_PER_SECOND + rest * FILETIME_TICKS_PER_SECOND / perfFreq;
        }
    }
}
