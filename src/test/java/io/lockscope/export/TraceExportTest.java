package io.lockscope.export;

import io.lockscope.export.csv.ProcmonCsvWriter;
import io.lockscope.export.xml.ProcmonXmlWriter;
import io.lockscope.model.Module;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StackTable;
import io.lockscope.model.TimeBase;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceBuilder;
import io.lockscope.model.detail.CreateFileDetail;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.DispositionDetail;
import io.lockscope.model.vocab.NtStatus;
import io.lockscope.model.vocab.ProcmonColumn;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;

import static io.lockscope.export.ExportFixtures.EXPLORER;
import static io.lockscope.export.ExportFixtures.filetime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writing a whole {@link Trace} (what {@code lockscope convert --to csv|xml} does), with typed details. */
class TraceExportTest {
    private static final String PROCMON64 = "C:\\Users\\test\\AppData\\Local\\Temp\\Procmon64.exe";
    private static final Module FLTMGR = new Module(0xfffff80035c70000L, 0x6e000,
            "C:\\Windows\\System32\\drivers\\FLTMGR.SYS", "Microsoft Corporation", "10.0.16299.15", "", 0);

    /** The first three rows of procmon-formats.md §2.5, typed as a reader would store them. */
    private static Trace explorerTrace() {
        TraceBuilder b = new TraceBuilder("sample.pml", "procmon-pml");
        b.timeBase(TimeBase.UTC, ZoneOffset.UTC);
        int explorer = b.addProcess(EXPLORER);
        int path = b.strings().intern(PROCMON64);
        int frame = b.stacks().frameId(new StackTable.Frame(FLTMGR.path(), FLTMGR.base() + 0x3e1b, 0x3e1b, null, true));
        int stack = b.stacks().stackId(new int[]{frame});
        b.addEvent(filetime("2020-07-12T01:18:10.8939738Z"), 120, explorer, 5364, Operation.CREATE_FILE,
                NtStatus.SUCCESS, path, new CreateFileDetail(0x80, 1, 0x200000, 0, 7, -1, 1, null), stack);
        b.addEvent(filetime("2020-07-12T01:18:10.8942326Z"), 40, explorer, 5364, Operation.CLOSE_FILE,
                NtStatus.SUCCESS, path, Detail.None.INSTANCE, StackTable.NONE);
        b.addEvent(filetime("2020-07-12T01:18:12.4714340Z"), 97, explorer, 5364,
                Operation.SET_DISPOSITION_INFORMATION_FILE, NtStatus.SUCCESS, path, new DispositionDetail(true, -1),
                StackTable.NONE);
        return b.build();
    }

    @Test
    void csvOfATraceRendersTypedDetailsAsProcmonDid() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProcmonCsvWriter.write(explorerTrace(), out, ExportOptions.DEFAULT);

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\r\n");
        assertEquals(4, lines.length);
        assertEquals("\"1:18:10.8939738 AM\",\"Explorer.EXE\",\"3596\",\"CreateFile\",\"" + PROCMON64
                + "\",\"SUCCESS\",\"Desired Access: Read Attributes, Disposition: Open, Options: Open Reparse Point, "
                + "Attributes: n/a, ShareMode: Read, Write, Delete, AllocationSize: n/a, OpenResult: Opened\"", lines[1]);
        assertEquals("\"1:18:12.4714340 AM\",\"Explorer.EXE\",\"3596\",\"SetDispositionInformationFile\",\""
                + PROCMON64 + "\",\"SUCCESS\",\"Delete: True\"", lines[3]);
    }

    @Test
    void xmlOfATraceCarriesItsProcessTableAndStacks() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProcmonXmlWriter.write(explorerTrace(), out, ExportOptions.DEFAULT.withStacks(true)
                .withColumns(List.of(ProcmonColumn.OPERATION, ProcmonColumn.CATEGORY)));

        String xml = out.toString(StandardCharsets.UTF_8);
        assertTrue(xml.contains("<ProcessName>Explorer.EXE</ProcessName>"), xml);
        assertTrue(xml.contains("<event><ProcessIndex>0</ProcessIndex><Operation>CreateFile</Operation><Category>"
                + "</Category><stack><frame><depth>0</depth><address>0xfffff80035c73e1b</address>"
                + "<path>C:\\Windows\\System32\\drivers\\FLTMGR.SYS</path><location>FLTMGR.SYS + 0x3e1b</location>"
                + "</frame></stack></event>\r\n"), xml);
        assertTrue(xml.contains("<event><ProcessIndex>0</ProcessIndex><Operation>SetDispositionInformationFile"
                + "</Operation><Category>Write</Category></event>\r\n"), xml);
    }
}
