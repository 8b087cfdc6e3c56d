package io.lockscope.ingest.etw.export;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.Confidence;
import io.lockscope.ingest.InputFormat;
import io.lockscope.ingest.etw.RequestJoin;
import io.lockscope.ingest.etw.kernel.KernelEvent;
import io.lockscope.ingest.text.HeadText;
import io.lockscope.ingest.text.TextLines;
import io.lockscope.model.EventStore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.lockscope.ingest.etw.kernel.KernelGroups.*;

/**
 * Reads {@code xperf -i trace.etl -a dumper} text (etw-formats.md §3.3). The file describes itself:
 * between {@code BeginHeader} and {@code EndHeader} one line per event type names its columns
 * ({@code FileIoCreate,  TimeStamp, Process Name ( PID), ThreadID, …}); then a line with the trace's
 * {@code Trace Start} FILETIME, then one row per event whose first cell is its type. TimeStamp is µs
 * since the trace start; processes are {@code name.exe (PID)}; paths are quoted DOS paths, the FileIo
 * rows already carry the file name and the issuing thread (TTID) as ThreadID.
 *
 * <p>Each row is read by its own header line, so any event type reads; the types lockscope decodes
 * (FileIo requests and OpEnd, process/thread/image, registry, handles, minifilter) are mapped to the
 * kernel event by {@link #TYPES} and their columns renamed to the MOF field names by {@link #FIELD_NAMES};
 * every other type is an "other" event under its dumper name.
 */
public final class XperfDumperReader extends ExportReader {
    private static final Pattern PROCESS_CELL = Pattern.compile("(.*?)\\s*\\(\\s*(-?\\d+)\\s*\\)");
    private static final Pattern TRACE_START = Pattern.compile("Trace Start:\\s*(\\d{1,19})");
    private static final String PROCESS_COLUMN = "Process Name ( PID)";
    /** A header block larger than this is not xperf's (a few hundred event types at most). */
    static final int MAX_HEADER_CHARS = 1 << 20;

    /** Dumper event type → kernel group and event type (TraceEvent's opcodes, §2). */
    private static final Map<String, int[]> TYPES = new HashMap<>();
    /** Dumper column → MOF field name where they differ (§3.3 header lines vs §2 layouts). */
    private static final Map<String, String> FIELD_NAMES = Map.ofEntries(
            Map.entry("Options", "CreateOptions"), Map.entry("Attributes", "FileAttributes"),
            Map.entry("ByteOffset", "Offset"), Map.entry("Flags", "IoFlags"), Map.entry("Status", "NtStatus"),
            Map.entry("ParentPID", "ParentId"), Map.entry("SessionID", "SessionId"),
            Map.entry("Command Line", "CommandLine"), Map.entry("BaseAddr", "ImageBase"),
            Map.entry("Checksum", "ImageChecksum"), Map.entry("Key Name", "KeyName"));

    static {
        type(PROCESS, 1, "P-Start");
        type(PROCESS, 2, "P-End");
        type(PROCESS, 3, "P-DCStart");
        type(PROCESS, 4, "P-DCEnd");
        type(THREAD, 1, "T-Start");
        type(THREAD, 2, "T-End");
        type(THREAD, 3, "T-DCStart");
        type(THREAD, 4, "T-DCEnd");
        type(PROCESS, PROCESS_LOAD_IMAGE, "I-Start");
        type(IMAGE, 2, "I-End");
        type(IMAGE, 3, "I-DCStart");
        type(IMAGE, 4, "I-DCEnd");
        type(FILE_IO, FILE_CREATE, "FileIoCreate");
        type(FILE_IO, FILE_CLEANUP, "FileIoCleanup");
        type(FILE_IO, FILE_CLOSE, "FileIoClose");
        type(FILE_IO, FILE_FLUSH, "FileIoFlush");
        type(FILE_IO, FILE_READ, "FileIoRead");
        type(FILE_IO, FILE_WRITE, "FileIoWrite");
        type(FILE_IO, FILE_SET_INFO, "FileIoSetInfo");
        type(FILE_IO, FILE_DELETE, "FileIoDelete");
        type(FILE_IO, FILE_RENAME, "FileIoRename");
        type(FILE_IO, FILE_DIR_ENUM, "FileIoDirEnum");
        type(FILE_IO, FILE_QUERY_INFO, "FileIoQueryInfo");
        type(FILE_IO, FILE_FS_CONTROL, "FileIoFSCTL");
        type(FILE_IO, FILE_OP_END, "FileIoOpEnd");
        type(FILE_IO, FILE_DIR_NOTIFY, "FileIoDirNotify");
        // Registry, handle and minifilter dumper names: xperf's stack-walk event names (xperf -help stackwalk)
        String[] registry = {"RegCreateKey", "RegOpenKey", "RegDeleteKey", "RegQueryKey", "RegSetValue",
                "RegDeleteValue", "RegQueryValue", "RegEnumerateKey", "RegEnumerateValueKey", "RegQueryMultipleValue",
                "RegSetInformation", "RegFlush", "RegKcbCreate", "RegKcbDelete", "RegKcbRundownBegin",
                "RegKcbRundownEnd", "RegVirtualize", "RegCloseKey"};
        for (int i = 0; i < registry.length; i++) {
            type(REGISTRY, 10 + i, registry[i]);
        }
        type(OBJECT, 32, "HandleCreate");
        type(OBJECT, 33, "HandleClose");
        type(OBJECT, 34, "HandleDuplicate");
        String[] filter = {"MiniFilterPreOpInit", "MiniFilterPostOpInit", "MiniFilterPreOpCompletion",
                "MiniFilterPostOpCompletion", "MiniFilterPreOpFailure", "MiniFilterPostOpFailure"};
        for (int i = 0; i < filter.length; i++) {
            type(FILE_IO, FLT_PRE_OP_INIT + i, filter[i]);
        }
    }

    private static void type(int group, int opcode, String name) {
        TYPES.put(name, new int[]{group, opcode});
    }

    @Override
    public InputFormat format() {
        return InputFormat.XPERF_DUMPER;
    }

    @Override
    public Confidence confidence() {
        return Confidence.HEADER;
    }

    @Override
    public boolean sniff(byte[] head, int length) {
        return HeadText.firstLine(HeadText.of(head, length)).equals("BeginHeader");
    }

    @Override
    void stream(Path file, Rows rows, Consumer<ExportedEvent> sink) throws BadInputException, IOException {
        try (InputStream in = rows.open(file); TextLines lines = TextLines.open(in, rows.file)) {
            Map<String, List<String>> headers = new HashMap<>();
            String first = lines.next();
            while (first != null && first.isBlank()) {
                first = lines.next();
            }
            if (first == null || !first.trim().equals("BeginHeader")) {
                throw new BadInputException.Unsupported(rows.file, BadInputException.line(lines.lineNumber()),
                        "xperf dumper text starts with BeginHeader");
            }
            String line;
            boolean inHeader = true;
            long headerChars = 0;
            long traceStart = -1;
            while ((line = lines.next()) != null) {
                long n = lines.lineNumber();
                if (line.isBlank()) {
                    continue;
                }
                if (inHeader) {
                    if (line.trim().equals("EndHeader")) {
                        inHeader = false;
                    } else {
                        List<String> cells = PaddedCells.split(line);
                        headerChars += line.length();
                        if (cells == null || cells.size() < 2) {
                            throw new BadInputException.Corrupt(rows.file, BadInputException.line(n),
                                    "not a column-name line of an xperf dumper header");
                        }
                        if (headerChars > MAX_HEADER_CHARS) {
                            throw new BadInputException.Corrupt(rows.file, BadInputException.line(n),
                                    "header block longer than " + MAX_HEADER_CHARS + " characters; not xperf's");
                        }
                        headers.put(cells.get(0), cells.subList(1, cells.size()));
                    }
                    continue;
                }
                if (traceStart < 0) {
                    Matcher m = TRACE_START.matcher(line);
                    if (m.find()) {
                        traceStart = Long.parseLong(m.group(1));
                        continue;
                    }
                }
                List<String> cells = PaddedCells.split(line);
                if (cells == null) {
                    rows.bad("xperf dumper row with an unclosed quote", n);
                    continue;
                }
                if (cells.get(0).startsWith("FirstReliable")) {
                    continue; // trace metadata, not an event
                }
                if (traceStart < 0) {
                    throw new BadInputException.Corrupt(rows.file, BadInputException.line(n),
                            "event rows before the \"Trace Start:\" line that dates them");
                }
                try {
                    sink.accept(event(cells, headers.get(cells.get(0)), traceStart, n));
                    rows.good();
                } catch (BadValueException e) {
                    rows.bad("xperf dumper row not readable: " + e.getMessage(), n);
                }
            }
            if (inHeader) {
                throw new BadInputException.Truncated(rows.file, BadInputException.line(lines.lineNumber()),
                        "the file ends inside the header (no EndHeader)");
            }
            rows.decoded(lines.decoding());
        }
    }

    private static ExportedEvent event(List<String> cells, List<String> columns, long traceStart, long line)
            throws BadValueException {
        String type = cells.get(0);
        Map<String, String> values = new HashMap<>();
        if (columns != null) {
            for (int i = 0; i < columns.size() && i + 1 < cells.size(); i++) {
                String column = columns.get(i);
                values.putIfAbsent(FIELD_NAMES.getOrDefault(column, column), cells.get(i + 1));
            }
        } else if (cells.size() > 1) {
            values.put("TimeStamp", cells.get(1)); // a type the header does not describe: time, then unknown
        }
        long micros = NamedFields.parseNumber("TimeStamp", values.getOrDefault("TimeStamp", ""));
        if (micros < 0 || micros > (Long.MAX_VALUE - traceStart) / 10) {
            throw new BadValueException("TimeStamp " + micros + " µs is outside the trace");
        }
        long time = traceStart + micros * 10;
        String processName = null;
        int pid = -1;
        String process = values.get(PROCESS_COLUMN);
        if (process != null) {
            Matcher m = PROCESS_CELL.matcher(process);
            if (!m.matches()) {
                throw new BadValueException("process cell is not \"name (PID)\": \"" + NamedFields.shorten(process) + "\"");
            }
            processName = m.group(1);
            pid = (int) NamedFields.parseNumber("PID", m.group(2));
        }
        int tid = values.containsKey("ThreadID") ? (int) NamedFields.parseNumber("ThreadID", values.get("ThreadID")) : -1;
        int[] kernel = TYPES.get(type);
        if (kernel == null) {
            return new ExportedEvent(time, KernelClasses.NOT_KERNEL, 0, type, pid, processName, tid, null, null, null,
                    null, RequestJoin.NO_STATUS, EventStore.NO_DURATION, line);
        }
        int group = kernel[0];
        int opcode = kernel[1];
        String path = null;
        if (group == PROCESS && opcode != PROCESS_LOAD_IMAGE) {
            values.put("ProcessId", Integer.toString(pid));
            values.put("ImageFileName", processName == null ? "" : processName);
        } else if (group == THREAD) {
            values.put("ProcessId", Integer.toString(pid));
            values.put("TThreadId", Integer.toString(tid));
        } else if (group == IMAGE || group == PROCESS) {
            values.put("ProcessId", Integer.toString(pid));
            long base = NamedFields.parseNumber("BaseAddr", values.getOrDefault("ImageBase", ""));
            long end = NamedFields.parseNumber("EndAddr", values.getOrDefault("EndAddr", ""));
            values.put("ImageSize", Long.toString(Math.max(0, end - base)));
        } else if (group == FILE_IO) {
            values.put("TTID", Integer.toString(tid));
            if (opcode == FILE_CREATE) {
                values.put("OpenPath", values.getOrDefault("FileName", ""));
            } else if (opcode == FILE_READ || opcode == FILE_WRITE) {
                values.put("IoSize", values.getOrDefault("Size", ""));
            } else if (opcode == FILE_DIR_ENUM || opcode == FILE_DIR_NOTIFY) {
                values.put("Length", values.getOrDefault("Size", ""));
            }
            if (opcode != FILE_DIR_ENUM && opcode != FILE_DIR_NOTIFY && opcode < FLT_PRE_OP_INIT) {
                String name = values.get("FileName");
                path = name == null || name.isEmpty() ? null : name;
            }
            if (opcode >= FLT_PRE_OP_INIT) {
                values.put("Status", values.getOrDefault("NtStatus", ""));
            }
        } else if (group == REGISTRY) {
            values.put("Status", values.getOrDefault("NtStatus", ""));
        }
        KernelEvent event = new NamedFields(values).decode(group, opcode);
        String driver = values.get("Mini-Filter Driver");
        return new ExportedEvent(time, group, opcode, type, pid, processName, tid, event, null, path, driver,
                RequestJoin.NO_STATUS, EventStore.NO_DURATION, line);
    }
}
