package io.lockscope.ingest.procmon.csv;

import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.procmon.ProcmonCorpus;
import io.lockscope.ingest.text.CsvTokenizerTest;
import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.TimeBase;
import io.lockscope.model.Trace;
import io.lockscope.model.detail.CreateFileDetail;
import io.lockscope.model.detail.LockDetail;
import io.lockscope.model.vocab.NtStatus;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every real CSV in the shared corpus, checked against what Commons CSV reads from the same file. */
class ProcmonCsvCorpusTest {
    private final ProcmonCsvReader reader = new ProcmonCsvReader();

    @Test
    void everyCorpusCsvIngestsEveryRowWithoutSkips() throws Exception {
        for (Path csv : ProcmonCorpus.allCsvs()) {
            List<CSVRecord> rows = oracle(csv);
            Trace t = reader.read(csv, csv.getFileName().toString(), ReadOptions.DEFAULT);
            assertEquals(0, t.report().skippedTotal(), csv + ": " + t.report().warnings());
            assertEquals(List.of(), t.report().warnings(), csv + ": every Result text is a known NTSTATUS");
            assertEquals(rows.size() - 1, t.size(), csv + ": one event per data record");
            int pid = rows.get(0).toList().indexOf("PID");
            int op = rows.get(0).toList().indexOf("Operation");
            int path = rows.get(0).toList().indexOf("Path");
            Set<String> pids = new HashSet<>();
            for (int i = 1; i < rows.size(); i++) {
                pids.add(rows.get(i).get(pid));
                assertEquals(rows.get(i).get(op), t.events().operationName(i - 1), csv + " event " + (i - 1));
                assertEquals(rows.get(i).get(path), t.events().path(i - 1), csv + " event " + (i - 1));
            }
            // no PID is reused in these captures, so one process per PID
            assertEquals(pids.size(), t.processes().size(), csv.toString());
        }
    }

    @Test
    void sixtyFourBitCaptureTimesAndProcessColumns() throws Exception {
        Path csv = ProcmonCorpus.inflated("CompressedLogfileTests64bitUTCCSV");
        List<CSVRecord> rows = oracle(csv);
        List<String> header = rows.get(0).toList();
        Trace t = reader.read(csv, "64.csv", new ReadOptions(ZoneOffset.UTC));
        assertEquals(TimeBase.UTC, t.timeBase());
        EventStore e = t.events();
        for (int i = 1; i < rows.size(); i += 997) {
            CSVRecord r = rows.get(i);
            String when = r.get(header.indexOf("Date & Time")).split(" ")[0] + " " + r.get(header.indexOf("Time of Day"));
            assertEquals(filetime(when), e.time(i - 1), "event " + (i - 1) + " " + when);
            assertEquals(ticks(r.get(header.indexOf("Duration"))), e.duration(i - 1), "event " + (i - 1));
            assertEquals(Integer.parseInt(r.get(header.indexOf("TID"))), e.tid(i - 1));
            String result = r.get(header.indexOf("Result"));
            if (NtStatus.parse(result) != null) {
                assertEquals(NtStatus.parse(result).intValue(), e.result(i - 1));
            }
        }
        // first row: "dwm.exe","932", ... "C:\Windows\system32\dwm.exe","Microsoft Corporation", ...
        ProcessInfo dwm = t.process(0);
        assertEquals(932, dwm.pid());
        assertEquals("dwm.exe", dwm.name());
        assertEquals("C:\\Windows\\system32\\dwm.exe", dwm.imagePath());
        assertEquals("\"dwm.exe\"", dwm.commandLine());
        assertEquals("Microsoft Corporation", dwm.company());
        assertEquals("Desktop Window Manager", dwm.description());
        assertEquals("Window Manager\\DWM-1", dwm.user());
        assertEquals("00000000:0000fde3", dwm.authenticationId());
        assertEquals(1, dwm.session());
        assertEquals("System", dwm.integrity());
        assertEquals(572, dwm.parentPid());
        assertEquals(Boolean.TRUE, dwm.is64bit());
        assertEquals(Boolean.FALSE, dwm.virtualized());

        // notepad 3232 starts (row 6528) and exits (row 19327) inside the capture
        int start = -1;
        int exit = -1;
        for (int i = 0; i < t.size(); i++) {
            if (t.process(i).pid() == 3232 && e.operation(i) == Operation.PROCESS_START) {
                start = i;
            }
            if (t.process(i).pid() == 3232 && e.operation(i) == Operation.PROCESS_EXIT) {
                exit = i;
            }
        }
        assertEquals(6527, start);
        assertEquals(19326, exit);
        ProcessInfo notepad = t.process(start);
        assertEquals(e.time(start), notepad.startTime());
        assertEquals(e.time(exit), notepad.endTime());
        assertEquals(3596, notepad.parentPid());
    }

    @Test
    void thirtyTwoBitCaptureMapsColumnsByName() throws Exception {
        Path csv = ProcmonCorpus.inflated("CompressedLogfileTests32bitUTCCSV");
        Trace t = reader.read(csv, "32.csv", ReadOptions.DEFAULT);
        assertEquals(TimeBase.LOCAL, t.timeBase());
        // first row: "4:33:14.3062614 PM","Explorer.EXE","1320","RegQueryKey","HKCU\Software\Classes","SUCCESS",
        // "Query: Name","1408","Read","7/11/2020 4:33:14 PM", ... "0.0000048", ... "32-bit"
        assertEquals(1408, t.events().tid(0));
        assertEquals(48, t.events().duration(0));
        assertEquals(filetime("7/11/2020 4:33:14.3062614 PM"), t.events().time(0));
        assertEquals(Boolean.FALSE, t.process(0).is64bit());
        assertEquals(1296, t.process(0).parentPid());
    }

    /** Typed values come from DetailFormat (branch vocab): every LockFile and successful CreateFile vs its text. */
    @Test
    void typedDetailsMatchTheirText() throws Exception {
        Path fileSystem = ProcmonCorpus.inflated("CompressedLogFileUTC64FilesystemCSV");
        List<CSVRecord> rows = oracle(fileSystem);
        int detailColumn = rows.get(0).toList().indexOf("Detail");
        Trace t = reader.read(fileSystem, "fs.csv", ReadOptions.DEFAULT);
        Pattern lockText = Pattern.compile("Exclusive: (\\w+), Offset: ([\\d,]+), Length: ([\\d,]+), Fail Immediately: (\\w+)");
        int locks = 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.events().operation(i) != Operation.LOCK_FILE) {
                continue;
            }
            String text = rows.get(i + 1).get(detailColumn);
            Matcher m = lockText.matcher(text);
            assertTrue(m.matches(), text);
            assertEquals(new LockDetail(Long.parseLong(m.group(2).replace(",", "")), Long.parseLong(m.group(3).replace(",", "")),
                    true, Boolean.parseBoolean(m.group(1)), Boolean.parseBoolean(m.group(4))), t.events().detail(i), text);
            locks++;
        }
        assertEquals(1338, locks);

        Path mixed = ProcmonCorpus.inflated("CompressedLogfileTests64bitUTCCSV");
        rows = oracle(mixed);
        detailColumn = rows.get(0).toList().indexOf("Detail");
        t = reader.read(mixed, "64.csv", ReadOptions.DEFAULT);
        Pattern share = Pattern.compile("ShareMode: (.*?), AllocationSize");
        Pattern open = Pattern.compile("OpenResult: (\\w+)");
        List<String> openResults = List.of("Superseded", "Opened", "Created", "Overwritten", "Exists", "DoesNotExist");
        int creates = 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.events().operation(i) != Operation.CREATE_FILE || t.events().result(i) != NtStatus.SUCCESS) {
                continue;
            }
            String text = rows.get(i + 1).get(detailColumn);
            CreateFileDetail c = (CreateFileDetail) t.events().detail(i);
            Matcher s = share.matcher(text);
            assertTrue(s.find(), text);
            int expectedShare = (s.group(1).contains("Read") ? CreateFileDetail.SHARE_READ : 0)
                    | (s.group(1).contains("Write") ? CreateFileDetail.SHARE_WRITE : 0)
                    | (s.group(1).contains("Delete") ? CreateFileDetail.SHARE_DELETE : 0);
            assertEquals(expectedShare, c.shareMode(), text);
            Matcher o = open.matcher(text);
            assertTrue(o.find(), text);
            assertEquals(openResults.indexOf(o.group(1)), c.openResult(), text);
            creates++;
        }
        assertEquals(948, creates);
    }

    static List<CSVRecord> oracle(Path csv) throws Exception {
        try (CSVParser p = CSVParser.parse(CsvTokenizerTest.oracleReader(csv), CSVFormat.DEFAULT)) {
            return new ArrayList<>(p.getRecords());
        }
    }

    /** Independent of the reader: java.time's own parse of "M/d/yyyy h:mm:ss.fffffff a" as UTC. */
    private static long filetime(String enUs) {
        LocalDateTime t = LocalDateTime.parse(enUs, DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss.SSSSSSS a", Locale.US));
        long seconds = t.toEpochSecond(ZoneOffset.UTC) + 11_644_473_600L;
        return seconds * 10_000_000L + t.getNano() / 100;
    }

    private static long ticks(String seconds) {
        return seconds.isEmpty() ? EventStore.NO_DURATION
                : new java.math.BigDecimal(seconds).movePointRight(7).longValueExact();
    }
}
