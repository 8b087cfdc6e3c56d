package io.lockscope.ingest.etw.export;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of tracerpt CSV or xperf dumper text into trimmed cells. Both pad cells with
 * spaces and quote strings (etw-formats.md §3.1, §3.3), so a quote may follow the padding, which
 * RFC 4180 does not allow; quotes inside a quoted cell are doubled.
 */
final class PaddedCells {
    private PaddedCells() {
    }

    /** The cells of {@code line}; null when a quoted cell is not closed. */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        int i = 0;
        int n = line.length();
        for (;;) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                StringBuilder cell = new StringBuilder();
                i++;
                for (;;) {
                    if (i >= n) {
                        return null;
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        cell.append(c);
                    }
                }
                cells.add(cell.toString());
                while (i < n && line.charAt(i) != ',') {
                    i++; // padding after the closing quote
                }
            } else {
                int comma = line.indexOf(',', i);
                int end = comma < 0 ? n : comma;
                cells.add(line.substring(i, end).trim());
                i = end;
            }
            if (i >= n) {
                return cells;
            }
            i++; // the comma
        }
    }
}
