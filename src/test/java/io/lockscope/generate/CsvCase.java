package io.lockscope.generate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated procmon CSV read back with Commons CSV (the oracle; no lockscope reader involved): the
 * records as header-name maps, in file order.
 */
final class CsvCase {
    final List<CSVRecord> rows = new ArrayList<>();

    CsvCase(Path csv) throws IOException {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            int bom = in.read();
            if (bom != '\uFEFF') {
                throw new IOException("no UTF-8 BOM at the start of " + csv);
            }
            CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build();
            try (CSVParser parser = CSVParser.parse(in, format)) {
                for (CSVRecord r : parser) {
                    rows.add(r);
                }
            }
        }
    }

    /** Index of the first row matching the failure (process, PID, operation, path, result), or -1. */
    int indexOf(String process, int pid, String operation, String path, String result) {
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord r = rows.get(i);
            if (r.get("Process Name").equals(process) && r.get("PID").equals(Integer.toString(pid))
                    && r.get("Operation").equals(operation) && r.get("Path").equals(path)
                    && r.get("Result").equals(result)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Replays rows {@code [0, end)} and returns "name:pid" of every process with an open handle on
     * {@code path} at row {@code end}: a successful CreateFile opens, CloseFile closes, Process Exit
     * drops every open of that PID (its handles die with it).
     */
    List<String> openAt(String path, int end) {
        List<String> open = new ArrayList<>();
        for (int i = 0; i < end; i++) {
            CSVRecord r = rows.get(i);
            String who = r.get("Process Name") + ":" + r.get("PID");
            String op = r.get("Operation");
            if (op.equals("Process Exit")) {
                open.removeIf(o -> o.endsWith(":" + r.get("PID")));
            } else if (r.get("Path").equalsIgnoreCase(path)) {
                if (op.equals("CreateFile") && r.get("Result").equals("SUCCESS")) {
                    open.add(who);
                } else if (op.equals("CloseFile")) {
                    open.remove(who);
                }
            }
        }
        return open;
    }

    /** The Detail of the last successful CreateFile of {@code who} ("name:pid") on {@code path} before {@code end}. */
    String lastOpenDetail(String who, String path, int end) {
        for (int i = end - 1; i >= 0; i--) {
            CSVRecord r = rows.get(i);
            if ((r.get("Process Name") + ":" + r.get("PID")).equals(who) && r.get("Operation").equals("CreateFile")
                    && r.get("Path").equalsIgnoreCase(path) && r.get("Result").equals("SUCCESS")) {
                return r.get("Detail");
            }
        }
        return null;
    }
}
