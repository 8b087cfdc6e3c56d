package io.lockscope.ingest.procmon;

import io.lockscope.model.EventClass;
import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.ReadReport;
import io.lockscope.model.StringPool;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.IoDetail;
import io.lockscope.model.vocab.DetailFormat;
import io.lockscope.model.vocab.IoDetailParser;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.model.vocab.NumberStyle;
import io.lockscope.model.vocab.ProcmonColumn;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.IntObjectHashMap;

import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Parses procmon export rows — one event's column values by procmon column name, whichever subset and
 * order the export has — into {@link ParsedRows}: every value that can be read from the row alone
 * (times, duration, Operation, PID, TID, Path, Detail, the process columns, Result), its texts interned
 * into one pool. What depends on the rows before it (a midnight roll-over, which process instance a PID
 * is, the warnings that count spellings) is {@link ExportRowAssembler}'s, on the trace's thread.
 *
 * <p>The first row settles how the export is written: its columns, its decimal separator and number
 * grouping, its date order. Once they are {@link #settled()}, another parser {@link #forAnotherPart
 * started from this one} parses any later part of the export, on another thread and into another pool,
 * to the same values.
 */
public final class ExportRowParser {
    private static final int DETAIL_SLOTS = 4096;

    private final StringPool strings;
    private final ZoneOffset zone;
    /** Where the first row's finding of no Result column is told; null for a parser of a later part. */
    private final ReadReport report;
    private final IntObjectHashMap<Operation> operationsByText = new IntObjectHashMap<>();
    private final IntIntHashMap resultsByText = new IntIntHashMap();
    private final IntObjectHashMap<EventClass> eventClassesByText = new IntObjectHashMap<>();
    /** The process columns of each PID's latest row (by Process Name without a PID column). */
    private final IntObjectHashMap<ProcessColumns> processByPid = new IntObjectHashMap<>();
    private final IntObjectHashMap<ProcessColumns> processByName = new IntObjectHashMap<>();
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

    /** A parser of an export's first rows, into {@code strings}; {@code zone} as in {@link ExportClock}. */
    public ExportRowParser(StringPool strings, ZoneOffset zone, ReadReport report) {
        this.strings = strings;
        this.zone = zone;
        this.report = report;
    }

    private ExportRowParser(ExportRowParser settled, StringPool strings) {
        this(strings, settled.zone, null);
        this.clock = settled.clock.forAnotherPart();
        this.numberStyle = settled.numberStyle;
        this.numberStyleSettled = true;
        this.ioDetails = new IoDetailParser(numberStyle);
    }

    /**
     * Whether the rows seen so far have settled how every later row is read: a first row was seen, its
     * number style cannot change (a European export may turn out to group with NBSP later) and the date
     * order is known.
     */
    public boolean settled() {
        return clock != null && numberStyleSettled && clock.settled();
    }

    /** A parser of a later part of the same export, into {@code pool}, reading it as this one would. */
    public ExportRowParser forAnotherPart(StringPool pool) {
        if (!settled()) {
            throw new IllegalStateException("the export's style is not settled yet");
        }
        return new ExportRowParser(this, pool);
    }

    /** The pool the texts of the rows it parses are interned into. */
    public StringPool strings() {
        return strings;
    }

    /** The clock that parses times; null before the first row. */
    ExportClock clock() {
        return clock;
    }

    /** The number style Detail is parsed with, detected from the data; null before the first row. */
    NumberStyle numberStyle() {
        return numberStyle;
    }

    /**
     * Adds the event of {@code row} (whose first line in the file is {@code line}) to {@code out}, which
     * must have room; a value that does not parse throws, and nothing is added.
     */
    public void parse(ExportRow row, long line, ParsedRows out) throws BadRowException {
        if (clock == null) {
            start(row);
        }
        long time = clock.parseTime(row);
        long relative = clock.parseRelative(row);
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
        ProcessColumns process = row.processKey() >= 0 ? null : process(row, pid, operation);
        int resultText = row.has(ProcmonColumn.RESULT)
                ? strings.intern(c, row.start(ProcmonColumn.RESULT), row.length(ProcmonColumn.RESULT)) : -1;
        int eventClassText = -1;
        EventClass eventClass = null;
        if (operation == Operation.OTHER) {
            eventClassText = row.has(ProcmonColumn.EVENT_CLASS)
                    ? strings.intern(c, row.start(ProcmonColumn.EVENT_CLASS), row.length(ProcmonColumn.EVENT_CLASS)) : -1;
            eventClass = eventClass(eventClassText);
        }

        int i = out.size++;
        out.line[i] = line;
        out.time[i] = time;
        out.relative[i] = relative;
        out.duration[i] = duration;
        out.operation[i] = operation;
        out.operationText[i] = operationText;
        out.tid[i] = tid;
        out.path[i] = path;
        out.detail[i] = detail;
        out.processKey[i] = row.processKey();
        out.process[i] = process;
        out.resultText[i] = resultText;
        out.result[i] = resultText < 0 ? ExportRowAssembler.UNRECOGNISED_RESULT : result(resultText);
        out.eventClassText[i] = eventClassText;
        out.eventClass[i] = eventClass;
        out.stackId[i] = row.stackId();
    }

    private void start(ExportRow row) {
        clock = new ExportClock(row.has(ProcmonColumn.DATE_AND_TIME), row.has(ProcmonColumn.TIME_OF_DAY),
                row.has(ProcmonColumn.RELATIVE_TIME), zone);
        if (!row.has(ProcmonColumn.RESULT) && report != null) {
            report.warn("the export has no Result column: every result is stored as 0xFFFFFFFF (unknown)");
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

    /**
     * The columns of the row's process. Parent PID and Session are read on every row, so that a row
     * with a damaged one is skipped wherever it falls, not only where it would start a process instance.
     * A Process Start always describes its process anew, and the row after a Process Exit of its PID too:
     * if that begins a new instance, the instance is described by its own first row.
     */
    private ProcessColumns process(ExportRow row, int pid, Operation operation) throws BadRowException {
        int parentPid = ExportValues.optionalInt(row, ProcmonColumn.PARENT_PID);
        int session = ExportValues.optionalInt(row, ProcmonColumn.SESSION);
        IntObjectHashMap<ProcessColumns> latest = processByPid;
        int id = pid;
        if (pid < 0) {
            latest = processByName;
            id = row.has(ProcmonColumn.PROCESS_NAME)
                    ? strings.intern(row.chars(), row.start(ProcmonColumn.PROCESS_NAME), row.length(ProcmonColumn.PROCESS_NAME))
                    : 0;
        }
        ProcessColumns columns = latest.get(id);
        if (columns == null || operation == Operation.PROCESS_START || !columns.sameProcess(row, parentPid)) {
            columns = new ProcessColumns(row, pid, parentPid, session, strings);
            latest.put(id, columns);
        }
        if (operation == Operation.PROCESS_EXIT) {
            latest.remove(id);
        }
        return columns;
    }

    private int result(int text) {
        if (resultsByText.containsKey(text)) {
            return resultsByText.get(text);
        }
        Integer parsed = NtStatus.parse(strings.get(text));
        int code = parsed == null ? ExportRowAssembler.UNRECOGNISED_RESULT : parsed;
        resultsByText.put(text, code);
        return code;
    }

    private EventClass eventClass(int text) {
        if (text < 0) {
            return EventClass.UNKNOWN;
        }
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
