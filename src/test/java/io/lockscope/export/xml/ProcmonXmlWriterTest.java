package io.lockscope.export.xml;

import io.lockscope.export.EventRow;
import io.lockscope.export.ExportOptions;
import io.lockscope.model.Module;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StackTable;
import io.lockscope.model.TimeBase;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.model.vocab.ProcmonColumn;
import org.junit.jupiter.api.Test;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.lockscope.export.ExportFixtures.filetime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcmonXmlWriterTest {
    private static final Module FLTMGR = new Module(0xfffff80035c70000L, 0x6e000, "C:\\Windows\\System32\\drivers\\FLTMGR.SYS",
            "Microsoft Corporation", "10.0.17763.1", "Microsoft Filesystem Filter Manager", 0);
    private static final ProcessInfo SYSTEM = new ProcessInfo(4, 0, "System", "System", "", "", "", "",
            "NT AUTHORITY\\SYSTEM", "00000000:000003e7", 0, "System", true, false,
            filetime("2022-08-10T01:17:40Z"), ProcessInfo.UNKNOWN_TIME, List.of(FLTMGR));
    private static final ProcessInfo TIWORKER = new ProcessInfo(3120, 4, "TiWorker.exe", "C:\\TiWorker.exe",
            "TiWorker.exe -Embedding", "Microsoft Corporation", "Windows Modules Installer Worker", "10.0.17763.3287",
            "NT AUTHORITY\\SYSTEM", "00000000:000003e7", 0, "System", true, false,
            filetime("2022-08-10T01:18:12Z"), filetime("2022-08-10T01:19:00Z"), List.of());

    private static String write(ExportOptions options, List<ProcessInfo> processes, EventRow... rows) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ProcmonXmlWriter w = new ProcmonXmlWriter(bytes, options, TimeBase.UTC, processes)) {
            for (EventRow r : rows) {
                w.write(r);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static EventRow failingDelete(List<StackTable.Frame> stack) {
        return EventRow.of(filetime("2022-08-10T01:18:34.2000000Z"), 1, TIWORKER, 3124, Operation.CREATE_FILE,
                "C:\\Windows\\oposdrv.dll", NtStatus.SHARING_VIOLATION, new Detail.Text("Desired Access: Delete"),
                211, stack);
    }

    @Test
    void writesProcessListModulesEventColumnsAndStackFrames() throws IOException {
        List<StackTable.Frame> stack = List.of(
                new StackTable.Frame(FLTMGR.path(), FLTMGR.base() + 0x3e1b, 0x3e1b, null, true),
                new StackTable.Frame(null, 0x7ffe12345678L, -1, null, false));
        ExportOptions options = ExportOptions.DEFAULT.withStacks(true)
                .withColumns(List.of(ProcmonColumn.TIME_OF_DAY, ProcmonColumn.PROCESS_NAME, ProcmonColumn.PID,
                        ProcmonColumn.OPERATION, ProcmonColumn.PATH, ProcmonColumn.RESULT, ProcmonColumn.DATE_AND_TIME));

        String xml = write(options, List.of(SYSTEM, TIWORKER), failingDelete(stack));

        assertEquals("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<procmon>\r\n<processlist>\r\n"
                + "<process><ProcessIndex>0</ProcessIndex><ProcessId>4</ProcessId><ParentProcessId>0</ParentProcessId>"
                + "<ParentProcessIndex>-1</ParentProcessIndex><AuthenticationId>00000000:000003e7</AuthenticationId>"
                + "<CreateTime>" + filetime("2022-08-10T01:17:40Z") + "</CreateTime><FinishTime>0</FinishTime>"
                + "<IsVirtualized>0</IsVirtualized><Is64bit>1</Is64bit><Integrity>System</Integrity>"
                + "<Owner>NT AUTHORITY\\SYSTEM</Owner><ProcessName>System</ProcessName><ImagePath>System</ImagePath>"
                + "<CommandLine></CommandLine><CompanyName></CompanyName><Version></Version><Description></Description>"
                + "<modulelist><module><Timestamp>0</Timestamp><BaseAddress>0xfffff80035c70000</BaseAddress>"
                + "<Size>450560</Size><Path>C:\\Windows\\System32\\drivers\\FLTMGR.SYS</Path>"
                + "<Version>10.0.17763.1</Version><Company>Microsoft Corporation</Company>"
                + "<Description>Microsoft Filesystem Filter Manager</Description></module></modulelist></process>\r\n"
                + "<process><ProcessIndex>1</ProcessIndex><ProcessId>3120</ProcessId><ParentProcessId>4</ParentProcessId>"
                + "<ParentProcessIndex>0</ParentProcessIndex><AuthenticationId>00000000:000003e7</AuthenticationId>"
                + "<CreateTime>" + filetime("2022-08-10T01:18:12Z") + "</CreateTime>"
                + "<FinishTime>" + filetime("2022-08-10T01:19:00Z") + "</FinishTime>"
                + "<IsVirtualized>0</IsVirtualized><Is64bit>1</Is64bit><Integrity>System</Integrity>"
                + "<Owner>NT AUTHORITY\\SYSTEM</Owner><ProcessName>TiWorker.exe</ProcessName>"
                + "<ImagePath>C:\\TiWorker.exe</ImagePath><CommandLine>TiWorker.exe -Embedding</CommandLine>"
                + "<CompanyName>Microsoft Corporation</CompanyName><Version>10.0.17763.3287</Version>"
                + "<Description>Windows Modules Installer Worker</Description><modulelist></modulelist></process>\r\n"
                + "</processlist>\r\n<eventlist>\r\n"
                + "<event><ProcessIndex>1</ProcessIndex><Time_of_Day>1:18:34.2000000 AM</Time_of_Day>"
                + "<Process_Name>TiWorker.exe</Process_Name><PID>3120</PID><Operation>CreateFile</Operation>"
                + "<Path>C:\\Windows\\oposdrv.dll</Path><Result>SHARING VIOLATION</Result>"
                + "<Date__Time>8/10/2022 1:18:34 AM</Date__Time>"
                + "<stack><frame><depth>0</depth><address>0xfffff80035c73e1b</address>"
                + "<path>C:\\Windows\\System32\\drivers\\FLTMGR.SYS</path><location>FLTMGR.SYS + 0x3e1b</location></frame>"
                + "<frame><depth>1</depth><address>0x7ffe12345678</address></frame></stack></event>\r\n"
                + "</eventlist>\r\n</procmon>\r\n", xml);
    }

    @Test
    void stacksAreLeftOutUnlessAskedFor() throws IOException {
        List<StackTable.Frame> stack = List.of(new StackTable.Frame(FLTMGR.path(), FLTMGR.base() + 1, 1, null, true));

        String xml = write(ExportOptions.DEFAULT, List.of(SYSTEM, TIWORKER), failingDelete(stack));

        assertEquals(-1, xml.indexOf("<stack>"));
    }

    @Test
    void escapesMarkupAndReplacesControlsAndSurrogatesLikeProcmon() throws IOException, XMLStreamException {
        String path = "C:\\a&b<c>\u0001d\u0085e\uD83D\uDE00f\tg";
        EventRow row = EventRow.of(filetime("2022-08-10T01:18:34Z"), 1, TIWORKER, 1, Operation.CLOSE_FILE, path,
                NtStatus.SUCCESS, Detail.None.INSTANCE, 0, List.of());
        ExportOptions pathOnly = ExportOptions.DEFAULT.withColumns(List.of(ProcmonColumn.PATH));

        String xml = write(pathOnly, List.of(SYSTEM, TIWORKER), row);

        String expectedElement = "<Path>C:\\a&amp;b&lt;c&gt;_d_e__f\tg</Path>";
        assertTrue(xml.contains(expectedElement), xml);
        List<String> paths = textsOf(xml, "Path");
        // the module path of System comes first, the event's path last
        assertEquals("C:\\a&b<c>_d_e__f\tg", paths.get(paths.size() - 1));
    }

    /** Parses with the JDK's StAX (DTDs and external entities off) and collects the texts of {@code element}. */
    static List<String> textsOf(String xml, String element) throws XMLStreamException {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader r = f.createXMLStreamReader(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        List<String> texts = new ArrayList<>();
        while (r.hasNext()) {
            if (r.next() == XMLStreamReader.START_ELEMENT && r.getLocalName().equals(element)) {
                texts.add(r.getElementText());
            }
        }
        return texts;
    }
}
