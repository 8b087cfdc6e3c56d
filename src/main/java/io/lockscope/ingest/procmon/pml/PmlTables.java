package io.lockscope.ingest.procmon.pml;

import io.lockscope.format.procmon.pml.PmlLayout;
import io.lockscope.model.Module;
import io.lockscope.model.ProcessInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lookup tables at the end of a PML file: strings, processes with their modules, and the host and
 * port names network paths are rendered with (procmon-formats.md §1.4–§1.6; eronnen/procmon-parser
 * stream_logs_format.py). Every count and relative offset is checked against the file before use.
 *
 * <p>Strings table: {@code u32 count; u32 relOffset[count]; {u32 byteSize; UTF-16LE chars}...}, the
 * size including the terminating NUL; offsets relative to the table start.
 *
 * <p>Process table: {@code u32 count; u32 processIndex[count]; u32 relOffset[count];} then records:
 * <pre>
 * 0x00 u32 process index      0x20 FILETIME start       0x38..0x54 u32 string index: integrity, user,
 * 0x04 u32 PID                0x28 FILETIME end (0)          name, image path, command line, company,
 * 0x08 u32 parent PID         0x30 u32 virtualized           version, description
 * 0x0C u32 parent index       0x34 u32 64-bit process   0x58/0x5C u32 small/big icon index
 * 0x10 u64 authentication id                            0x60 pointer (low byte 1 = modules inline)
 * 0x18 u32 session                                      0x60+ptr u32 module count, then modules
 * </pre>
 * Module: {@code ptr unknown; ptr base; u32 size; u32 path, version, company, description string
 * indexes; u32 timestamp; 24 bytes unknown} = 0x38 (32-bit) / 0x40 (64-bit) bytes.
 */
final class PmlTables {
    /** A process record: the index events use, and what it says. */
    record ProcessEntry(int index, ProcessInfo info) {
    }

    private final List<ProcessEntry> processes;
    private final Map<IpKey, String> hosts;
    private final Map<Integer, String> ports;
    private final String problem;

    private PmlTables(List<ProcessEntry> processes, Map<IpKey, String> hosts,
                      Map<Integer, String> ports, String problem) {
        this.processes = processes;
        this.hosts = hosts;
        this.ports = ports;
        this.problem = problem;
    }

    List<ProcessEntry> processes() {
        return processes;
    }

    /** The name procmon resolved for {@code ip} (16 bytes as two big-endian halves), or null. */
    String host(long high, long low) {
        return hosts.get(new IpKey(high, low));
    }

    String port(int port, boolean tcp) {
        return ports.get(port | (tcp ? 1 << 16 : 0));
    }

    /** No tables: they were in the part of a cut-short file that is lost. */
    static PmlTables lost() {
        return new PmlTables(List.of(), Map.of(), Map.of(),
                "the file is cut short: its process, string and host tables were in the lost part");
    }

    static PmlTables read(MappedFile in, PmlHeader h) {
        String[] strings = readStrings(in, h.stringsOffset());
        List<ProcessEntry> processes = readProcesses(in, h, strings);
        Map<IpKey, String> hosts = new HashMap<>();
        Map<Integer, String> ports = new HashMap<>();
        String problem = null;
        if (h.hostsAndPortsOffset() != 0) {
            try {
                readHostsAndPorts(in, h.hostsAndPortsOffset(), hosts, ports);
            } catch (PmlFormatException e) {
                // only network paths need these names; without them they show numeric addresses
                hosts.clear();
                ports.clear();
                problem = "host and port names unreadable at byte " + e.offset() + " (" + e.getMessage()
                        + "); network paths show numeric addresses";
            }
        }
        return new PmlTables(processes, hosts, ports, problem);
    }

    /** What was wrong with the optional tables, or null. */
    String problem() {
        return problem;
    }

    private static String[] readStrings(MappedFile in, long table) {
        long count = in.u32(table);
        requireArray(in, table + 4, count, 4 + 4, "strings"); // an offset and a size at least
        String[] out = new String[(int) count];
        char[] buf = new char[256];
        long allBytes = 0;
        for (int i = 0; i < count; i++) {
            long rec = table + in.u32(table + 4 + 4L * i);
            long bytes = in.u32(rec);
            if (!in.fits(rec + 4, bytes)) {
                throw new PmlFormatException(rec, "string " + i + " of " + bytes + " bytes runs past the end of the file");
            }
            allBytes += 4 + bytes;
            requireDistinctRecords(in, table, rec, allBytes, "strings");
            int chars = (int) (bytes / 2);
            if (buf.length < chars) {
                buf = new char[chars];
            }
            in.chars(rec + 4, chars, false, buf);
            out[i] = untilNul(buf, chars);
        }
        if (count == 0) {
            return new String[] {""};
        }
        return out;
    }

    private static List<ProcessEntry> readProcesses(MappedFile in, PmlHeader h, String[] strings) {
        long table = h.processTableOffset();
        long count = in.u32(table);
        requireArray(in, table + 4, count, 8 + PmlLayout.P_MODULES_POINTER + h.pointerSize() + 4, "processes");
        boolean wide = h.is64bit();
        int ptr = h.pointerSize();
        int moduleSize = PmlLayout.moduleSize(ptr);
        List<ProcessEntry> out = new ArrayList<>((int) count);
        long allModuleBytes = 0;
        for (int i = 0; i < count; i++) {
            long p = table + in.u32(table + 4 + 4 * count + 4L * i);
            int index = in.i32(p);
            long auth = in.i64(p + PmlLayout.P_AUTHENTICATION_ID);
            String authId = String.format("%08x:%08x", auth >>> 32, auth & 0xFFFFFFFFL);
            long moduleCountAt = p + PmlLayout.P_MODULES_POINTER + ptr;
            long moduleCount = in.u32(moduleCountAt);
            requireArray(in, moduleCountAt + 4, moduleCount, moduleSize, "modules of process record " + i);
            allModuleBytes += moduleCount * moduleSize;
            requireDistinctRecords(in, table, moduleCountAt, allModuleBytes, "process records' modules");
            List<Module> modules = new ArrayList<>((int) moduleCount);
            long m = moduleCountAt + 4;
            for (int k = 0; k < moduleCount; k++, m += moduleSize) {
                long base = in.pointer(m + ptr, wide);
                long size = in.u32(m + 2L * ptr);
                long s = m + 2L * ptr + 4;
                modules.add(new Module(base, size, str(in, strings, s), str(in, strings, s + 8),
                        str(in, strings, s + 4), str(in, strings, s + 12), 0));
            }
            long s = p + PmlLayout.P_STRINGS;
            long start = in.i64(p + PmlLayout.P_START);
            long end = in.i64(p + PmlLayout.P_END);
            ProcessInfo info = new ProcessInfo(in.i32(p + PmlLayout.P_PID), in.i32(p + PmlLayout.P_PARENT_PID), str(in, strings, s + 8),
                    str(in, strings, s + 12), str(in, strings, s + 16), str(in, strings, s + 20),
                    str(in, strings, s + 28), str(in, strings, s + 24), str(in, strings, s + 4), authId,
                    in.i32(p + PmlLayout.P_SESSION), str(in, strings, s), in.i32(p + PmlLayout.P_IS64) != 0,
                    in.i32(p + PmlLayout.P_VIRTUALIZED) != 0,
                    start == 0 ? ProcessInfo.UNKNOWN_TIME : start, end == 0 ? ProcessInfo.UNKNOWN_TIME : end, modules);
            out.add(new ProcessEntry(index, info));
        }
        return out;
    }

    private static void readHostsAndPorts(MappedFile in, long at, Map<IpKey, String> hosts, Map<Integer, String> ports) {
        long count = in.u32(at);
        requireArray(in, at + 4, count, 20, "host names");
        long p = at + 4;
        for (int i = 0; i < count; i++) {
            long hi = Long.reverseBytes(in.i64(p));
            long lo = Long.reverseBytes(in.i64(p + 8));
            long bytes = in.u32(p + 16);
            hosts.put(new IpKey(hi, lo), utf16(in, p + 20, bytes));
            p += 20 + bytes;
        }
        count = in.u32(p);
        requireArray(in, p + 4, count, 8, "port names");
        p += 4;
        for (int i = 0; i < count; i++) {
            int port = in.u16(p);
            boolean tcp = in.u16(p + 2) != 0;
            long bytes = in.u32(p + 4);
            ports.put(port | (tcp ? 1 << 16 : 0), utf16(in, p + 8, bytes));
            p += 8 + bytes;
        }
    }

    private static String utf16(MappedFile in, long at, long bytes) {
        if (!in.fits(at, bytes)) {
            throw new PmlFormatException(at, "name of " + bytes + " bytes runs past the end of the file");
        }
        char[] buf = new char[(int) (bytes / 2)];
        in.chars(at, buf.length, false, buf);
        return untilNul(buf, buf.length);
    }

    /**
     * procmon shows a table string up to its first NUL: a command line stored as
     * "taskeng.exe {…}\0S-1-5-18:NT AUTHORITY\System:Service:" is shown as "taskeng.exe {…}" (corpus).
     */
    static String untilNul(char[] buf, int length) {
        int n = 0;
        while (n < length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n);
    }

    private static String str(MappedFile in, String[] strings, long at) {
        long index = in.u32(at);
        if (index >= strings.length) {
            throw new PmlFormatException(at, "string index " + index + " but the strings table has " + strings.length);
        }
        return strings[(int) index];
    }

    /**
     * Checks that the records of the table at {@code table} read so far, {@code allBytes} in all, fit between
     * the table and the end of the file (its offsets are unsigned, relative to it): procmon writes each record
     * once, so records that add up to more are entries pointing at the same bytes, which would make a small
     * file decode into any number of copies of a large record.
     */
    private static void requireDistinctRecords(MappedFile in, long table, long at, long allBytes, String what) {
        if (allBytes > in.size() - table) {
            throw new PmlFormatException(at, "the " + what + " add up to " + allBytes + " bytes, more than the "
                    + (in.size() - table) + " bytes from their table to the end of the file: entries share records");
        }
    }

    /** Checks that {@code count} records of at least {@code each} bytes can follow {@code at}. */
    private static void requireArray(MappedFile in, long at, long count, int each, String what) {
        if (!in.fits(at, count * each)) {
            throw new PmlFormatException(at - 4, "count of " + what + " is " + count + ", more than the "
                    + (in.size() - at) + " bytes left can hold");
        }
    }

    private record IpKey(long high, long low) {
    }
}
