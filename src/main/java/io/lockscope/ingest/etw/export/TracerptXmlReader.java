package io.lockscope.ingest.etw.export;

import com.fasterxml.aalto.UncheckedStreamException;
import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.Confidence;
import io.lockscope.ingest.InputFormat;
import io.lockscope.ingest.etw.kernel.KernelEvent;
import io.lockscope.ingest.text.HeadText;
import io.lockscope.ingest.text.MarkupGapGuard;
import io.lockscope.ingest.text.XmlInput;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads {@code tracerpt trace.etl -of XML} output (etw-formats.md §3.2) with the StAX cursor API
 * (Aalto), one {@code <Event>} at a time:
 * <pre>
 * &lt;Events&gt;&lt;Event&gt;
 *   &lt;System&gt; Provider@Name, EventID, Version, Task, Opcode (number), TimeCreated@SystemTime,
 *       Execution@ProcessID/ThreadID
 *   &lt;EventData&gt;&lt;Data Name="IrpPtr"&gt;0x…&lt;/Data&gt;…   (or &lt;ProcessingErrorData&gt; when tracerpt
 *       could not decode the payload: counted as skipped)
 *   &lt;RenderingInfo&gt; Opcode (name), EventName (the MOF class: FileIo, Process …)
 *   &lt;ExtendedTracingInfo&gt;&lt;EventGuid&gt; the kernel class's task GUID
 * </pre>
 * DTDs and external entities are off and a document with a DOCTYPE is refused; broken XML is a
 * {@link BadInputException.Corrupt} naming line and column.
 */
public final class TracerptXmlReader extends ExportReader {
    static final int MAX_VALUE_CHARS = 1 << 20;
    static final int MAX_MARKUP_GAP = 4 << 20;
    /** Payload fields of one event; kernel classes have a few dozen at most. */
    static final int MAX_DATA_ITEMS = 1024;
    private static final long FILETIME_UNIX_EPOCH_SECONDS = 11_644_473_600L;
    private static final XMLInputFactory FACTORY = XmlInput.newFactory();

    @Override
    public InputFormat format() {
        return InputFormat.TRACERPT_XML;
    }

    @Override
    public Confidence confidence() {
        return Confidence.HEADER;
    }

    @Override
    public boolean sniff(byte[] head, int length) {
        String text = HeadText.of(head, length);
        int events = text.indexOf("<Events");
        int event = text.indexOf("<Event ");
        return events >= 0 && event > events && text.contains("<System>")
                && text.contains("http://schemas.microsoft.com/win/2004/08/events/event");
    }

    @Override
    void stream(Path file, Rows rows, Consumer<ExportedEvent> sink) throws BadInputException, IOException {
        XMLStreamReader x = null;
        try (InputStream in = rows.open(file)) {
            x = FACTORY.createXMLStreamReader(new MarkupGapGuard(in, MAX_MARKUP_GAP));
            while (x.hasNext()) {
                int t = x.next();
                if (t == XMLStreamConstants.DTD) {
                    throw new BadInputException.Unsupported(rows.file, XmlInput.position(x.getLocation()),
                            "a DOCTYPE; tracerpt XML has none and lockscope does not read DTDs");
                }
                if (t == XMLStreamConstants.START_ELEMENT && x.getLocalName().equals("Event")) {
                    long line = x.getLocation().getLineNumber();
                    Parsed p = parseEvent(x, rows.file);
                    if (p.processingError) {
                        rows.bad("event tracerpt could not decode (ProcessingErrorData)", line);
                        continue;
                    }
                    try {
                        sink.accept(p.toEvent(line));
                        rows.good();
                    } catch (BadValueException e) {
                        rows.bad("tracerpt XML event not readable: " + e.getMessage(), line);
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw notWellFormed(rows.file, e);
        } catch (UncheckedStreamException e) {
            // Aalto parses text lazily, in the accessors, and throws this from there
            throw notWellFormed(rows.file, e.getCause() instanceof XMLStreamException cause ? cause
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
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkupGapGuard.GapTooLongException gap) {
                return new BadInputException.Corrupt(file, BadInputException.byteOffset(gap.offset()),
                        "more than " + MAX_MARKUP_GAP + " bytes without markup; no tracerpt value is that long");
            }
        }
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return new BadInputException.Corrupt(file, XmlInput.position(e.getLocation()), "not well-formed XML: " + message);
    }

    /** What one {@code <Event>} says. */
    private static final class Parsed {
        final Map<String, String> data = new HashMap<>();
        String provider = "";
        String eventId = "";
        String opcode = "0";
        String task = "";
        String systemTime = "";
        String processId = "";
        String threadId = "";
        String opcodeName = "";
        String eventName = "";
        String eventGuid = "";
        boolean processingError;

        ExportedEvent toEvent(long line) throws BadValueException {
            long time = fileTime(systemTime);
            int op = (int) NamedFields.parseNumber("Opcode", opcode);
            int pid = processId.isEmpty() ? -1 : (int) NamedFields.parseNumber("ProcessID", processId);
            int tid = threadId.isEmpty() ? -1 : (int) NamedFields.parseNumber("ThreadID", threadId);
            int group = eventGuid.isEmpty() ? KernelClasses.NOT_KERNEL : KernelClasses.byGuid(eventGuid);
            if (group == KernelClasses.NOT_KERNEL && !eventName.isEmpty()) {
                group = KernelClasses.byName(eventName);
            }
            NamedFields fields = new NamedFields(data);
            boolean volumeMapping = op == KernelClasses.VOLUME_MAPPING && (eventName.equalsIgnoreCase(KernelClasses.SYS_CONFIG)
                    || eventGuid.toLowerCase(Locale.ROOT).contains(KernelClasses.SYS_CONFIG_GUID));
            KernelEvent event = volumeMapping ? fields.volumeMapping()
                    : group == KernelClasses.NOT_KERNEL ? null : fields.decode(group, op);
            String task = !eventName.isEmpty() ? eventName : !this.task.isEmpty() ? provider + "/" + this.task : provider;
            String name = task + "/" + (!opcodeName.isEmpty() ? opcodeName : eventId.isEmpty() ? opcode : eventId);
            return ExportedEvent.kernel(time, group, op, name, pid, tid, event, line);
        }

        private static long fileTime(String systemTime) throws BadValueException {
            try {
                // ISO 8601; Windows event XML gives SystemTime in UTC ("Z"), so a time without an offset is taken as UTC
                TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(systemTime);
                Instant t = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? Instant.from(parsed)
                        : LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
                long seconds = t.getEpochSecond() + FILETIME_UNIX_EPOCH_SECONDS;
                return Math.addExact(Math.multiplyExact(seconds, 10_000_000L), t.getNano() / 100);
            } catch (DateTimeException | ArithmeticException e) {
                throw new BadValueException("TimeCreated SystemTime is not a time: \""
                        + NamedFields.shorten(systemTime) + "\"");
            }
        }
    }

    /** Reads from an {@code <Event>} start to its end. */
    private static Parsed parseEvent(XMLStreamReader x, String file) throws XMLStreamException, BadInputException {
        Parsed p = new Parsed();
        String section = "";
        int depth = 1;
        while (depth > 0) {
            int t = x.next();
            if (t == XMLStreamConstants.END_ELEMENT) {
                depth--;
                if (depth == 1) {
                    section = "";
                }
                continue;
            }
            if (t != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            depth++;
            String name = x.getLocalName();
            if (depth == 2) {
                section = name;
                if (name.equals("ProcessingErrorData")) {
                    p.processingError = true;
                }
                continue;
            }
            if (readField(x, p, section, name, file)) {
                depth--; // the field's text was read up to its end element
            }
        }
        return p;
    }

    /**
     * Takes what element {@code name} of section {@code section} says; true when its text was read up to
     * and including its end element.
     */
    private static boolean readField(XMLStreamReader x, Parsed p, String section, String name, String file)
            throws XMLStreamException, BadInputException {
        switch (section + "/" + name) {
            case "System/Provider" -> {
                p.provider = attribute(x, "Name");
                return false;
            }
            case "System/TimeCreated" -> {
                p.systemTime = attribute(x, "SystemTime");
                return false;
            }
            case "System/Execution" -> {
                p.processId = attribute(x, "ProcessID");
                p.threadId = attribute(x, "ThreadID");
                return false;
            }
            case "System/EventID" -> p.eventId = text(x, file).trim();
            case "System/Opcode" -> p.opcode = text(x, file).trim();
            case "System/Task" -> p.task = text(x, file).trim();
            case "EventData/Data" -> {
                String field = x.getAttributeValue(null, "Name");
                String value = text(x, file);
                if (field != null) {
                    p.data.put(field, value.trim());
                }
                if (p.data.size() > MAX_DATA_ITEMS) {
                    throw new BadInputException.Corrupt(file, XmlInput.position(x.getLocation()),
                            "an event with more than " + MAX_DATA_ITEMS + " Data items; not tracerpt's");
                }
            }
            case "RenderingInfo/Opcode" -> p.opcodeName = text(x, file).trim();
            case "RenderingInfo/EventName" -> p.eventName = text(x, file).trim();
            case "ExtendedTracingInfo/EventGuid" -> p.eventGuid = text(x, file).trim();
            default -> {
                return false;
            }
        }
        return true;
    }

    private static String attribute(XMLStreamReader x, String name) {
        String v = x.getAttributeValue(null, name);
        return v == null ? "" : v.trim();
    }

    /** The text of the current element up to its end (which is consumed), at most {@link #MAX_VALUE_CHARS}. */
    private static String text(XMLStreamReader x, String file) throws XMLStreamException, BadInputException {
        StringBuilder b = new StringBuilder();
        for (;;) {
            int t = x.next();
            if (t == XMLStreamConstants.END_ELEMENT) {
                return b.toString();
            }
            if (t == XMLStreamConstants.CHARACTERS || t == XMLStreamConstants.CDATA || t == XMLStreamConstants.SPACE) {
                if (b.length() + x.getTextLength() > MAX_VALUE_CHARS) {
                    throw new BadInputException.Corrupt(file, XmlInput.position(x.getLocation()),
                            "a value longer than " + MAX_VALUE_CHARS + " characters; no tracerpt value is that long");
                }
                b.append(x.getTextCharacters(), x.getTextStart(), x.getTextLength());
            } else if (t == XMLStreamConstants.START_ELEMENT) {
                throw new BadInputException.Corrupt(file, XmlInput.position(x.getLocation()),
                        "element <" + x.getLocalName() + "> inside a value element");
            }
        }
    }
}
