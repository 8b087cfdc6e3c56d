package io.lockscope.ingest.procmon;

import io.lockscope.ingest.ReadOptions;
import io.lockscope.model.Operation;
import io.lockscope.model.PoolIds;
import io.lockscope.model.StringPool;
import io.lockscope.model.TimeBase;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceBuilder;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.ProcessDetail;
import io.lockscope.model.vocab.NumberStyle;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * Puts procmon export rows into a {@link TraceBuilder}, in file order. The CSV and XML readers are
 * tokenizers that feed it; everything that gives the values meaning is here and in its
 * {@link ExportRowParser}, once: times ({@link ExportClock}), process instances ({@link ExportProcesses}),
 * Operation, Result, Path and Detail.
 *
 * <p>A row is taken whole or not at all: every value is parsed before anything is added, so a
 * {@link BadRowException} leaves the trace as it was and the reader can count the skip.
 */
public final class ExportRowAssembler {
    /**
     * Stored for a Result text that {@link io.lockscope.model.vocab.NtStatus#parse} does not know, and when
     * the export has no Result column; each such spelling is named in a warning with its count and first line.
     */
    public static final int UNRECOGNISED_RESULT = 0xFFFFFFFF;
    /** Text ids of rows parsed into this trace's pool. */
    private static final IntUnaryOperator SAME_POOL = id -> id;

    private final TraceBuilder builder;
    private final StringPool strings;
    private final ReadOptions options;
    private final ExportProcesses processes;
    private final ExportRowParser parser;
    private final ParsedRows one;
    private final Map<String, long[]> unrecognisedResults = new LinkedHashMap<>();
    /** The ids here of the texts of the other pools seen (one per thread that parses parts of the export). */
    private final Map<StringPool, PoolIds> idsByPool = new IdentityHashMap<>();
    /** Those of the pool seen last. */
    private PoolIds otherIds;

    public ExportRowAssembler(TraceBuilder builder, ReadOptions options) {
        this.builder = builder;
        this.strings = builder.strings();
        this.options = options;
        this.processes = new ExportProcesses(builder);
        this.parser = new ExportRowParser(strings, options.zone(), builder.report());
        this.one = new ParsedRows(strings, 1);
    }

    /** The parser of this trace's rows, interning into its pool; rows it parsed are put in by {@link #add(ParsedRows, int, long)}. */
    public ExportRowParser parser() {
        return parser;
    }

    /** The time base of the events, known from the first row on; null before it. */
    public TimeBase timeBase() {
        return parser.clock() == null ? null : parser.clock().timeBase();
    }

    /** The number style Detail is parsed with, detected from the data; null before the first row. */
    public NumberStyle numberStyle() {
        return parser.numberStyle();
    }

    /**
     * Adds the event of {@code row}; {@code line} (the row's first line in the file) only names it in
     * warnings.
     */
    public void add(ExportRow row, long line) throws BadRowException {
        one.clear();
        parser.parse(row, line, one);
        add(one, 0, 0);
    }

    /**
     * Adds event {@code i} of {@code rows} (not a skip), parsed by {@link #parser()} or a parser of a later
     * part of the export; rows must be added in file order. {@code lineOffset} is added to the rows' line
     * numbers (a part's are counted from its start).
     */
    public void add(ParsedRows rows, int i, long lineOffset) {
        IntUnaryOperator ids = SAME_POOL;
        if (rows.strings != strings) {
            if (otherIds == null || otherIds.from() != rows.strings) {
                otherIds = idsByPool.computeIfAbsent(rows.strings, pool -> new PoolIds(pool, strings));
            }
            ids = otherIds;
        }
        // texts are put into the trace's pool in the order a single parser would have interned them
        int operationText = ids.applyAsInt(rows.operationText[i]);
        Operation operation = rows.operation[i];
        int path = ids.applyAsInt(rows.path[i]);
        int process = rows.processKey[i] >= 0 ? rows.processKey[i]
                : processes.resolve(rows.process[i], operation == Operation.PROCESS_START, ids);
        int result = rows.result[i];
        int resultText = ids.applyAsInt(rows.resultText[i]);
        if (result == UNRECOGNISED_RESULT && resultText >= 0) {
            unrecognisedResults.computeIfAbsent(strings.get(resultText), k -> new long[] {0, rows.line[i] + lineOffset})[0]++;
        }
        long time = parser.clock().eventTime(rows.time[i], rows.relative[i]);
        Detail detail = rows.detail[i];
        if (operation == Operation.OTHER) {
            ids.applyAsInt(rows.eventClassText[i]);
            builder.addOtherEvent(time, rows.duration[i], process, rows.tid[i], strings.get(operationText),
                    rows.eventClass[i], result, path, detail, rows.stackId[i]);
        } else {
            builder.addEvent(time, rows.duration[i], process, rows.tid[i], operation, result, path, detail, rows.stackId[i]);
        }
        if (operation == Operation.PROCESS_START) {
            processes.started(process, time, detail instanceof ProcessDetail start ? start : null);
        } else if (operation == Operation.PROCESS_EXIT) {
            processes.exited(process, time);
        } else if (operation == Operation.PROCESS_CREATE && detail instanceof ProcessDetail create && create.pid() >= 0) {
            processes.created(create.pid());
        }
    }

    /** Builds the trace, after naming in warnings what was stored without being understood. */
    public Trace finish() {
        ExportClock clock = parser.clock() != null ? parser.clock() : new ExportClock(false, false, false, options.zone());
        if (clock.timeless()) {
            builder.report().warn("the export has no Time of Day, Date & Time or Relative Time column: "
                    + "events keep their order, all at time 0");
        }
        for (Map.Entry<String, long[]> e : unrecognisedResults.entrySet()) {
            builder.report().warn("Result \"" + e.getKey() + "\" is not a known NTSTATUS text: "
                    + e.getValue()[0] + " events (first at line " + e.getValue()[1] + ") stored as 0xFFFFFFFF");
        }
        builder.timeBase(clock.timeBase(), options.zone());
        return builder.build();
    }
}
