package io.lockscope.ingest.procmon;

import io.lockscope.model.StackTable;
import io.lockscope.model.vocab.ProcmonColumn;

import java.util.Arrays;

/**
 * The column values of one exported procmon event, as slices of a char buffer the tokenizer owns
 * (the CSV record buffer, or the XML reader's event buffer). Nothing is copied or allocated per
 * value; {@link ExportRowAssembler} reads the slices it needs and interns or parses them.
 */
public final class ExportRow {
    private char[] chars = new char[0];
    private final int[] start = new int[ProcmonColumn.COUNT];
    private final int[] length = new int[ProcmonColumn.COUNT];
    private int processKey = -1;
    private int stackId = StackTable.NONE;

    public ExportRow() {
        clear();
    }

    /** Forgets every value, the explicit process and the stack. */
    public void clear() {
        Arrays.fill(length, -1);
        processKey = -1;
        stackId = StackTable.NONE;
    }

    /** The buffer the slices point into; rebind after the tokenizer grows its buffer. */
    public void bind(char[] buffer) {
        this.chars = buffer;
    }

    public void set(ProcmonColumn column, int offset, int count) {
        start[column.ordinal()] = offset;
        length[column.ordinal()] = count;
    }

    public void set(int columnOrdinal, int offset, int count) {
        start[columnOrdinal] = offset;
        length[columnOrdinal] = count;
    }

    /** Whether the export carries {@code column} for this event (an empty value is still present). */
    public boolean has(ProcmonColumn column) {
        return length[column.ordinal()] >= 0;
    }

    public char[] chars() {
        return chars;
    }

    public int start(ProcmonColumn column) {
        return start[column.ordinal()];
    }

    /** The value's length, -1 when the column is absent. */
    public int length(ProcmonColumn column) {
        return length[column.ordinal()];
    }

    /** The value as a new String ("" when absent): for the few values that are kept as text. */
    public String text(ProcmonColumn column) {
        int n = length[column.ordinal()];
        return n <= 0 ? "" : new String(chars, start[column.ordinal()], n);
    }

    /** The process key the export names directly (XML ProcessIndex), or -1 to resolve by PID. */
    public int processKey() {
        return processKey;
    }

    public void processKey(int key) {
        this.processKey = key;
    }

    public int stackId() {
        return stackId;
    }

    public void stackId(int id) {
        this.stackId = id;
    }
}
