package io.lockscope.export.xml;

import io.lockscope.export.EventRow;
import io.lockscope.export.EventWriter;
import io.lockscope.export.ExportOptions;
import io.lockscope.export.ProcmonCells;
import io.lockscope.model.Module;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StackTable;
import io.lockscope.model.TimeBase;
import io.lockscope.model.Trace;
import io.lockscope.model.vocab.ProcmonColumn;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes what procmon's "Save… → XML" writes (procmon-formats.md §3.2, verified on a procmon 4.01
 * export): a UTF-8 BOM and CRLF line ends, {@code <procmon>} holding the whole {@code <processlist>}
 * (every process with its {@code <modulelist>}, times as raw FILETIME integers) and then the
 * {@code <eventlist>}, one {@code <event>} per row: {@code <ProcessIndex>} followed by one element per
 * exported column, and with stacks (procmon's {@code /SaveAs1}) a {@code <stack>} of
 * {@code <frame><depth/><address/><path/><location/></frame>}, innermost frame first.
 *
 * <p>Text is escaped as XML needs ({@code & < >}); like procmon, C0 controls other than TAB, CR and LF,
 * C1 controls and each half of a surrogate pair become {@code _} (procmon-formats.md §3.2 quirks).
 * The processes are needed before the first event, so the writer takes them up front; events stream.
 */
public final class ProcmonXmlWriter implements EventWriter {
    private static final int BUFFER_CHARS = 1 << 16;

    private final Writer out;
    private final List<ProcmonColumn> columns;
    private final boolean stacks;
    private final ProcmonCells cells;

    /**
     * Starts the file and writes the process list.
     *
     * @param processes every process the rows refer to; a row's {@code processKey} indexes this list
     */
    public ProcmonXmlWriter(OutputStream out, ExportOptions options, TimeBase timeBase, List<ProcessInfo> processes)
            throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), BUFFER_CHARS);
        this.columns = options.columns();
        this.stacks = options.stacks();
        this.cells = new ProcmonCells(options, timeBase);
        this.out.write("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<procmon>\r\n<processlist>\r\n");
        for (int key = 0; key < processes.size(); key++) {
            process(key, processes);
        }
        this.out.write("</processlist>\r\n<eventlist>\r\n");
    }

    /** Writes every event of {@code trace} to {@code out} (which is closed afterwards). */
    public static void write(Trace trace, OutputStream out, ExportOptions options) throws IOException {
        try (ProcmonXmlWriter w = new ProcmonXmlWriter(out, options, trace.timeBase(), trace.processes().all())) {
            for (int i = 0; i < trace.size(); i++) {
                w.write(EventRow.of(trace, i));
            }
        }
    }

    @Override
    public void write(EventRow row) throws IOException {
        out.write("<event>");
        element("ProcessIndex", Integer.toString(row.processKey()));
        for (ProcmonColumn c : columns) {
            element(c.xmlName(), cells.cell(c, row));
        }
        if (stacks && !row.stack().isEmpty()) {
            out.write("<stack>");
            List<StackTable.Frame> frames = row.stack();
            for (int depth = 0; depth < frames.size(); depth++) {
                frame(depth, frames.get(depth));
            }
            out.write("</stack>");
        }
        out.write("</event>\r\n");
    }

    private void frame(int depth, StackTable.Frame f) throws IOException {
        out.write("<frame>");
        element("depth", Integer.toString(depth));
        element("address", hex(f.address()));
        if (f.module() != null) {
            element("path", f.module());
        }
        String location = f.location();
        if (location == null && f.module() != null && f.offset() >= 0) {
            location = f.moduleFileName() + " + " + hex(f.offset());
        }
        if (location != null) {
            element("location", location);
        }
        out.write("</frame>");
    }

    private void process(int key, List<ProcessInfo> processes) throws IOException {
        ProcessInfo p = processes.get(key);
        out.write("<process>");
        element("ProcessIndex", Integer.toString(key));
        element("ProcessId", Integer.toString(p.pid()));
        element("ParentProcessId", Integer.toString(Math.max(p.parentPid(), 0)));
        element("ParentProcessIndex", Integer.toString(parentKey(key, processes)));
        element("AuthenticationId", p.authenticationId());
        element("CreateTime", Long.toString(filetime(p.startTime())));
        element("FinishTime", Long.toString(filetime(p.endTime())));
        element("IsVirtualized", Boolean.TRUE.equals(p.virtualized()) ? "1" : "0");
        element("Is64bit", Boolean.FALSE.equals(p.is64bit()) ? "0" : "1");
        element("Integrity", p.integrity());
        element("Owner", p.user());
        element("ProcessName", p.name());
        element("ImagePath", p.imagePath());
        element("CommandLine", p.commandLine());
        element("CompanyName", p.company());
        element("Version", p.version());
        element("Description", p.description());
        out.write("<modulelist>");
        for (Module m : p.modules()) {
            out.write("<module>");
            element("Timestamp", Long.toString(m.timestamp()));
            element("BaseAddress", hex(m.base()));
            element("Size", Long.toString(m.size()));
            element("Path", m.path());
            element("Version", m.version());
            element("Company", m.company());
            element("Description", m.description());
            out.write("</module>");
        }
        out.write("</modulelist></process>\r\n");
    }

    /**
     * The key of the process instance that was {@code key}'s parent: the latest-started instance with the
     * parent PID that started no later than the child (PIDs are reused), or -1 when none is known.
     */
    private static int parentKey(int key, List<ProcessInfo> processes) {
        ProcessInfo child = processes.get(key);
        int best = -1;
        for (int k = 0; k < processes.size(); k++) {
            ProcessInfo p = processes.get(k);
            if (k == key || p.pid() != child.parentPid()) {
                continue;
            }
            boolean startedBefore = child.startTime() == ProcessInfo.UNKNOWN_TIME
                    || p.startTime() == ProcessInfo.UNKNOWN_TIME || p.startTime() <= child.startTime();
            if (startedBefore && (best < 0 || processes.get(best).startTime() < p.startTime())) {
                best = k;
            }
        }
        return best;
    }

    private static long filetime(long time) {
        return time == ProcessInfo.UNKNOWN_TIME ? 0 : time;
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    private void element(String name, String text) throws IOException {
        out.write('<');
        out.write(name);
        out.write('>');
        if (text != null) {
            escape(text);
        }
        out.write("</");
        out.write(name);
        out.write('>');
    }

    private void escape(String s) throws IOException {
        int from = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            String replacement = replacement(c);
            if (replacement != null) {
                out.write(s, from, i - from);
                out.write(replacement);
                from = i + 1;
            }
        }
        out.write(s, from, s.length() - from);
    }

    private static String replacement(char c) {
        if (c == '&') {
            return "&amp;";
        }
        if (c == '<') {
            return "&lt;";
        }
        if (c == '>') {
            return "&gt;";
        }
        boolean c0 = c < 0x20 && c != '\t' && c != '\r' && c != '\n';
        boolean c1 = c >= 0x80 && c <= 0x9F;
        return c0 || c1 || Character.isSurrogate(c) ? "_" : null;
    }

    @Override
    public void close() throws IOException {
        out.write("</eventlist>\r\n</procmon>\r\n");
        out.close();
    }
}
