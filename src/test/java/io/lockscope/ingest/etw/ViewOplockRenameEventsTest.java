package io.lockscope.ingest.etw;

import io.lockscope.generate.etw.EtlPayload;
import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.etw.testing.SyntheticEtl;
import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.Trace;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.FileMappingDetail;
import io.lockscope.model.detail.RenameDetail;
import io.lockscope.model.vocab.IoControlCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.lockscope.ingest.etw.testing.LockScenario.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The FileIo events behind the data-section, oplock and rename-target diagnoses, read through the
 * registered ETL reader: a MapFile becomes the mapping process's CreateFileMapping (the view names its
 * file by FileKey) and its UnmapFile an event that ends it; an FSControl's code is worded as procmon
 * words it; a RenamePath's new name and ReplaceIfExists reach the rename's detail.
 */
class ViewOplockRenameEventsTest {
    private static final long VIEW = 0x1F0A5C00000L;
    private static final String NEW_NT_PATH = "\\Device\\HarddiskVolume3\\Windows\\System32\\DriverStore\\Temp\\"
            + "{5d0e2b7c}\\oposdrv.dll";

    @TempDir
    static Path tmp;

    static Trace trace;

    @BeforeAll
    static void writeAndRead() throws Exception {
        SyntheticEtl etl = new SyntheticEtl(1)
                .volumeMapping(0, T0, "\\Device\\HarddiskVolume3\\", "C:\\")
                .perfinfo(0, 0x03, 3, 4, T0 + 1, process(SCANNER, 600, "ntrtscan.exe"))
                .perfinfo(0, 0x03, 3, 4, T0 + 2, process(INSTALLER, 700, "TiWorker.exe"))
                .system(0, 0x05, 3, 3, SCANNER, SCANNER_TID, T0 + 3, thread(SCANNER, SCANNER_TID))
                .system(0, 0x05, 3, 3, INSTALLER, INSTALLER_TID, T0 + 4, thread(INSTALLER, INSTALLER_TID))
                // FileIo Name: FileKey → path, by which the view names its file
                .perfinfo(0, 0x04, 0, 3, T0 + 5, new EtlPayload().ptr(FILE_KEY).utf16z(NT_PATH))
                .perfinfo(0, 0x04, 37, 3, T0 + 10, new EtlPayload().ptr(VIEW).ptr(FILE_KEY).u64(0).ptr(0x30000).u32(SCANNER))
                .perfinfo(0, 0x04, 75, 3, T0 + 20, new EtlPayload().ptr(0x2001).ptr(FO_SCANNER).ptr(FILE_KEY).ptr(0)
                        .u32(SCANNER_TID).u32(IoControlCodes.code("FSCTL_REQUEST_FILTER_OPLOCK")))
                .perfinfo(0, 0x04, 76, 3, T0 + 21, opEnd(0x2001, 0, 0))
                // RenamePath: FileRenameInformation with ReplaceIfExists, then FileRenameInformationEx with only
                // FILE_RENAME_POSIX_SEMANTICS (2)
                .perfinfo(0, 0x04, 80, 3, T0 + 30, new EtlPayload().ptr(0x2002).ptr(FO_INSTALLER).ptr(FILE_KEY).ptr(1)
                        .u32(INSTALLER_TID).u32(10).utf16z(NEW_NT_PATH))
                .perfinfo(0, 0x04, 76, 3, T0 + 31, opEnd(0x2002, 0, STATUS_ACCESS_DENIED))
                .perfinfo(0, 0x04, 80, 3, T0 + 32, new EtlPayload().ptr(0x2003).ptr(FO_INSTALLER).ptr(FILE_KEY).ptr(2)
                        .u32(INSTALLER_TID).u32(65).utf16z(NEW_NT_PATH))
                .perfinfo(0, 0x04, 76, 3, T0 + 33, opEnd(0x2003, 0, 0))
                .perfinfo(0, 0x04, 38, 3, T0 + 40, new EtlPayload().ptr(VIEW).ptr(FILE_KEY).u64(0).ptr(0x30000).u32(SCANNER));
        trace = Formats.readTrace(etl.write(tmp.resolve("views.etl")), "views.etl", ReadOptions.DEFAULT);
    }

    private static List<Integer> events(String operationName) {
        List<Integer> out = new ArrayList<>();
        EventStore e = trace.events();
        for (int i = 0; i < e.size(); i++) {
            if (operationName.equals(e.operationName(i))) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void everyRecordIsDecoded() {
        assertEquals(0, trace.report().skippedTotal(), trace.report().warnings().toString());
    }

    @Test
    void aMappedViewIsTheMappingProcessesCreateFileMappingOnTheFileItsKeyNames() {
        List<Integer> maps = events("FileIO/MapFile");
        assertEquals(1, maps.size());
        int i = maps.get(0);
        EventStore e = trace.events();
        assertEquals(Operation.CREATE_FILE_MAPPING, e.operation(i));
        assertEquals(SCANNER, trace.process(i).pid());
        assertEquals("ntrtscan.exe", trace.process(i).name());
        assertEquals(DOS_PATH, e.path(i));
        assertEquals(0, e.result(i));
        assertEquals(new FileMappingDetail(FileMappingDetail.SYNC_TYPE_CREATE_SECTION, -1), e.detail(i));
    }

    @Test
    void anUnmapIsAnOtherEventOfTheSameProcessAndFile() {
        List<Integer> unmaps = events("FileIO/UnmapFile");
        assertEquals(1, unmaps.size());
        int i = unmaps.get(0);
        assertEquals(Operation.OTHER, trace.events().operation(i));
        assertEquals(SCANNER, trace.process(i).pid());
        assertEquals(DOS_PATH, trace.events().path(i));
    }

    @Test
    void anFsControlIsWordedByItsCode() {
        List<Integer> controls = new ArrayList<>();
        EventStore e = trace.events();
        for (int i = 0; i < e.size(); i++) {
            if (e.operation(i) == Operation.FILE_SYSTEM_CONTROL) {
                controls.add(i);
            }
        }
        assertEquals(1, controls.size());
        assertEquals(new Detail.Text("Control: FSCTL_REQUEST_FILTER_OPLOCK"), e.detail(controls.get(0)));
        assertEquals(SCANNER, trace.process(controls.get(0)).pid());
    }

    @Test
    void aRenamePathCarriesItsNewNameAndReplaceIfExists() {
        List<Integer> renames = new ArrayList<>();
        EventStore e = trace.events();
        for (int i = 0; i < e.size(); i++) {
            if (e.operation(i) == Operation.SET_RENAME_INFORMATION_FILE || e.operation(i) == Operation.SET_RENAME_INFORMATION_EX) {
                renames.add(i);
            }
        }
        String target = "C:\\Windows\\System32\\DriverStore\\Temp\\{5d0e2b7c}\\oposdrv.dll";
        assertEquals(2, renames.size());
        assertEquals(Operation.SET_RENAME_INFORMATION_FILE, e.operation(renames.get(0)));
        assertEquals(new RenameDetail(true, target), e.detail(renames.get(0)));
        assertEquals(STATUS_ACCESS_DENIED, e.result(renames.get(0)));
        assertEquals(Operation.SET_RENAME_INFORMATION_EX, e.operation(renames.get(1)));
        assertEquals(new RenameDetail(false, target), e.detail(renames.get(1)), "POSIX semantics alone replace nothing");
    }
}
