package io.lockscope.ingest.etw.export;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.Confidence;
import io.lockscope.ingest.InputFormat;
import io.lockscope.ingest.etw.kernel.KernelEvent;
import io.lockscope.ingest.text.HeadText;
import io.lockscope.ingest.text.TextLines;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads {@code tracerpt trace.etl -of CSV} output (etw-formats.md §3.1): UTF-8 with BOM (or UTF-16),
 * cells padded with spaces, an optional header row, then one row per event with the MOF class name in
 * "Event Name", the opcode name in "Type", PID/TID in hex, "Clock-Time" a FILETIME and the payload from
 * "User Data" on, positional in MOF field order ({@link KernelClasses#layout}). Columns are found by the
 * header's names; a file without the header row (a filtered export) uses tracerpt's fixed order.
 */
public final class TracerptCsvReader extends ExportReader {
    /** tracerpt's columns before the payload, in its order. */
    static final List<String> HEADER = List.of("Event Name", "Type", "Event ID", "Version", "Channel", "Level",
            "Opcode", "Task", "Keyword", "PID", "TID", "Processor Number", "Instance ID", "Parent Instance ID",
            "Activity ID", "Related Activity ID", "Clock-Time", "Kernel(ms)", "User(ms)", "User Data");
    private static final Pattern HEX = Pattern.compile("0x[0-9A-Fa-f]{1,16}");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,19}");

    @Override
    public InputFormat format() {
        return InputFormat.TRACERPT_CSV;
    }

    @Override
    public Confidence confidence() {
        return Confidence.HEADER;
    }

    @Override
    public boolean sniff(byte[] head, int length) {
        List<String> cells = PaddedCells.split(HeadText.firstLine(HeadText.of(head, length)));
        if (cells == null || cells.size() < HEADER.size()) {
            return false;
        }
        if (cells.get(0).equals("Event Name") && cells.contains("Clock-Time") && cells.contains("User Data")) {
            return true;
        }
        return HEX.matcher(cells.get(9)).matches() && HEX.matcher(cells.get(10)).matches()
                && DIGITS.matcher(cells.get(16)).matches() && DIGITS.matcher(cells.get(3)).matches();
    }

    @Override
    void stream(Path file, Rows rows, Consumer<ExportedEvent> sink) throws BadInputException, IOException {
        try (InputStream in = rows.open(file); TextLines lines = TextLines.open(in, rows.file)) {
            Columns columns = null;
            String line;
            while ((line = lines.next()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = PaddedCells.split(line);
                long n = lines.lineNumber();
                if (cells == null) {
                    rows.bad("tracerpt CSV row with an unclosed quote", n);
                    continue;
                }
                if (columns == null) {
                    columns = cells.get(0).equals("Event Name") ? new Columns(cells, rows.file, n) : new Columns(HEADER, rows.file, n);
                    if (cells.get(0).equals("Event Name")) {
                        continue;
                    }
                }
                try {
                    sink.accept(event(cells, columns, n));
                    rows.good();
                } catch (BadValueException e) {
                    rows.bad("tracerpt CSV row not readable: " + e.getMessage(), n);
                }
            }
            rows.decoded(lines.decoding());
        }
    }

    /** Where tracerpt's columns are in this file. */
    private static final class Columns {
        final int eventName;
        final int type;
        final int version;
        final int opcode;
        final int pid;
        final int tid;
        final int clockTime;
        final int userData;

        Columns(List<String> header, String file, long line) throws BadInputException {
            eventName = find(header, "Event Name", file, line);
            type = find(header, "Type", file, line);
            version = find(header, "Version", file, line);
            opcode = find(header, "Opcode", file, line);
            pid = find(header, "PID", file, line);
            tid = find(header, "TID", file, line);
            clockTime = find(header, "Clock-Time", file, line);
            userData = find(header, "User Data", file, line);
        }

        private static int find(List<String> header, String column, String file, long line) throws BadInputException {
            int i = header.indexOf(column);
            if (i < 0) {
                throw new BadInputException.Unsupported(file, BadInputException.line(line),
                        "tracerpt CSV header without the \"" + column + "\" column");
            }
            return i;
        }
    }

    private static ExportedEvent event(List<String> cells, Columns c, long line) throws BadValueException {
        if (cells.size() < c.userData) {
            throw new BadValueException(cells.size() + " cells, fewer than tracerpt's " + c.userData + " fixed columns");
        }
        String className = cells.get(c.eventName);
        int version = (int) NamedFields.parseNumber("Version", cells.get(c.version));
        int opcode = (int) NamedFields.parseNumber("Opcode", cells.get(c.opcode));
        int pid = (int) NamedFields.parseNumber("PID", cells.get(c.pid));
        int tid = (int) NamedFields.parseNumber("TID", cells.get(c.tid));
        long time = NamedFields.parseNumber("Clock-Time", cells.get(c.clockTime));
        int group = KernelClasses.byName(className);
        KernelEvent event = null;
        boolean volumeMapping = className.equalsIgnoreCase(KernelClasses.SYS_CONFIG) && opcode == KernelClasses.VOLUME_MAPPING;
        List<String> layout = volumeMapping ? KernelClasses.VOLUME_MAPPING_FIELDS
                : group == KernelClasses.NOT_KERNEL ? null : KernelClasses.layout(group, opcode, version);
        if (layout != null) {
            int payload = cells.size() - c.userData;
            if (payload < layout.size()) {
                throw new BadValueException(className + "/" + cells.get(c.type) + " has " + payload
                        + " payload cells, its layout " + layout.size());
            }
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < layout.size(); i++) {
                values.put(layout.get(i), cells.get(c.userData + i));
            }
            NamedFields fields = new NamedFields(values);
            event = volumeMapping ? fields.volumeMapping() : fields.decode(group, opcode);
        }
        return ExportedEvent.kernel(time, group, opcode, className + "/" + cells.get(c.type), pid, tid, event, line);
    }
}
