package io.lockscope.export;

import io.lockscope.model.EventClass;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.TimeBase;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.DispositionDetail;
import io.lockscope.model.detail.SizeDetail;
import io.lockscope.model.vocab.ProcmonColumn;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** procmon's Category column by IRP major function and control code, as the corpus CSVs show it. */
class ProcmonCategoryTest {
    private static final Detail NONE = Detail.None.INSTANCE;

    @Test
    void fileSystemOperationsFollowTheirMajorFunction() {
        assertEquals("Read Metadata", ProcmonCategory.of(Operation.QUERY_SECURITY_FILE, NONE));
        assertEquals("Read Metadata", ProcmonCategory.of(Operation.QUERY_DIRECTORY, NONE));
        assertEquals("Read Metadata", ProcmonCategory.of(Operation.NOTIFY_CHANGE_DIRECTORY, NONE));
        assertEquals("Read Metadata", ProcmonCategory.of(Operation.QUERY_EA_FILE, NONE));
        assertEquals("Read Metadata", ProcmonCategory.of(Operation.QUERY_ALL_INFORMATION_FILE, NONE));
        assertEquals("Read Metadata", ProcmonCategory.of(Operation.QUERY_NAME_INFORMATION_FILE, NONE));
        assertEquals("Write Metadata", ProcmonCategory.of(Operation.SET_SECURITY_FILE, NONE));
        assertEquals("Write Metadata", ProcmonCategory.of(Operation.SET_EA_FILE, NONE));
        assertEquals("Write Metadata", ProcmonCategory.of(Operation.SET_END_OF_FILE_INFORMATION_FILE, new SizeDetail(0)));
        assertEquals("Write Metadata", ProcmonCategory.of(Operation.SET_ALLOCATION_INFORMATION_FILE, new SizeDetail(0)));
        assertEquals("Write", ProcmonCategory.of(Operation.SET_DISPOSITION_INFORMATION_FILE,
                new DispositionDetail(true, -1)));
        assertEquals("", ProcmonCategory.of(Operation.QUERY_INFORMATION_VOLUME, NONE));
        assertEquals("", ProcmonCategory.of(Operation.CLOSE_FILE, NONE));
        assertEquals("", ProcmonCategory.of(Operation.DEVICE_IO_CONTROL, new Detail.Text("Control: IOCTL_DISK_GET_DRIVE_GEOMETRY")));
    }

    @Test
    void unnamedInformationClassesFollowTheMajorTheReaderTypedThemAs() {
        assertEquals("Write Metadata", ProcmonCategory.of(Operation.SET_INFORMATION_FILE, NONE));
        assertEquals("Read Metadata", ProcmonCategory.of(Operation.QUERY_INFORMATION_FILE, NONE));
        assertEquals("", ProcmonCategory.of(Operation.QUERY_VOLUME_INFORMATION, NONE));
        assertEquals("", ProcmonCategory.of(Operation.OTHER, NONE), "an untyped <Unknown> has no major to follow");
    }

    @Test
    void fileSystemControlFollowsItsControlCode() {
        assertEquals("Read", ProcmonCategory.of(Operation.FILE_SYSTEM_CONTROL,
                new Detail.Text("Control: FSCTL_GET_REPARSE_POINT")));
        assertEquals("Read", ProcmonCategory.of(Operation.FILE_SYSTEM_CONTROL,
                new Detail.Text("Control: FSCTL_OFFLOAD_READ, Offset: 0, Length: 2,097,152")));
        assertEquals("Read Metadata", ProcmonCategory.of(Operation.FILE_SYSTEM_CONTROL,
                new Detail.Text("Control: FSCTL_READ_USN_JOURNAL")));
        assertEquals("Write Metadata", ProcmonCategory.of(Operation.FILE_SYSTEM_CONTROL,
                new Detail.Text("Control: FSCTL_SET_COMPRESSION")));
        assertEquals("", ProcmonCategory.of(Operation.FILE_SYSTEM_CONTROL, new Detail.Text("Control: FSCTL_REQUEST_OPLOCK")));
        assertEquals("", ProcmonCategory.of(Operation.FILE_SYSTEM_CONTROL,
                new Detail.Text("Control: 0x902eb (Device:0x9 Function:186 Method: 3)")));
        assertEquals("", ProcmonCategory.of(Operation.FILE_SYSTEM_CONTROL, NONE));
    }

    @Test
    void detailIsCutToProcmonsBuffer() {
        ProcmonCells cells = new ProcmonCells(ExportOptions.DEFAULT, TimeBase.UTC);
        String listing = "x".repeat(5000);
        EventRow row = new EventRow(0, 0, ProcessInfo.of(4, "System"), 1, Operation.QUERY_DIRECTORY, "QueryDirectory",
                EventClass.FILE_SYSTEM, "C:\\", 0, new Detail.Text(listing), 0, List.of());
        assertEquals(listing.substring(0, io.lockscope.model.vocab.DetailFormat.MAX_CHARS), cells.cell(ProcmonColumn.DETAIL, row));
        EventRow shortRow = new EventRow(0, 0, ProcessInfo.of(4, "System"), 1, Operation.QUERY_DIRECTORY,
                "QueryDirectory", EventClass.FILE_SYSTEM, "C:\\", 0, new Detail.Text("0: ."), 0, List.of());
        assertEquals("0: .", cells.cell(ProcmonColumn.DETAIL, shortRow));
    }
}
