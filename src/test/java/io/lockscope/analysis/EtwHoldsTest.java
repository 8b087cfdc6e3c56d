package io.lockscope.analysis;

import io.lockscope.analysis.kb.KnowledgeAttribution;
import io.lockscope.model.EventClass;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StackTable;
import io.lockscope.model.TimeBase;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceBuilder;
import io.lockscope.model.detail.CreateFileDetail;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.FilterDetail;
import io.lockscope.model.detail.HandleDetail;
import io.lockscope.model.vocab.NtStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Holds and failures of traces whose events carry FILE_OBJECTs and IRPs, as the ETL reader writes them. */
class EtwHoldsTest {
    private static final String DLL =
            "C:\\Windows\\System32\\DriverStore\\FileRepository\\oposdrv.inf_amd64_313106b94d0b5742\\oposdrv.dll";
    private static final String DRIVER = "C:\\Windows\\system32\\drivers\\tmevtmgr.sys";

    /** Builds an ETW-like trace: every event 1 µs after the previous, file events with kernel ids. */
    private static final class Etw {
        final TraceBuilder b = new TraceBuilder("t.etl", "etl");
        long time;
        final int system;
        final int scanner;
        final int installer;

        Etw() {
            b.timeBase(TimeBase.UTC, null);
            system = b.addProcess(ProcessInfo.of(4, "System"));
            scanner = b.addProcess(ProcessInfo.of(1880, "ntrtscan.exe"));
            installer = b.addProcess(ProcessInfo.of(3000, "TiWorker.exe"));
        }

        int file(int process, Operation op, int status, Detail detail, long fileObject, long irp) {
            time += 10;
            int i = b.addEvent(time, 5, process, 100, op, status, b.strings().intern(DLL), detail, StackTable.NONE);
            b.setKernelIds(i, fileObject, irp);
            return i;
        }

        long lastIrp;

        int open(int process, long fileObject, int options, int share, int status) {
            lastIrp = 0x1000 + time;
            return file(process, Operation.CREATE_FILE, status,
                    new CreateFileDetail(-1, 1, options, 0x80, share, -1, status == 0 ? 1 : -1, null), fileObject,
                    lastIrp);
        }

        int read(int process, long fileObject) {
            return file(process, Operation.READ_FILE, NtStatus.SUCCESS, Detail.None.INSTANCE, fileObject, 0x9000);
        }

        int cleanup(int process, long fileObject) {
            return file(process, Operation.CLOSE_FILE, NtStatus.SUCCESS, Detail.None.INSTANCE, fileObject, 0x9100);
        }

        int handle(int process, String name, long fileObject, int targetPid) {
            time += 10;
            int i = b.addOtherEvent(time, -1, process, 100, name, EventClass.HANDLE, 0, 0,
                    new HandleDetail(0x1A4, "File", null, targetPid, targetPid < 0 ? -1 : 0x2B0), StackTable.NONE);
            b.setKernelIds(i, fileObject, 0);
            return i;
        }

        int filterFailure(int process, long fileObject, long irp, int status, long at) {
            int i = b.addOtherEvent(at, -1, process, 200, "FileIo/PreOpFailure", EventClass.FILTER, status,
                    b.strings().intern(DLL), new FilterDetail(DRIVER, 0xFFFFF80050001234L, 0, 0xCB0), StackTable.NONE);
            b.setKernelIds(i, fileObject, irp);
            return i;
        }

        List<FailureFacts> failures() {
            Trace t = b.build();
            Targets targets = Targets.select(t, List.of("oposdrv.dll"), Targets.Source.USER);
            return new FailureAnalysis(t, 0, targets, KnowledgeAttribution.standard(), true).failures();
        }
    }

    private static final long FO_A = 0xFFFFA0010000A000L;
    private static final long FO_B = 0xFFFFA0010000B000L;
    private static final long FO_I = 0xFFFFA0010000C000L;

    @Test
    void opensArePairedWithTheCleanupOfTheirOwnFileObject() {
        Etw t = new Etw();
        int openA = t.open(t.scanner, FO_A, 0x60, 1, 0);
        int openB = t.open(t.scanner, FO_B, 0x60, 1, 0);
        int closeA = t.cleanup(t.scanner, FO_A); // per process+path, the latest open (B) would be taken
        t.open(t.installer, FO_I, 0x1000, 7, NtStatus.SHARING_VIOLATION);
        int closeB = t.cleanup(t.scanner, FO_B);
        List<FailureFacts> failures = t.failures();
        assertEquals(1, failures.size());
        FailureFacts f = failures.get(0);
        assertEquals(1, f.blocking().size());
        Hold h = f.blocking().get(0).hold();
        assertEquals(openB, h.startEvent());
        assertEquals(closeB, h.endEvent());
        assertFalse(h.pairingInferred());
        assertEquals(1, f.ruledOut().size());
        assertEquals(openA, f.ruledOut().get(0).hold().startEvent());
        assertEquals(closeA, f.ruledOut().get(0).hold().endEvent());
    }

    @Test
    void withoutShownAccessTheConflictIsAssumedNotProven() {
        Etw t = new Etw();
        t.open(t.scanner, FO_A, 0x60, 1, 0);
        t.open(t.installer, FO_I, 0x1000, 7, NtStatus.SHARING_VIOLATION);
        FailureFacts.HolderFinding h = t.failures().get(0).blocking().get(0);
        assertTrue(h.accessUnknown());
        assertTrue(h.conflicts().isEmpty());
    }

    @Test
    void aReadOnTheHoldersFileObjectProvesTheConflictWithADeleteOnCloseOpen() {
        Etw t = new Etw();
        t.open(t.scanner, FO_A, 0x60, 1, 0);
        t.read(t.scanner, FO_A);
        t.open(t.installer, FO_I, 0x1000, 7, NtStatus.SHARING_VIOLATION);
        FailureFacts.HolderFinding h = t.failures().get(0).blocking().get(0);
        assertFalse(h.accessUnknown());
        assertEquals(Set.of(new ShareAccess.Reason(ShareAccess.Side.HOLDER_DOES_NOT_SHARE, ShareAccess.Kind.DELETE)),
                h.conflicts());
    }

    @Test
    void sharesThatExplainNothingKnownLeaveTheHoldAssumedBlocking() {
        Etw t = new Etw();
        t.open(t.scanner, FO_A, 0x60, 1 | 4, 0); // shares read and delete
        t.read(t.scanner, FO_A);
        t.open(t.installer, FO_I, 0x1000, 7, NtStatus.SHARING_VIOLATION);
        FailureFacts.HolderFinding h = t.failures().get(0).blocking().get(0);
        assertTrue(h.accessUnknown(), "the request may also want write access, which the holder does not share");
        assertTrue(h.conflicts().isEmpty());
        assertEquals(null, h.ruledOut());
    }

    @Test
    void aDuplicatedHandleMovesTheHoldToItsTargetProcess() {
        Etw t = new Etw();
        int open = t.open(t.system, FO_A, 0x60, 1, 0);
        t.handle(t.system, "Object/CreateHandle", FO_A, -1);
        int dup = t.handle(t.system, "Object/DuplicateHandle", FO_A, 1880);
        int systemClose = t.handle(t.system, "Object/CloseHandle", FO_A, -1);
        t.open(t.installer, FO_I, 0x1000, 7, NtStatus.SHARING_VIOLATION);
        int scannerClose = t.handle(t.scanner, "Object/CloseHandle", FO_A, -1);
        t.cleanup(t.scanner, FO_A);
        FailureFacts f = t.failures().get(0);
        assertEquals(1, f.blocking().size());
        Hold scanner = f.blocking().get(0).hold();
        assertEquals(1, scanner.processKey()); // ntrtscan.exe
        assertEquals(dup, scanner.startEvent());
        assertEquals(scannerClose, scanner.endEvent());
        Hold system = f.ruledOut().get(0).hold();
        assertEquals(0, system.processKey());
        assertEquals(open, system.startEvent());
        assertEquals(systemClose, system.endEvent());
        assertEquals(FailureFacts.RuledOut.ENDED_BEFORE, f.ruledOut().get(0).ruledOut());
    }

    @Test
    void withoutAHandleGivenToAnyoneTheOpenerHolds() {
        Etw t = new Etw();
        int open = t.open(t.scanner, FO_A, 0x60, 1, 0);
        t.read(t.scanner, FO_A);
        t.open(t.installer, FO_I, 0x1000, 7, NtStatus.SHARING_VIOLATION);
        t.handle(t.scanner, "Object/HandleDCStop", FO_A, -1); // the end rundown restates the handle
        FailureFacts f = t.failures().get(0);
        assertEquals(1, f.blocking().size());
        assertEquals(open, f.blocking().get(0).hold().startEvent());
        assertEquals(-1, f.blocking().get(0).hold().endEvent());
        assertEquals(1, f.blocking().get(0).hold().processKey());
    }

    @Test
    void filterFailuresCountOnlyOnTheFailingIrpDuringTheRequest() {
        Etw t = new Etw();
        t.open(t.installer, FO_I, 0x1000, 7, NtStatus.ACCESS_DENIED);
        long irp = t.lastIrp;
        long at = t.time;
        t.filterFailure(t.installer, FO_I, irp + 1, NtStatus.ACCESS_DENIED, at + 1); // another IRP
        t.filterFailure(t.installer, FO_I, irp, NtStatus.ACCESS_DENIED, at + 9); // after the request ended
        assertTrue(t.failures().get(0).filterCalls().isEmpty());

        Etw u = new Etw();
        u.open(u.installer, FO_I, 0x1000, 7, NtStatus.ACCESS_DENIED);
        int call = u.filterFailure(u.installer, FO_I, u.lastIrp, NtStatus.ACCESS_DENIED,
                u.time + 2);
        List<FailureFacts> failures = u.failures();
        assertEquals(1, failures.size(), "the callback's own status is not a second failure");
        List<FailureFacts.FilterCall> calls = failures.get(0).filterCalls();
        assertEquals(1, calls.size());
        assertEquals("tmevtmgr.sys", calls.get(0).module());
        assertEquals(NtStatus.ACCESS_DENIED, calls.get(0).status());
        assertEquals(call, calls.get(0).event());
        assertEquals("Trend Micro", calls.get(0).known().vendor());
    }
}
