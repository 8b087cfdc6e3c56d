package io.lockscope.ingest.procmon;

import io.lockscope.model.EventClass;
import io.lockscope.model.Operation;
import io.lockscope.model.StringPool;
import io.lockscope.model.detail.Detail;

import java.util.Arrays;

/**
 * Export rows an {@link ExportRowParser} parsed and {@link ExportRowAssembler} has not yet put into the
 * trace, a column per value, at most {@link #CAPACITY}. A part of a CSV read on another thread waits
 * in these until the rows before it are in the trace. A record that could not be read keeps its place
 * as a {@link Skip}, so that skips are counted in file order too.
 */
public final class ParsedRows {
    public static final int CAPACITY = 4096;

    /** A record that was skipped: why, the value or text at fault, and where. */
    public record Skip(String reason, String detail, long line, long record) {
    }

    /** The pool the text ids point into: the trace's own, or that of the thread that parsed them. */
    final StringPool strings;
    int size;
    final long[] line = new long[CAPACITY];
    final long[] time = new long[CAPACITY];
    final long[] relative = new long[CAPACITY];
    final long[] duration = new long[CAPACITY];
    /** Null for a {@link Skip}. */
    final Operation[] operation = new Operation[CAPACITY];
    final int[] operationText = new int[CAPACITY];
    final int[] tid = new int[CAPACITY];
    final int[] path = new int[CAPACITY];
    final Detail[] detail = new Detail[CAPACITY];
    /** The process the export names (XML ProcessIndex), else -1 and {@link #process} tells it. */
    final int[] processKey = new int[CAPACITY];
    final ProcessColumns[] process = new ProcessColumns[CAPACITY];
    final int[] result = new int[CAPACITY];
    /** -1 when the export has no Result column. */
    final int[] resultText = new int[CAPACITY];
    final EventClass[] eventClass = new EventClass[CAPACITY];
    final int[] eventClassText = new int[CAPACITY];
    final int[] stackId = new int[CAPACITY];
    private final Skip[] skip = new Skip[CAPACITY];

    public ParsedRows(StringPool strings) {
        this.strings = strings;
    }

    public int size() {
        return size;
    }

    public boolean isFull() {
        return size == CAPACITY;
    }

    /** Forgets the rows (the objects they refer to with them). */
    public void clear() {
        Arrays.fill(detail, 0, size, null);
        Arrays.fill(process, 0, size, null);
        Arrays.fill(skip, 0, size, null);
        size = 0;
    }

    /** Adds a skipped record in its place. */
    public void skip(String reason, String detail, long line, long record) {
        operation[size] = null;
        skip[size++] = new Skip(reason, detail, line, record);
    }

    /** The skip at {@code i}, or null when row {@code i} is an event. */
    public Skip skipAt(int i) {
        return skip[i];
    }
}
