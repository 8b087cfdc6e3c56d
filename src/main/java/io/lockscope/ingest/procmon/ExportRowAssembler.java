package io.lockscope.ingest.procmon;

import io.lockscope.ingest.ReadOptions;
import io.lockscope.model.EventClass;
import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.StringPool;
import io.lockscope.model.TimeBase;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceBuilder;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.IoDetail;
import io.lockscope.model.detail.ProcessDetail;
import io.lockscope.model.vocab.DetailFormat;
import io.lockscope.model.vocab.IoDetailParser;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.model.vocab.NumberStyle;
import io.lockscope.model.vocab.ProcmonColumn;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.IntObjectHashMap;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts procmon export rows — one event's column values by procmon column name, whichever subset and
 * order the export has — into a {@link TraceBuilder}. The CSV and XML readers are tokenizers that feed
 * it; everything that gives the values meaning is here, once: times ({@link ExportClock}), process
 * instances ({@link ExportProcesses}), Operation, Result, Path and Detail.
 *
 * <p>A row is taken whole or not at all: every value is parsed before anything is added, so a
 * {@link BadRowException} leaves the trace as it was and the reader can count the skip.
 */
public final class ExportRowAssembler {
    /**
     * Stored for a Result text that {@link NtStatus#parse} does not know, and when the export has no
     * Result column; each such spelling is named in a warning with its count and first line.
     */
    public static final int UNRECOGNISED_RESULT = 0xFFFFFFFF;
    private static final int DETAIL_SLOTS = 4096;

    private final TraceBuilder builder;
    private final StringPool strings;
    private final ReadOptions options;
    private final ExportProcesses processes;
    private final IntObjectHashMap<Operation> operationsByText = new IntObjectHashMap<>();
    private final IntIntHashMap resultsByText = new IntIntHashMap();
    private final IntObjectHashMap<EventClass> eventClassesByText = new IntObjectHashMap<>();
    private final Map<String, long[]> unrecognisedResults = new LinkedHashMap<>();
    private ExportClock clock;
    private NumberStyle numberStyle;
    private boolean numberStyleSettled;
    /**
     * The Details of recent Detail texts, by operation and text, in slots chosen by the text's hash:
     * a boot log repeats a few thousand texts (a CreateFile's access, disposition and options; a
     * registry query's type and length) over millions of rows, and parsing one and rendering it back to
     * check it was in 45 % of the samples of a JFR profile of batch. A Detail is immutable: rows share it.
     */
    private final ParsedDetail[] parsedDetails = new ParsedDetail[DETAIL_SLOTS];
    /** ReadFile/WriteFile Details, nearly all distinct: read without the cache above. */
    private IoDetailParser ioDetails;

    private record ParsedDetail(Operation operation, char[] text, Detail detail) {
    }

    public ExportRowAssembler(TraceBuilder builder, ReadOptions options) {
        this.builder = builder;
        this.strings = builder.strings();
        this.options = options;
        this.processes = new ExportProcesses(builder);
    }

    /** The time base of the events, known from the first row on; null before it. */
    public TimeBase timeBase() {
        return clock == null ? null : clock.timeBase();
    }

    /** The number style Detail is parsed with, detected from the data; null before the first row. */
    public NumberStyle numberStyle() {
        return numberStyle;
    }

    /**
     * Adds the event of {@code row}; {@code line} (the row's first line in the file) only names it in
     * warnings.
     */
    public void add(ExportRow row, long line) throws BadRowException {
        if (clock == null) {
            start(row);
        }
        long time = clock.eventTime(row);
        long duration = duration(row);
        char[] c = row.chars();
        int operationText = row.has(ProcmonColumn.OPERATION)
                ? strings.intern(c, row.start(ProcmonColumn.OPERATION), row.length(ProcmonColumn.OPERATION)) : 0;
        Operation operation = operation(operationText);
        int pid = ExportValues.optionalInt(row, ProcmonColumn.PID);
        int tid = ExportValues.optionalInt(row, ProcmonColumn.TID);
        int path = row.length(ProcmonColumn.PATH) > 0
                ? strings.intern(c, row.start(ProcmonColumn.PATH), row.length(ProcmonColumn.PATH)) : 0;
        Detail detail = detail(row, operation);
        int process = row.processKey() >= 0 ? row.processKey()
                : processes.resolve(row, pid, operation == Operation.PROCESS_START);
        int result = result(row, line);

        if (operation == Operation.OTHER) {
            builder.addOtherEvent(time, duration, process, tid, strings.get(operationText), eventClass(row),
                    result, path, detail, row.stackId());
        } else {
            builder.addEvent(time, duration, process, tid, operation, result, path, detail, row.stackId());
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
        if (clock == null) {
            clock = new ExportClock(false, false, false, options.zone());
        }
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

    private void start(ExportRow row) {
        clock = new ExportClock(row.has(ProcmonColumn.DATE_AND_TIME), row.has(ProcmonColumn.TIME_OF_DAY),
                row.has(ProcmonColumn.RELATIVE_TIME), options.zone());
        if (!row.has(ProcmonColumn.RESULT)) {
            builder.report().warn("the export has no Result column: every result is stored as 0xFFFFFFFF (unknown)");
        }
        char decimal = 0;
        for (ProcmonColumn timed : new ProcmonColumn[] {ProcmonColumn.TIME_OF_DAY, ProcmonColumn.DURATION,
                ProcmonColumn.RELATIVE_TIME, ProcmonColumn.COMPLETION_TIME}) {
            if (decimal == 0 && row.length(timed) > 0) {
                decimal = ExportClock.decimalSeparator(row.chars(), row.start(timed), row.length(timed));
            }
        }
        // a comma decimal leaves '.' or NBSP as the thousands separator; NBSP is seen in the Details
        numberStyle = decimal == ',' ? NumberStyle.EUROPEAN : NumberStyle.EN_US;
        numberStyleSettled = decimal != ',';
        ioDetails = new IoDetailParser(numberStyle);
    }

    private long duration(ExportRow row) throws BadRowException {
        char[] c = row.chars();
        if (row.has(ProcmonColumn.DURATION)) {
            long d = ExportClock.parseSeconds(c, row.start(ProcmonColumn.DURATION), row.length(ProcmonColumn.DURATION));
            if (d == ExportClock.INVALID) {
                throw BadRowException.value(ProcmonColumn.DURATION, row);
            }
            return d < 0 ? EventStore.NO_DURATION : d;
        }
        if (row.length(ProcmonColumn.COMPLETION_TIME) > 0 && row.length(ProcmonColumn.TIME_OF_DAY) > 0) {
            long end = ExportClock.parseClock(c, row.start(ProcmonColumn.COMPLETION_TIME),
                    row.length(ProcmonColumn.COMPLETION_TIME), true);
            if (end == ExportClock.INVALID) {
                throw BadRowException.value(ProcmonColumn.COMPLETION_TIME, row);
            }
            long begin = ExportClock.parseClock(c, row.start(ProcmonColumn.TIME_OF_DAY),
                    row.length(ProcmonColumn.TIME_OF_DAY), true);
            long d = end - begin;
            return d < 0 ? d + ExportClock.TICKS_PER_DAY : d;
        }
        return EventStore.NO_DURATION;
    }

    private Operation operation(int text) {
        Operation op = operationsByText.get(text);
        if (op == null) {
            op = Operation.fromProcmonName(strings.get(text));
            operationsByText.put(text, op);
        }
        return op;
    }

    private int result(ExportRow row, long line) {
        if (!row.has(ProcmonColumn.RESULT)) {
            return UNRECOGNISED_RESULT;
        }
        int text = strings.intern(row.chars(), row.start(ProcmonColumn.RESULT), row.length(ProcmonColumn.RESULT));
        if (resultsByText.containsKey(text)) {
            int code = resultsByText.get(text);
            if (code == UNRECOGNISED_RESULT) {
                unrecognisedResults.get(strings.get(text))[0]++;
            }
            return code;
        }
        Integer parsed = NtStatus.parse(strings.get(text));
        int code = parsed == null ? UNRECOGNISED_RESULT : parsed;
        if (parsed == null) {
            unrecognisedResults.put(strings.get(text), new long[] {1, line});
        }
        resultsByText.put(text, code);
        return code;
    }

    private EventClass eventClass(ExportRow row) {
        if (!row.has(ProcmonColumn.EVENT_CLASS)) {
            return EventClass.UNKNOWN;
        }
        int text = strings.intern(row.chars(), row.start(ProcmonColumn.EVENT_CLASS), row.length(ProcmonColumn.EVENT_CLASS));
        EventClass c = eventClassesByText.get(text);
        if (c == null) {
            EventClass named = EventClass.fromProcmonName(strings.get(text));
            c = named == null ? EventClass.UNKNOWN : named;
            eventClassesByText.put(text, c);
        }
        return c;
    }

    private Detail detail(ExportRow row, Operation operation) {
        int n = row.length(ProcmonColumn.DETAIL);
        if (n <= 0) {
            return Detail.None.INSTANCE;
        }
        int start = row.start(ProcmonColumn.DETAIL);
        char[] c = row.chars();
        if (!numberStyleSettled && hasNbspGrouping(c, start, n)) {
            numberStyle = NumberStyle.NBSP;
            numberStyleSettled = true;
            Arrays.fill(parsedDetails, null); // parsed in the other number style
            ioDetails = new IoDetailParser(numberStyle);
        }
        if (operation == Operation.READ_FILE || operation == Operation.WRITE_FILE) {
            IoDetail io = ioDetails.parse(c, start, n);
            if (io != null) {
                return io;
            }
        }
        int hash = StringPool.hash(c, start, n) * 31 + operation.ordinal();
        int slot = (hash ^ hash >>> 16) & (DETAIL_SLOTS - 1);
        ParsedDetail seen = parsedDetails[slot];
        if (seen != null && seen.operation() == operation
                && Arrays.equals(seen.text(), 0, seen.text().length, c, start, start + n)) {
            return seen.detail();
        }
        Detail detail = DetailFormat.parse(operation, new String(c, start, n), numberStyle);
        parsedDetails[slot] = new ParsedDetail(operation, Arrays.copyOfRange(c, start, start + n), detail);
        return detail;
    }

    /** Whether a digit, U+00A0 and a digit follow each other: ru-RU's thousands grouping. */
    private static boolean hasNbspGrouping(char[] c, int start, int length) {
        for (int i = start + 1, end = start + length - 1; i < end; i++) {
            if (c[i] == '\u00A0' && Character.isDigit(c[i - 1]) && Character.isDigit(c[i + 1])) {
                return true;
            }
        }
        return false;
    }
}
