package io.lockscope.ingest.procmon.pml;

import io.lockscope.ingest.BadInputException;

import static io.lockscope.format.procmon.pml.PmlLayout.*;

/**
 * The fixed 0x3A8-byte PML header (procmon-formats.md §1.3; eronnen/procmon-parser
 * stream_logs_format.py, docs/pml.hexpat). Little-endian:
 *
 * <pre>
 * 0x000 char[4]    "PML_"
 * 0x004 u32        format version (9; 7 for procmon 2.8)
 * 0x008 u32        1 = 64-bit capture (8-byte pointers), 0 = 32-bit
 * 0x00C wchar[16]  computer name
 * 0x02C wchar[260] system root
 * 0x234 u32        number of events
 * 0x240 u64        offset of the first event
 * 0x248 u64        offset of the event-offsets array
 * 0x250 u64        offset of the process table
 * 0x258 u64        offset of the strings table
 * 0x260 u64        offset of the icon table
 * 0x268 u64        SYSTEM_INFO.lpMaximumApplicationAddress (user/kernel split of stack frames)
 * 0x270 OSVERSIONINFOEXW (major @0x274, minor @0x278, build @0x27C)
 * 0x38C u32        logical processors
 * 0x390 u64        physical memory bytes
 * 0x398 u64        header size (0x3A8)
 * 0x3A0 u64        offset of the hosts and ports tables
 * </pre>
 */
record PmlHeader(int version, boolean is64bit, String computerName, String systemRoot, long eventCount,
                 long firstEventOffset, long eventOffsetsOffset, long processTableOffset, long stringsOffset,
                 long iconsOffset, long maxApplicationAddress, int osMajor, int osMinor, int osBuild,
                 int processors, long memoryBytes, long hostsAndPortsOffset) {

    static boolean isSupportedVersion(int version) {
        return version == 9 || version == 7;
    }

    int pointerSize() {
        return is64bit ? 8 : 4;
    }

    static PmlHeader read(MappedFile in, String file) throws BadInputException {
        if (in.size() < HEADER_SIZE) {
            throw new BadInputException.Truncated(file, BadInputException.byteOffset(in.size()),
                    "the PML header needs " + HEADER_SIZE + " bytes but the file has " + in.size());
        }
        if (in.i32(0) != MAGIC) {
            throw new BadInputException.Unsupported(file, BadInputException.byteOffset(0), "no PML_ signature");
        }
        int version = in.i32(H_VERSION);
        if (!isSupportedVersion(version)) {
            throw new BadInputException.Unsupported(file, BadInputException.byteOffset(H_VERSION),
                    "PML format version " + Integer.toUnsignedString(version) + " (lockscope reads 7 and 9)");
        }
        int bitness = in.i32(H_IS64);
        if (bitness != 0 && bitness != 1) {
            throw new BadInputException.Corrupt(file, BadInputException.byteOffset(H_IS64),
                    "64-bit flag is " + Integer.toUnsignedString(bitness) + ", expected 0 or 1");
        }
        PmlHeader h = new PmlHeader(version, bitness == 1,
                fixedString(in, H_COMPUTER, H_COMPUTER_CHARS), fixedString(in, H_SYSTEM_ROOT, H_SYSTEM_ROOT_CHARS),
                in.u32(H_EVENT_COUNT), in.i64(H_FIRST_EVENT), in.i64(H_EVENT_OFFSETS), in.i64(H_PROCESSES),
                in.i64(H_STRINGS), in.i64(H_ICONS), in.i64(H_MAX_APP_ADDRESS),
                in.i32(H_OS_MAJOR), in.i32(H_OS_MINOR), in.i32(H_OS_BUILD),
                in.i32(H_PROCESSORS), in.i64(H_MEMORY), in.i64(H_HOSTS_PORTS));
        h.validate(in.size(), file);
        return h;
    }

    /**
     * Whether the file ends inside its events: the header (written when the capture was saved) places
     * the tables that follow the events beyond the end of the file, as an interrupted upload or copy
     * leaves it. The events before the cut can still be read one after the other.
     */
    boolean cutShort(long fileSize) {
        return firstEventOffset >= HEADER_SIZE && firstEventOffset < fileSize && eventOffsetsOffset >= fileSize
                && processTableOffset >= fileSize && stringsOffset >= fileSize;
    }

    private void validate(long fileSize, String file) throws BadInputException {
        if (eventOffsetsOffset == 0 || processTableOffset == 0 || stringsOffset == 0) {
            throw new BadInputException.Corrupt(file, BadInputException.byteOffset(H_EVENT_OFFSETS),
                    "table offsets are zero: the capture was not closed cleanly (open it in procmon and save it again)");
        }
        if (cutShort(fileSize)) {
            return;
        }
        checkTable(H_FIRST_EVENT, firstEventOffset, "first event", fileSize, file);
        checkTable(H_EVENT_OFFSETS, eventOffsetsOffset, "event-offsets array", fileSize, file);
        checkTable(H_PROCESSES, processTableOffset, "process table", fileSize, file);
        checkTable(H_STRINGS, stringsOffset, "strings table", fileSize, file);
        if (eventCount * EVENT_OFFSET_ENTRY > fileSize - eventOffsetsOffset) {
            throw new BadInputException.Corrupt(file, BadInputException.byteOffset(H_EVENT_COUNT),
                    "event count " + eventCount + " needs " + eventCount * EVENT_OFFSET_ENTRY + " bytes of event offsets at byte "
                            + eventOffsetsOffset + " but the file has " + fileSize);
        }
    }

    private static void checkTable(int field, long offset, String what, long fileSize, String file)
            throws BadInputException {
        if (offset >= fileSize || offset < 0) {
            throw new BadInputException.Truncated(file, BadInputException.byteOffset(field), what + " offset "
                    + Long.toUnsignedString(offset) + " is past the end of the file (" + fileSize + " bytes)");
        }
        if (offset < HEADER_SIZE) {
            throw new BadInputException.Corrupt(file, BadInputException.byteOffset(field),
                    what + " offset " + offset + " points into the header");
        }
    }

    private static String fixedString(MappedFile in, long pos, int chars) {
        char[] buf = new char[chars];
        in.chars(pos, chars, false, buf);
        int n = 0;
        while (n < chars && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n);
    }
}
