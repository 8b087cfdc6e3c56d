package io.lockscope.report.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Columns of plain text aligned by display width (see {@link DisplayWidth}), two spaces apart. The
 * last column is not padded, so a long path there does not push trailing blanks.
 */
public final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] rightAligned;

    /** @param header the column names (also fixes the number of columns) */
    public TextTable(String... header) {
        rightAligned = new boolean[header.length];
        rows.add(header);
    }

    public TextTable alignRight(int column) {
        rightAligned[column] = true;
        return this;
    }

    /** @throws IllegalArgumentException when the number of cells differs from the header's */
    public TextTable row(String... cells) {
        if (cells.length != rightAligned.length) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + rightAligned.length);
        }
        String[] copy = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            copy[i] = cells[i] == null ? "" : cells[i];
        }
        rows.add(copy);
        return this;
    }

    /** The header line and the rows, each line starting with {@code indent} and ending in "\n". */
    public String layOut(String indent) {
        int columns = rightAligned.length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], DisplayWidth.of(row[c]));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int c = 0; c < columns; c++) {
                if (c > 0) {
                    line.append("  ");
                }
                boolean last = c == columns - 1;
                if (rightAligned[c]) {
                    line.append(" ".repeat(widths[c] - DisplayWidth.of(row[c]))).append(row[c]);
                } else {
                    line.append(last ? row[c] : DisplayWidth.padRight(row[c], widths[c]));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
