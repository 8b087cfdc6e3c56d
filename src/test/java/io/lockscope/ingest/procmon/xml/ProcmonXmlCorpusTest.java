package io.lockscope.ingest.procmon.xml;

import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.procmon.ProcmonCorpus;
import io.lockscope.ingest.procmon.csv.ProcmonCsvReader;
import io.lockscope.model.EventStore;
import io.lockscope.model.Trace;
import io.lockscope.model.vocab.ProcmonColumn;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * No public procmon XML export of a real capture exists, so the largest real CSV is rewritten as the
 * XML export of §3.2 (a process list of its processes, one {@code <event>} per row, columns as
 * elements with "_" for spaces) and both are read: the two tokenizers must give the same model.
 */
class ProcmonXmlCorpusTest {

    @Test
    void theXmlFormOfARealCaptureReadsLikeItsCsv(@TempDir Path dir) throws Exception {
        Path csv = ProcmonCorpus.inflated("CompressedLogfileTests64bitUTCCSV");
        Path xml = dir.resolve("capture.xml");
        writeXml(csv, xml);
        Trace fromCsv = new ProcmonCsvReader().read(csv, "capture.csv", ReadOptions.DEFAULT);
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        Trace fromXml = new ProcmonXmlReader().read(xml, "capture.xml", ReadOptions.DEFAULT);
        cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu;
        assertEquals(0, fromXml.report().skippedTotal(), fromXml.report().warnings().toString());
        assertEquals(fromCsv.size(), fromXml.size());
        assertEquals(fromCsv.timeBase(), fromXml.timeBase());
        EventStore a = fromCsv.events();
        EventStore b = fromXml.events();
        for (int i = 0; i < fromCsv.size(); i++) {
            String where = "event " + i;
            assertEquals(a.time(i), b.time(i), where);
            assertEquals(a.duration(i), b.duration(i), where);
            assertEquals(a.operationName(i), b.operationName(i), where);
            assertEquals(a.result(i), b.result(i), where);
            assertEquals(a.path(i), b.path(i), where);
            assertEquals(a.tid(i), b.tid(i), where);
            assertEquals(a.detail(i), b.detail(i), where);
            assertEquals(fromCsv.process(i).pid(), fromXml.process(i).pid(), where);
            assertEquals(fromCsv.process(i).imagePath(), fromXml.process(i).imagePath(), where);
            assertEquals(fromCsv.process(i).startTime(), fromXml.process(i).startTime(), where);
        }
        System.out.printf("procmon XML: %.1f MB read into the model in %.2f s CPU (one cold run: %.0f MB/s)%n",
                Files.size(xml) / 1e6, cpu / 1e9, Files.size(xml) / 1e3 / (cpu / 1e6));
    }

    /** The XML export of {@code csv}: process index = order of first appearance of each PID. */
    private static void writeXml(Path csv, Path xml) throws Exception {
        List<CSVRecord> rows;
        Reader text = new InputStreamReader(Files.newInputStream(csv), StandardCharsets.UTF_8);
        assertEquals('\uFEFF', text.read(), "procmon writes a UTF-8 BOM");
        try (CSVParser p = CSVParser.parse(text, CSVFormat.DEFAULT)) {
            rows = p.getRecords();
        }
        List<String> header = rows.get(0).toList();
        Map<String, Integer> processIndex = new LinkedHashMap<>();
        Map<String, CSVRecord> firstRow = new LinkedHashMap<>();
        for (CSVRecord r : rows.subList(1, rows.size())) {
            String pid = r.get(header.indexOf("PID"));
            processIndex.putIfAbsent(pid, processIndex.size());
            firstRow.putIfAbsent(pid, r);
        }
        try (Writer w = Files.newBufferedWriter(xml, StandardCharsets.UTF_8)) {
            w.write("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<procmon>\r\n<processlist>\r\n");
            for (Map.Entry<String, CSVRecord> e : firstRow.entrySet()) {
                CSVRecord r = e.getValue();
                w.write("<process><ProcessIndex>" + processIndex.get(e.getKey()) + "</ProcessIndex><ProcessId>" + e.getKey()
                        + "</ProcessId><ParentProcessId>" + r.get(header.indexOf("Parent PID")) + "</ParentProcessId>"
                        + "<ProcessName>" + escape(r.get(header.indexOf("Process Name"))) + "</ProcessName><ImagePath>"
                        + escape(r.get(header.indexOf("Image Path"))) + "</ImagePath><modulelist></modulelist></process>\r\n");
            }
            w.write("</processlist>\r\n<eventlist>\r\n");
            for (CSVRecord r : rows.subList(1, rows.size())) {
                w.write("<event><ProcessIndex>" + processIndex.get(r.get(header.indexOf("PID"))) + "</ProcessIndex>");
                for (int c = 0; c < header.size(); c++) {
                    String tag = ProcmonColumn.forName(header.get(c)) == ProcmonColumn.DATE_AND_TIME
                            ? "Date_and_Time" : header.get(c).replace(' ', '_');
                    w.write("<" + tag + ">" + escape(r.get(c)) + "</" + tag + ">");
                }
                w.write("</event>\r\n");
            }
            w.write("</eventlist>\r\n</procmon>\r\n");
        }
    }

    /** XML text escaping; CR as a reference, since a parser turns a raw CR into LF. */
    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;");
    }
}
