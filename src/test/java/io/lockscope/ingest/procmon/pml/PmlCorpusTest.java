package io.lockscope.ingest.procmon.pml;

import io.lockscope.export.ProcmonVersion;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.Trace;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.vocab.DetailFormat;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.model.vocab.NumberStyle;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The oracle test: every PML of the corpus against the CSV procmon exported from it, row by row, as the
 * release that exported it shows an event.
 * Prints the share of equal rows per column; asserts the columns the reader must get exactly right.
 */
class PmlCorpusTest {
    private static final long TICKS_PER_DAY = 864_000_000_000L;
    private static final String CONTROL_CODE = "Control: 0x";

    @TempDir
    Path temp;

    static List<String> pairs() throws IOException {
        return PmlCorpus.pairNames();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void everyEventEqualsProcmonsOwnCsvRow(String name) throws Exception {
        PmlCorpus.Pair pair = PmlCorpus.inflatePair(name, temp);
        Trace trace = new PmlReader().read(pair.pml(), name, ReadOptions.DEFAULT);
        EventStore ev = trace.events();
        ProcmonVersion exporter = PmlCorpus.exportedBy(name);
        Map<String, int[]> columns = new LinkedHashMap<>(); // column -> {equal, compared}
        Map<String, String> firstMismatch = new LinkedHashMap<>();
        int rows = 0;
        try (Reader r = Files.newBufferedReader(pair.csv(), StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r)) {
            String[] headers = csv.getHeaderNames().toArray(new String[0]);
            String timeHeader = headers[0]; // BOM-prefixed "Time of Day"
            boolean hasTid = csv.getHeaderNames().contains("TID");
            for (CSVRecord row : csv) {
                int i = rows++;
                if (i >= ev.size()) {
                    continue;
                }
                ProcessInfo p = trace.process(i);
                compare(columns, firstMismatch, "Operation", i, row.get("Operation"),
                        exporter.operation(ev.operationName(i)));
                compare(columns, firstMismatch, "Path", i, row.get("Path"), ev.path(i));
                compare(columns, firstMismatch, "Result", i, row.get("Result"), NtStatus.name(ev.result(i)));
                compare(columns, firstMismatch, "PID", i, row.get("PID"), Integer.toString(p.pid()));
                compare(columns, firstMismatch, "Process Name", i, row.get("Process Name"), p.name());
                if (hasTid) {
                    compare(columns, firstMismatch, "TID", i, row.get("TID"), Integer.toString(ev.tid(i)));
                }
                compare(columns, firstMismatch, "Duration", i, row.get("Duration"), duration(ev.duration(i)));
                compare(columns, firstMismatch, "Time of Day", i, row.get(timeHeader), timeOfDay(ev.time(i)));
                compareDetail(columns, firstMismatch, i, row.get("Detail"), ev.operation(i),
                        exporter.detail(ev.detail(i)));
            }
        }
        StringJoiner summary = new StringJoiner("\n");
        summary.add(name + ": " + ev.size() + " events, CSV " + rows + " rows, " + trace.report().warningCount()
                + " warnings " + trace.report().warnings());
        columns.forEach((column, n) -> summary.add(String.format("  %-14s %6.2f%% of %d equal%s", column,
                100.0 * n[0] / Math.max(1, n[1]), n[1],
                firstMismatch.containsKey(column) ? "  first mismatch " + firstMismatch.get(column) : "")));
        System.out.println(summary);

        assertEquals(rows, ev.size(), "event count");
        for (String exact : List.of("Operation", "Path", "Result", "PID", "Process Name", "TID", "Duration",
                "Time of Day")) {
            int[] n = columns.get(exact);
            if (n != null) {
                assertEquals(n[1], n[0], exact + " column: " + firstMismatch.get(exact));
            }
        }
        assertTrue(trace.report().skippedTotal() == 0, "no record skipped: " + trace.report().warnings());
        columns.forEach((column, n) -> {
            // known: procmon writes QueryNetworkOpenInformationFile sizes as dates; other families must
            // render as procmon did on nearly every row (impersonated accounts are shown by name, the PML
            // has only the SID)
            if ((column.endsWith(" rendered") && !column.contains("NetworkOpenDetail")) || column.equals("Detail(text)")) {
                assertTrue(n[0] >= 0.95 * n[1], column + ": " + n[0] + " of " + n[1] + ", " + firstMismatch.get(column));
            }
        });
    }

    private static void compare(Map<String, int[]> columns, Map<String, String> firstMismatch, String column,
                                int i, String expected, String actual) {
        int[] n = columns.computeIfAbsent(column, c -> new int[2]);
        n[1]++;
        if (expected.equals(actual)) {
            n[0]++;
        } else {
            firstMismatch.putIfAbsent(column, "event " + i + ": CSV [" + expected + "] PML [" + actual + "]");
        }
    }

    /**
     * Detail: None and Text must equal the CSV text; a typed detail must render (through the shared
     * {@link DetailFormat}) to exactly procmon's text, and equal what {@link DetailFormat#parse} makes
     * of that text when it decodes it. Counted per detail family.
     */
    private static void compareDetail(Map<String, int[]> columns, Map<String, String> firstMismatch, int i,
                                      String csvText, Operation operation, Detail d) {
        compare(columns, firstMismatch, "Detail (all)", i, csvText, DetailFormat.render(operation, d,
                NumberStyle.EN_US));
        if (d instanceof Detail.None) {
            compare(columns, firstMismatch, "Detail(none)", i, csvText, "");
        } else if (d instanceof Detail.Text t && t.text().startsWith(CONTROL_CODE) && !csvText.startsWith(CONTROL_CODE)) {
            // the reader keeps FSCTL/IOCTL codes as numbers; procmon named this one
            columns.computeIfAbsent("Detail(control code procmon named; not compared)", c -> new int[2])[1]++;
        } else if (d instanceof Detail.Text t) {
            compare(columns, firstMismatch, "Detail(text)", i, csvText, t.text());
        } else {
            String family = "Detail(" + d.getClass().getSimpleName() + ")";
            compare(columns, firstMismatch, family + " rendered", i, csvText,
                    DetailFormat.render(operation, d, NumberStyle.EN_US));
            Detail parsed = DetailFormat.parse(operation, csvText, NumberStyle.EN_US);
            if (!(parsed instanceof Detail.Text)) {
                compare(columns, firstMismatch, family + " parsed", i, parsed.toString(), d.toString());
            }
        }
    }

    private static String duration(long ticks) {
        return ticks == EventStore.NO_DURATION ? "" : ProcessDetailDecoder.seconds(ticks);
    }

    /** en-US 12-hour time of day with 7 fraction digits, in UTC ("1:18:10.8939738 AM"). */
    static String timeOfDay(long filetime) {
        long ticksOfDay = Math.floorMod(filetime, TICKS_PER_DAY);
        LocalTime t = LocalTime.ofSecondOfDay(ticksOfDay / 10_000_000L);
        int hour = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        return String.format("%d:%02d:%02d.%07d %s", hour, t.getMinute(), t.getSecond(), ticksOfDay % 10_000_000L,
                t.getHour() < 12 ? "AM" : "PM");
    }
}
