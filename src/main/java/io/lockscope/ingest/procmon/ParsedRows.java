package io.lockscope.ingest.procmon;

import io.lockscope.model.EventClass;
import io.lockscope.model.Operation;
import io.lockscope.model.StringPool;
import io.lockscope.model.detail.Detail;

import java.util.Arrays;

/**
 * Export rows an {@link ExportRowParser} parsed and {@link ExportRowAssembler} has not yet put into the
 * trace, a column per value. A part of a CSV read on another thread waits in these until the rows before
 * it are in the trace. A record that could not be read keeps its place as a {@link Skip}, so that skips
 * are counted in file order too.
 */
public final class ParsedRows {
    /** A record that was skipped: why, the value or text at fault, and where. */
    public record Skip(String reason, String detail, long line, long record) {
    }

    /** The pool the text ids point into: the trace's own, or that of the thread that parsed them. */
    final StringPool strings;
    int size;
    final long[] line;
    final long[] time;
    final long[] relative;
    final long[] duration;
    /** Null for a {@link Skip}. */
    final Operation[] operation;
    final int[] operationText;
    final int[] tid;
    final int[] path;
    final Detail[] detail;
    /** The process the export names (XML ProcessIndex), else -1 and {@link #process} tells it. */
    final int[] processKey;
    final ProcessColumns[] process;
    final int[] result;
    /** -1 when the export has no Result column. */
    final int[] resultText;
    final EventClass[] eventClass;
    final int[] eventClassText;
    final int[] stackId;
    private final Skip[] skip;

    /** Room for {@code capacity} rows, whose texts are ids of {@code strings}. */
    public ParsedRows(StringPool strings, int capacity) {
        this.strings = strings;
        this.line = new long[capacity];
        this.time = new long[capacity];
        this.relative = new long[capacity];
        this.duration = new long[capacity];
        this.operation = new Operation[capacity];
        this.operationText = new int[capacity];
        this.tid = new int[capacity];
        this.path = new int[capacity];
        this.detail = new Detail[capacity];
        this.processKey = new int[capacity];
        this.process = new ProcessColumns[capacity];
        this.result = new int[capacity];
        this.resultText = new int[capacity];
        this.eventClass = new EventClass[capacity];
        this.eventClassText = new int[capacity];
        this.stackId = new int[capacity];
        this.skip = new Skip[capacity];
    }

    public int size() {
        return size;
    }

    public boolean isFull() {
        return size == operation.length;
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
