package io.lockscope.ingest.etw.export;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.Confidence;
import io.lockscope.ingest.InputFormat;
import io.lockscope.ingest.etw.RequestJoin;
import io.lockscope.ingest.etw.kernel.KernelEvent;
import io.lockscope.ingest.text.CsvTokenizer;
import io.lockscope.ingest.text.HeadText;
import io.lockscope.ingest.text.MalformedRecordException;
import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.TimeBase;
import io.lockscope.model.vocab.NtStatus;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.lockscope.ingest.etw.kernel.KernelGroups.*;

/**
 * Reads a CSV that {@code wpaexporter} writes for one WPA table (etw-formats.md §3.4): a header of the
 * table's visible columns, numbers with a unit suffix in the column name ({@code Duration (µs)},
 * {@code Start (s)}, {@code Size (B)}), then one row per table row, RFC 4180 quoted. Numbers use the
 * exporting machine's decimal separator ({@code "1,176567818"} in the German sample), learnt per file
 * by {@link LocaleNumbers}.
 *
 * <p>The table is told from its columns (names as in MSO-Scripts' WPA profiles): File I/O
 * ({@code Event Type}, {@code File Path}) rows become file operations, Registry ({@code Entire Key
 * (Base+Remainder)}, {@code Operation}) rows registry operations, Mini-Filter Delays ({@code Mini-Filter
 * Driver}) rows minifilter events, Handles ({@code Handle Type}, {@code Create Time}) rows a handle
 * create lasting until its close. Any other table (Disk Usage …) is read as "other" events, with a
 * warning that it is not a table lockscope analyses. WPA gives times in seconds since the trace start,
 * no date: the trace's times are a time of day counted from the trace start.
 */
public final class WpaCsvReader extends ExportReader {
    private static final Pattern UNIT = Pattern.compile("(.*?)\\s*\\((s|ms|µs|us|ns|B|KB|MB|GB)\\)");
    private static final Pattern PROCESS_CELL = Pattern.compile("(.*?)\\s*\\(\\s*(\\d+)\\s*\\)");
    private static final Map<String, Operation> FILE_OPERATIONS = Map.ofEntries(
            Map.entry("Create", Operation.CREATE_FILE), Map.entry("Cleanup", Operation.CLOSE_FILE),
            Map.entry("Close", Operation.IRP_MJ_CLOSE), Map.entry("Read", Operation.READ_FILE),
            Map.entry("Write", Operation.WRITE_FILE), Map.entry("Flush", Operation.FLUSH_BUFFERS_FILE),
            Map.entry("SetInformation", Operation.SET_INFORMATION_FILE),
            Map.entry("QueryInformation", Operation.QUERY_INFORMATION_FILE),
            Map.entry("DirEnum", Operation.QUERY_DIRECTORY), Map.entry("DirNotify", Operation.NOTIFY_CHANGE_DIRECTORY),
            Map.entry("FSCTL", Operation.FILE_SYSTEM_CONTROL),
            Map.entry("Delete", Operation.SET_DISPOSITION_INFORMATION_FILE),
            Map.entry("Rename", Operation.SET_RENAME_INFORMATION_FILE));
    /** Registry operation names WPA shows (with or without Reg prefix / Key suffix) → opcode (§2.2). */
    private static final Map<String, Integer> REGISTRY_OPCODES = Map.ofEntries(
            Map.entry("create", 10), Map.entry("open", 11), Map.entry("delete", 12), Map.entry("query", 13),
            Map.entry("setvalue", 14), Map.entry("deletevalue", 15), Map.entry("queryvalue", 16),
            Map.entry("enumerate", 17), Map.entry("enumeratekey", 17), Map.entry("enumeratevalue", 18),
            Map.entry("enumeratevaluekey", 18), Map.entry("querymultiplevalue", 19),
            Map.entry("setinformation", 20), Map.entry("flush", 21), Map.entry("close", 27));
    /** IRP_MJ_* codes (wdm.h) by the name WPA's Major Function column prints. */
    private static final List<String> MAJOR_FUNCTIONS = List.of("IRP_MJ_CREATE", "IRP_MJ_CREATE_NAMED_PIPE",
            "IRP_MJ_CLOSE", "IRP_MJ_READ", "IRP_MJ_WRITE", "IRP_MJ_QUERY_INFORMATION", "IRP_MJ_SET_INFORMATION",
            "IRP_MJ_QUERY_EA", "IRP_MJ_SET_EA", "IRP_MJ_FLUSH_BUFFERS", "IRP_MJ_QUERY_VOLUME_INFORMATION",
            "IRP_MJ_SET_VOLUME_INFORMATION", "IRP_MJ_DIRECTORY_CONTROL", "IRP_MJ_FILE_SYSTEM_CONTROL",
            "IRP_MJ_DEVICE_CONTROL", "IRP_MJ_INTERNAL_DEVICE_CONTROL", "IRP_MJ_SHUTDOWN", "IRP_MJ_LOCK_CONTROL",
            "IRP_MJ_CLEANUP");

    enum Table { FILE_IO, REGISTRY, MINI_FILTER, HANDLES, OTHER }

    @Override
    public InputFormat format() {
        return InputFormat.WPA_CSV;
    }

    @Override
    TimeBase timeBase() {
        return TimeBase.TIME_OF_DAY;
    }

    @Override
    public Confidence confidence() {
        return Confidence.HEADER;
    }

    @Override
    public boolean sniff(byte[] head, int length) {
        List<String> cells = PaddedCells.split(HeadText.firstLine(HeadText.of(head, length)));
        if (cells == null || cells.size() < 2 || cells.contains("Time of Day")) {
            return false;
        }
        boolean unitSuffix = false;
        for (String c : cells) {
            if (c.isEmpty()) {
                return false;
            }
            unitSuffix |= UNIT.matcher(c).matches();
        }
        Columns columns = new Columns(cells);
        return unitSuffix && (columns.has("Process") || columns.has("Process Name") || columns.has("Owning Process"))
                || columns.table() != Table.OTHER;
    }

    @Override
    void stream(Path file, Rows rows, Consumer<ExportedEvent> sink) throws BadInputException, IOException {
        try (InputStream in = rows.open(file); CsvTokenizer csv = CsvTokenizer.open(in, rows.file)) {
            Columns columns = null;
            for (;;) {
                try {
                    if (!csv.next()) {
                        break;
                    }
                } catch (MalformedRecordException e) {
                    rows.bad("wpaexporter CSV row not well-formed: " + e.getMessage(), e.line());
                    csv.skipRecord();
                    continue;
                }
                List<String> cells = csv.fields();
                if (columns == null) {
                    columns = new Columns(cells);
                    if (columns.table() == Table.OTHER) {
                        rows.report.warn(rows.file + ": a wpaexporter table with columns " + String.join(", ", cells)
                                + " is not one lockscope analyses (File I/O, Registry, Handles, Mini-Filter Delays); "
                                + "its rows are kept as other events");
                    }
                    continue;
                }
                try {
                    columns.events(cells, csv.recordLine(), sink);
                    rows.good();
                } catch (BadValueException e) {
                    rows.bad("wpaexporter CSV row not readable: " + e.getMessage(), csv.recordLine());
                }
            }
            rows.decoded(csv.decoding());
        }
    }

    /** The header: column base names (unit suffix removed) → index and unit. */
    private static final class Columns {
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, String> unit = new HashMap<>();
        private final Table table;
        private final LocaleNumbers numbers = new LocaleNumbers();

        Columns(List<String> header) {
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).trim();
                Matcher m = UNIT.matcher(name);
                if (m.matches()) {
                    name = m.group(1);
                    unit.put(name, m.group(2));
                }
                index.putIfAbsent(name, i);
            }
            if (has("Mini-Filter Driver")) {
                table = Table.MINI_FILTER;
            } else if (has("Event Type") && (has("File Path") || has("File Name"))) {
                table = Table.FILE_IO;
            } else if (has("Entire Key (Base+Remainder)") && has("Operation")) {
                table = Table.REGISTRY;
            } else if (has("Handle Type") && (has("Create Time") || has("Close Time"))) {
                table = Table.HANDLES;
            } else {
                table = Table.OTHER;
            }
        }

        Table table() {
            return table;
        }

        boolean has(String column) {
            return index.containsKey(column);
        }

        String text(List<String> cells, String... columns) {
            for (String c : columns) {
                Integer i = index.get(c);
                if (i != null && i < cells.size() && !cells.get(i).isEmpty()) {
                    return cells.get(i).trim();
                }
            }
            return "";
        }

        /** A time or duration column in 100 ns ticks; -1 when the row leaves it empty. */
        long ticks(List<String> cells, String... columns) throws BadValueException {
            for (String c : columns) {
                String v = text(cells, c);
                if (!v.isEmpty()) {
                    double value;
                    try {
                        value = numbers.parse(v);
                    } catch (NumberFormatException e) {
                        throw new BadValueException(c + " is not a number: \"" + NamedFields.shorten(v) + "\"");
                    }
                    double perUnit = switch (unit.getOrDefault(c, "s")) {
                        case "ms" -> 1e4;
                        case "µs", "us" -> 10;
                        case "ns" -> 0.01;
                        default -> 1e7;
                    };
                    double ticks = value * perUnit;
                    if (!(ticks >= 0 && ticks < 1e17)) {
                        throw new BadValueException(c + " is out of range: " + v);
                    }
                    return Math.round(ticks);
                }
            }
            return -1;
        }

        void events(List<String> cells, long line, Consumer<ExportedEvent> sink) throws BadValueException {
            for (String cell : cells) {
                numbers.observe(cell);
            }
            long time = Math.max(0, ticks(cells, "Start", "Create Time", "Operation Time", "Init Time", "Complete Time",
                    "Time"));
            long duration = ticks(cells, "Duration", "Elapsed Time", "IO Time");
            if (duration < 0) {
                duration = EventStore.NO_DURATION;
            }
            String processCell = text(cells, "Process", "Owning Process", "Creating Process");
            String processName = text(cells, "Process Name", "Owning Process Name", "Creating Process Name");
            int pid = -1;
            if (!processCell.isEmpty()) {
                Matcher m = PROCESS_CELL.matcher(processCell);
                if (!m.matches()) {
                    throw new BadValueException("process cell is not \"name (PID)\": \""
                            + NamedFields.shorten(processCell) + "\"");
                }
                processName = m.group(1);
                pid = (int) NamedFields.parseNumber("PID", m.group(2));
            } else if (!text(cells, "ProcessID").isEmpty()) {
                pid = (int) NamedFields.parseNumber("ProcessID", text(cells, "ProcessID"));
            }
            String name = processName.isEmpty() ? null : processName;
            String tidText = text(cells, "Thread", "Thread ID", "ThreadID", "ThreadId", "Creating Thread ID");
            int tid = tidText.isEmpty() ? -1 : (int) NamedFields.parseNumber("Thread", tidText);
            switch (table) {
                case FILE_IO -> {
                    String type = text(cells, "Event Type");
                    Operation operation = FILE_OPERATIONS.get(type);
                    int status = status(text(cells, "Result"));
                    sink.accept(new ExportedEvent(time, operation == null ? KernelClasses.NOT_KERNEL : FILE_IO, 0,
                            "FileIO/" + type, pid, name, tid, null, operation, path(cells), null, status, duration,
                            line));
                }
                case REGISTRY -> {
                    String operation = text(cells, "Operation");
                    Integer opcode = REGISTRY_OPCODES.get(registryKey(operation));
                    if (opcode == null) {
                        throw new BadValueException("registry operation not known: \"" + NamedFields.shorten(operation) + "\"");
                    }
                    KernelEvent event = new KernelEvent.Registry(opcode, 0, status(text(cells, "Status")), 0, 0,
                            text(cells, "Entire Key (Base+Remainder)"));
                    sink.accept(new ExportedEvent(time, REGISTRY, opcode, operation, pid, name, tid, event, null, null,
                            null, RequestJoin.NO_STATUS, duration, line));
                }
                case MINI_FILTER -> {
                    int status = status(text(cells, "NTStatus"));
                    int major = MAJOR_FUNCTIONS.indexOf(text(cells, "Major Function Name (Count)", "Major Function Name"));
                    int opcode = NtStatus.isError(status) ? FLT_POST_OP_FAILURE : FLT_PRE_OP_INIT + 3;
                    KernelEvent event = new KernelEvent.FltIo(opcode, 0, 0, 0, 0, 0, 0, major, true, status);
                    String driver = text(cells, "Mini-Filter Driver");
                    sink.accept(new ExportedEvent(time, FILE_IO, opcode, "MiniFilter", pid, name, tid, event, null,
                            path(cells), driver.isEmpty() ? null : driver, RequestJoin.NO_STATUS,
                            duration, line));
                }
                case HANDLES -> {
                    // one event per handle at its creation, lasting until its close (WPA's Lifetime)
                    long closed = ticks(cells, "Close Time", "Delete Time");
                    long lifetime = closed >= time ? closed - time : EventStore.NO_DURATION;
                    sink.accept(new ExportedEvent(time, OBJECT, 32, "Object/CreateHandle", pid, name, tid, null, null,
                            text(cells, "Object Name"), null, RequestJoin.NO_STATUS, lifetime, line));
                }
                default -> sink.accept(new ExportedEvent(time, KernelClasses.NOT_KERNEL, 0,
                        "WPA/" + text(cells, "IO Type", "Event Type", "Operation", "Event Name").replace('/', ' ').trim(),
                        pid, name, tid, null, null, path(cells), null, RequestJoin.NO_STATUS, duration, line));
            }
        }

        private String path(List<String> cells) {
            String path = text(cells, "File Path", "Path Name");
            String file = text(cells, "File Name");
            if (path.isEmpty()) {
                return file.isEmpty() ? null : file;
            }
            return file.isEmpty() || path.toLowerCase(Locale.ROOT).endsWith(file.toLowerCase(Locale.ROOT))
                    ? path : path + "\\" + file;
        }
    }

    /** "RegOpenKey", "OpenKey", "Open" → "open". */
    private static String registryKey(String operation) {
        String k = operation.toLowerCase(Locale.ROOT);
        if (k.startsWith("reg")) {
            k = k.substring(3);
        }
        if (k.endsWith("key") && !REGISTRY_OPCODES.containsKey(k)) {
            k = k.substring(0, k.length() - 3);
        }
        return k;
    }

    /** A result as WPA prints it: hex NTSTATUS, procmon's name, or the name with underscores; "" is success. */
    private static int status(String text) throws BadValueException {
        if (text.isEmpty()) {
            return RequestJoin.NO_STATUS;
        }
        if (text.startsWith("0x") || text.startsWith("0X")) {
            return (int) NamedFields.parseNumber("Result", text);
        }
        String named = text.toUpperCase(Locale.ROOT).replace('_', ' ');
        if (named.startsWith("STATUS ")) {
            named = named.substring("STATUS ".length());
        }
        Integer code = NtStatus.parse(named);
        if (code == null) {
            throw new BadValueException("result not known: \"" + NamedFields.shorten(text) + "\"");
        }
        return code;
    }

}
