package io.lockscope.ingest.procmon.xml;

import com.fasterxml.aalto.UncheckedStreamException;
import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.Confidence;
import io.lockscope.ingest.InputFormat;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.ReadProgress;
import io.lockscope.ingest.TraceReader;
import io.lockscope.ingest.procmon.BadRowException;
import io.lockscope.ingest.procmon.ExportRow;
import io.lockscope.ingest.procmon.ExportRowAssembler;
import io.lockscope.ingest.text.HeadText;
import io.lockscope.ingest.text.MarkupGapGuard;
import io.lockscope.ingest.text.XmlInput;
import io.lockscope.model.Module;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StackTable;
import io.lockscope.model.TimeBase;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceBuilder;
import io.lockscope.model.Truncation;
import io.lockscope.model.vocab.ProcmonColumn;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;

import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads procmon's XML export (procmon-formats.md §3) with the StAX cursor API (Aalto):
 * <pre>
 * &lt;procmon&gt;
 *   &lt;processlist&gt;&lt;process&gt;ProcessIndex, ProcessId, …, CreateTime, FinishTime (FILETIME),
 *       &lt;modulelist&gt;&lt;module&gt;Timestamp, BaseAddress, Size, Path, Version, Company, Description …
 *   &lt;eventlist&gt;&lt;event&gt;ProcessIndex, one element per exported column named with "_" for spaces
 *       (Time_of_Day, Process_Name, …), [&lt;stack&gt;&lt;frame&gt;depth, address, path, location …]
 * </pre>
 * Event columns go through the same {@link ExportRowAssembler} as the CSV export. Stack frames are
 * resolved against the event process's modules, then System's (PID 4): offset = address − module
 * base; a frame is kernel when its address is above the 64-bit user range (0x7FFFFFFEFFFF) or its
 * module is one of System's (§3.3).
 *
 * <p>DTDs and external entities are off, and a document with a DOCTYPE is refused outright (no
 * procmon export has one; XXE and entity-expansion attacks need one). Broken XML is fatal (a
 * {@link BadInputException.Corrupt} naming line and column); an event whose values do not parse is
 * skipped and counted with its line.
 */
public final class ProcmonXmlReader implements TraceReader {
    /** A kernel address is above the highest 64-bit user-mode address. */
    static final long HIGHEST_USER_ADDRESS = 0x7FFF_FFFE_FFFFL;
    static final int MAX_VALUE_CHARS = 1 << 20;
    static final int MAX_EVENT_CHARS = 4 << 20;
    private static final int SYSTEM_PID = 4;
    private static final XMLInputFactory FACTORY = XmlInput.newFactory();

    @Override
    public InputFormat format() {
        return InputFormat.PROCMON_XML;
    }

    /** Optional BOM, XML declaration, comments and whitespace, then the {@code <procmon>} root. */
    @Override
    public Confidence confidence() {
        return Confidence.HEADER;
    }

    @Override
    public boolean sniff(byte[] head, int length) {
        String text = HeadText.of(head, length);
        int i = 0;
        for (;;) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (text.startsWith("<?", i)) {
                i = skipPast(text, i, "?>");
            } else if (text.startsWith("<!--", i)) {
                i = skipPast(text, i, "-->");
            } else {
                break;
            }
            if (i < 0) {
                return false;
            }
        }
        int after = i + "<procmon".length();
        return text.startsWith("<procmon", i) && after < text.length()
                && (text.charAt(after) == '>' || Character.isWhitespace(text.charAt(after)));
    }

    private static int skipPast(String text, int from, String end) {
        int at = text.indexOf(end, from);
        return at < 0 ? -1 : at + end.length();
    }

    @Override
    public Trace read(Path file, String displayName, ReadOptions options) throws BadInputException, IOException {
        try (InputStream in = ReadProgress.tracking(Files.newInputStream(file), options.progress()::at)) {
            return read(in, displayName, options);
        }
    }

    /** Reads a procmon XML export from {@code in} (not closed); {@code displayName} names it in errors. */
    public Trace read(InputStream in, String displayName, ReadOptions options) throws BadInputException, IOException {
        XMLStreamReader x = null;
        try {
            EndOfInput end = new EndOfInput(in);
            x = FACTORY.createXMLStreamReader(new MarkupGapGuard(end, MAX_EVENT_CHARS));
            return new Document(x, end, displayName, options).read();
        } catch (XMLStreamException e) {
            throw notWellFormed(displayName, e);
        } catch (UncheckedStreamException e) {
            // Aalto parses text lazily, in the accessors, and throws this from there
            throw notWellFormed(displayName, e.getCause() instanceof XMLStreamException cause ? cause
                    : new XMLStreamException(e.getMessage(), e));
        } finally {
            if (x != null) {
                try {
                    x.close();
                } catch (XMLStreamException | UncheckedStreamException ignored) {
                    // closing a reader over a broken stream reports the same error again
                }
            }
        }
    }

    private static BadInputException notWellFormed(String file, XMLStreamException e) {
        // the parser wraps what the input stream throws
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkupGapGuard.GapTooLongException gap) {
                return new BadInputException.Corrupt(file, BadInputException.byteOffset(gap.offset()), gap.getMessage());
            }
        }
        return new BadInputException.Corrupt(file, XmlInput.position(e.getLocation()),
                "not well-formed XML: " + firstLine(e.getMessage()), e);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String m = message.startsWith("ParseError at") && message.contains("Message: ")
                ? message.substring(message.indexOf("Message: ") + 9) : message;
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }

    /** The state of reading one document. */
    private static final class Document {
        private final XMLStreamReader x;
        private final EndOfInput end;
        private final String file;
        private final TraceBuilder builder;
        private final ExportRowAssembler assembler;
        private final IntIntHashMap keyOfProcessIndex = new IntIntHashMap();
        /** Process key, CreateTime, FinishTime of each process-list entry. */
        private final List<long[]> processTimes = new ArrayList<>();
        private final Map<String, ProcmonColumn> columns = new HashMap<>();
        private final Set<String> ignoredElements = new HashSet<>();
        private final ExportRow row = new ExportRow();
        private final IntArrayList frameIds = new IntArrayList();
        private char[] arena = new char[4096];
        private int arenaLength;
        private ProcessInfo system;
        private long events;
        private long skipped;
        /** Where the first unreadable event was and why, for the error when no event could be read. */
        private String firstSkipWhere;
        private String firstSkip;

        /** The line of the event being read: where a cut upload's last, partial event starts. */
        private long eventLine;
        private boolean cut;

        Document(XMLStreamReader x, EndOfInput end, String file, ReadOptions options) {
            this.x = x;
            this.end = end;
            this.file = file;
            this.builder = options.newTraceBuilder(file, InputFormat.PROCMON_XML);
            this.assembler = new ExportRowAssembler(builder, options);
        }

        Trace read() throws XMLStreamException, BadInputException {
            int event = x.next();
            while (event != XMLStreamConstants.START_ELEMENT) {
                if (event == XMLStreamConstants.DTD) {
                    throw new BadInputException.Unsupported(file, position(),
                            "a DOCTYPE declaration is refused: procmon exports have none, and entities are not expanded");
                }
                if (event == XMLStreamConstants.END_DOCUMENT) {
                    throw new BadInputException.Unsupported(file, null, "no root element");
                }
                event = x.next();
            }
            if (!"procmon".equals(x.getLocalName())) {
                throw new BadInputException.Unsupported(file, position(),
                        "not a procmon XML export: the root element is <" + x.getLocalName() + ">, not <procmon>");
            }
            while (nextChild()) {
                String name = x.getLocalName();
                if ("processlist".equals(name)) {
                    processList();
                } else if ("eventlist".equals(name)) {
                    eventList();
                    if (cut) {
                        break;
                    }
                } else {
                    skipElement();
                }
            }
            if (events == 0 && skipped == 0) {
                throw new BadInputException.Truncated(file, position(), "the export has no <event>");
            }
            if (events == 0) {
                throw new BadInputException.Corrupt(file, firstSkipWhere,
                        "none of the " + skipped + " events could be read; the first: " + firstSkip);
            }
            if (assembler.timeBase() == TimeBase.UTC) {
                useProcessListTimes();
            }
            if (!ignoredElements.isEmpty()) {
                builder.report().warn("event elements that are not procmon columns were ignored: " + ignoredElements);
            }
            return assembler.finish();
        }

        // ---- process list ----

        private void processList() throws XMLStreamException, BadInputException {
            while (nextChild()) {
                if ("process".equals(x.getLocalName())) {
                    process();
                } else {
                    skipElement();
                }
            }
            for (int key = 0; key < builder.processCount(); key++) {
                if (builder.process(key).pid() == SYSTEM_PID) {
                    system = builder.process(key);
                }
            }
        }

        private void process() throws XMLStreamException, BadInputException {
            String where = position();
            Map<String, String> values = new HashMap<>();
            List<Module> modules = new ArrayList<>();
            while (nextChild()) {
                String name = x.getLocalName();
                if ("modulelist".equals(name)) {
                    while (nextChild()) {
                        if ("module".equals(x.getLocalName())) {
                            modules.add(module());
                        } else {
                            skipElement();
                        }
                    }
                } else {
                    values.put(name, text());
                }
            }
            try {
                long index = integer(values, "ProcessIndex", -1);
                long created = integer(values, "CreateTime", 0);
                long finished = integer(values, "FinishTime", 0);
                ProcessInfo p = new ProcessInfo((int) integer(values, "ProcessId", -1),
                        (int) integer(values, "ParentProcessId", -1), values.getOrDefault("ProcessName", ""),
                        values.get("ImagePath"), values.get("CommandLine"), values.get("CompanyName"),
                        values.get("Description"), values.get("Version"), values.get("Owner"),
                        values.get("AuthenticationId"), (int) integer(values, "Session", -1), values.get("Integrity"),
                        flag(values.get("Is64bit")), flag(values.get("IsVirtualized")),
                        ProcessInfo.UNKNOWN_TIME, ProcessInfo.UNKNOWN_TIME, modules);
                int key = builder.addProcess(p);
                processTimes.add(new long[] {key, created, finished});
                if (index >= 0 && index <= Integer.MAX_VALUE) {
                    keyOfProcessIndex.put((int) index, key);
                }
            } catch (NumberFormatException e) {
                throw new BadInputException.Corrupt(file, where, "process entry: " + e.getMessage());
            }
        }

        private Module module() throws XMLStreamException, BadInputException {
            String where = position();
            Map<String, String> values = new HashMap<>();
            while (nextChild()) {
                values.put(x.getLocalName(), text());
            }
            try {
                return new Module(address(values.getOrDefault("BaseAddress", "0")), integer(values, "Size", 0),
                        values.get("Path"), values.get("Company"), values.get("Version"), values.get("Description"),
                        integer(values, "Timestamp", 0));
            } catch (NumberFormatException e) {
                throw new BadInputException.Corrupt(file, where, "module entry: " + e.getMessage());
            }
        }

        /** CreateTime/FinishTime are FILETIMEs (UTC): they are the process times when events are in UTC too. */
        private void useProcessListTimes() {
            for (long[] t : processTimes) {
                int key = (int) t[0];
                ProcessInfo p = builder.process(key);
                builder.updateProcess(key, p.withTimes(t[1] > 0 ? t[1] : p.startTime(), t[2] > 0 ? t[2] : p.endTime()));
            }
        }

        // ---- event list ----

        private void eventList() throws XMLStreamException, BadInputException {
            try {
                while (nextChild()) {
                    if ("event".equals(x.getLocalName())) {
                        event();
                    } else {
                        skipElement();
                    }
                }
            } catch (XMLStreamException | UncheckedStreamException e) {
                if (!end.reached() || events == 0) {
                    throw e;
                }
                // the document stops at the end of the file, not at a mistake: an interrupted upload, whose
                // events before the cut are analysed; what followed is unknown
                builder.report().truncated(new Truncation(Truncation.Unit.LINE, eventLine, 1, true));
                cut = true;
            }
        }

        private void event() throws XMLStreamException, BadInputException {
            long line = x.getLocation().getLineNumber();
            eventLine = line;
            long number = events + skipped + 1;
            row.clear();
            arenaLength = 0;
            frameIds.clear();
            boolean hasStack = false;
            String badProcessIndex = null;
            while (nextChild()) {
                String name = x.getLocalName();
                if ("stack".equals(name)) {
                    hasStack = true;
                    stack();
                } else if ("ProcessIndex".equals(name)) {
                    String index = text();
                    int parsed = parseIndex(index);
                    if (parsed >= 0 && keyOfProcessIndex.containsKey(parsed)) {
                        row.processKey(keyOfProcessIndex.get(parsed));
                    } else {
                        badProcessIndex = index;
                    }
                } else {
                    ProcmonColumn column = columns.computeIfAbsent(name, ProcmonColumn::forName);
                    if (column == null) {
                        ignoredElements.add(name);
                        skipElement();
                    } else {
                        int start = arenaLength;
                        textInto();
                        row.set(column, start, arenaLength - start);
                    }
                }
            }
            row.bind(arena);
            String where = "line " + line + " (event " + number + ")";
            if (badProcessIndex != null) {
                builder.report().warn(where + ": ProcessIndex \"" + badProcessIndex
                        + "\" is not in the process list; the process is found by PID and name");
            }
            if (hasStack) {
                row.stackId(frameIds.isEmpty() ? StackTable.NONE : builder.stacks().stackId(frameIds.toArray()));
            }
            try {
                assembler.add(row, line);
                events++;
            } catch (BadRowException e) {
                if (skipped++ == 0) {
                    firstSkipWhere = where;
                    firstSkip = e.reason() + " (" + e.detail() + ")";
                }
                builder.report().skip(e.reason(), where + ": " + e.detail());
            }
        }

        private void stack() throws XMLStreamException, BadInputException {
            while (nextChild()) {
                if (!"frame".equals(x.getLocalName())) {
                    skipElement();
                    continue;
                }
                String where = position();
                Map<String, String> values = new HashMap<>();
                while (nextChild()) {
                    values.put(x.getLocalName(), text());
                }
                long address;
                try {
                    address = address(values.getOrDefault("address", ""));
                } catch (NumberFormatException e) {
                    throw new BadInputException.Corrupt(file, where, "stack frame address: " + e.getMessage());
                }
                frameIds.add(builder.stacks().frameId(frame(address, values.get("path"), values.get("location"))));
            }
        }

        private StackTable.Frame frame(long address, String path, String location) {
            ProcessInfo owner = row.processKey() >= 0 ? builder.process(row.processKey()) : null;
            Module module = owner == null ? null : owner.moduleAt(address);
            boolean inSystem = false;
            if (module == null && system != null) {
                module = system.moduleAt(address);
                inSystem = module != null;
            }
            boolean kernel = inSystem || Long.compareUnsigned(address, HIGHEST_USER_ADDRESS) > 0;
            String modulePath = module != null ? module.path() : emptyToNull(path);
            long offset = module != null ? address - module.base() : -1;
            return new StackTable.Frame(modulePath, address, offset, emptyToNull(location), kernel);
        }

        // ---- cursor helpers ----

        /** Moves to the next child element of the current element; false at its end tag. */
        private boolean nextChild() throws XMLStreamException {
            for (;;) {
                int e = x.next();
                if (e == XMLStreamConstants.START_ELEMENT) {
                    return true;
                }
                if (e == XMLStreamConstants.END_ELEMENT || e == XMLStreamConstants.END_DOCUMENT) {
                    return false;
                }
            }
        }

        private void skipElement() throws XMLStreamException {
            int depth = 1;
            while (depth > 0) {
                int e = x.next();
                if (e == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (e == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (e == XMLStreamConstants.END_DOCUMENT) {
                    return;
                }
            }
        }

        /** The text of the current element as a String (process list and stack frames). */
        private String text() throws XMLStreamException, BadInputException {
            int start = arenaLength;
            textInto();
            String s = new String(arena, start, arenaLength - start);
            arenaLength = start;
            return s;
        }

        /** Appends the current element's text to the arena; nested elements are skipped. */
        private void textInto() throws XMLStreamException, BadInputException {
            int start = arenaLength;
            for (;;) {
                int e = x.next();
                if (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA || e == XMLStreamConstants.SPACE) {
                    append(x.getTextCharacters(), x.getTextStart(), x.getTextLength(), start);
                } else if (e == XMLStreamConstants.START_ELEMENT) {
                    skipElement();
                } else if (e == XMLStreamConstants.END_ELEMENT || e == XMLStreamConstants.END_DOCUMENT) {
                    return;
                }
            }
        }

        private void append(char[] text, int from, int length, int valueStart) throws BadInputException {
            int needed = arenaLength + length;
            if (needed - valueStart > MAX_VALUE_CHARS) {
                throw new BadInputException.Corrupt(file, position(), "an element's text is longer than "
                        + MAX_VALUE_CHARS + " characters; a procmon export never has one that long");
            }
            if (needed > arena.length) {
                if (needed > MAX_EVENT_CHARS) {
                    throw new BadInputException.Corrupt(file, position(), "an event is longer than "
                            + MAX_EVENT_CHARS + " characters; a procmon export never has one that long");
                }
                arena = Arrays.copyOf(arena, Math.min(MAX_EVENT_CHARS, Math.max(needed, arena.length * 2)));
            }
            System.arraycopy(text, from, arena, arenaLength, length);
            arenaLength = needed;
        }

        private String position() {
            Location l = x.getLocation();
            return "line " + l.getLineNumber() + ", column " + l.getColumnNumber();
        }
    }

    /** Whether the parser has been given the last byte: a parse error after that is the file ending early. */
    private static final class EndOfInput extends FilterInputStream {
        private boolean reached;

        EndOfInput(InputStream in) {
            super(in);
        }

        boolean reached() {
            return reached;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            reached |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            reached |= n < 0;
            return n;
        }
    }

    private static long integer(Map<String, String> values, String name, long absent) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            return absent;
        }
        v = v.trim();
        try {
            return v.startsWith("0x") || v.startsWith("0X") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new NumberFormatException(name + " \"" + v + "\" is not a number");
        }
    }

    /** A hexadecimal address ("0xfffff80035c70000", unsigned 64-bit). */
    private static long address(String text) {
        String v = text.trim();
        if (v.startsWith("0x") || v.startsWith("0X")) {
            v = v.substring(2);
        }
        try {
            return Long.parseUnsignedLong(v, 16);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("\"" + text + "\" is not a hexadecimal address");
        }
    }

    private static int parseIndex(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Boolean flag(String v) {
        return v == null ? null : "1".equals(v.trim()) ? Boolean.TRUE : "0".equals(v.trim()) ? Boolean.FALSE : null;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
