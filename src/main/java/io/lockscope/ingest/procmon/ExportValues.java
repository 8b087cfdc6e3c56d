package io.lockscope.ingest.procmon;

import io.lockscope.model.vocab.ProcmonColumn;

/** Reading numbers and comparing text straight from a row's char slices, without allocating. */
final class ExportValues {
    private ExportValues() {
    }

    /** A non-negative decimal int, or -1 when {@code c[start, start+length)} is not one. */
    static int parseInt(char[] c, int start, int length) {
        if (length <= 0 || length > 10) {
            return -1;
        }
        long v = 0;
        for (int i = start, end = start + length; i < end; i++) {
            int d = c[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    /** The column's non-negative int; -1 when absent or empty ("n/a" included); bad row otherwise. */
    static int optionalInt(ExportRow row, ProcmonColumn column) throws BadRowException {
        int n = row.length(column);
        if (n <= 0 || isNotApplicable(row.chars(), row.start(column), n)) {
            return -1;
        }
        int v = parseInt(row.chars(), row.start(column), n);
        if (v < 0) {
            throw BadRowException.value(column, row);
        }
        return v;
    }

    private static boolean isNotApplicable(char[] c, int start, int length) {
        return length == 3 && c[start] == 'n' && c[start + 1] == '/' && c[start + 2] == 'a';
    }
}
