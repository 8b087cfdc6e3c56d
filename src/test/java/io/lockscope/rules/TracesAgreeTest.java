package io.lockscope.rules;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.ClockAlignment;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StackTable;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceBuilder;
import io.lockscope.model.detail.CreateFileDetail;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.vocab.NtStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A procmon log and an ETW trace of the same boot, on clocks 8 h 0.25 s apart, cross-checked. */
class TracesAgreeTest {
    private static final long SECOND = 10_000_000L;
    private static final long BOOT = 133_045_000_000_000_000L;
    private static final long SHIFT = 8 * 3600 * SECOND + SECOND / 4;
    private static final String DLL = TraceFixture.DLL;

    /** One boot seen by one tool: processes start at fixed moments of the boot, the clock is shifted. */
    private static Trace boot(String name, long clockShift, String holderName, int holderPid, boolean withTiWorkerStart) {
        TraceBuilder b = new TraceBuilder(name, "test");
        int system = b.addProcess(started(4, "System", BOOT + clockShift));
        int ti = b.addProcess(started(3120, "TiWorker.exe", withTiWorkerStart ? BOOT + 30 * SECOND + clockShift : ProcessInfo.UNKNOWN_TIME));
        int holder = b.addProcess(started(holderPid, holderName, BOOT + 12 * SECOND + clockShift));
        int path = b.strings().intern(DLL);
        b.addEvent(BOOT + 40 * SECOND + clockShift, 10, holder, 7, Operation.CREATE_FILE, NtStatus.SUCCESS, path,
                new CreateFileDetail(TraceFixture.READ_DATA, 1, 0x40, 0, 3, -1, 1, null), StackTable.NONE);
        b.addEvent(BOOT + 41 * SECOND + clockShift, 10, ti, 8, Operation.CREATE_FILE, NtStatus.SHARING_VIOLATION, path,
                new CreateFileDetail(TraceFixture.DELETE, 1, 0x40, 0, 1, -1, -1, null), StackTable.NONE);
        b.addEvent(BOOT + 50 * SECOND + clockShift, 10, system, 4, Operation.THREAD_EXIT, 0, 0, Detail.None.INSTANCE,
                StackTable.NONE);
        return b.build();
    }

    private static ProcessInfo started(int pid, String name, long start) {
        return ProcessInfo.of(pid, name).withTimes(start, ProcessInfo.UNKNOWN_TIME);
    }

    private static List<Finding> crossCheck(Trace a, Trace b) {
        Diagnosis d = Rules.diagnose(CaseFacts.analyse(List.of(a, b), List.of("oposdrv.inf"), StubAttribution.INSTANCE));
        return d.findings().stream().filter(f -> f.rule().equals("traces-agree")).toList();
    }

    @Test
    void clocksAreAlignedByTheProcessesBothSawStart() {
        ClockAlignment al = ClockAlignment.between(boot("procmon", 0, "ntrtscan.exe", 1880, true),
                boot("etw", SHIFT, "ntrtscan.exe", 1880, true));
        assertEquals(SHIFT, al.offsetTicks());
        assertEquals(3, al.matches(), "System, TiWorker.exe and ntrtscan.exe");
        assertEquals(0, al.spreadTicks());
    }

    @Test
    void theSameFailureInBothTracesNamingTheSameHolderIsCorroborated() {
        List<Finding> f = crossCheck(boot("procmon", 0, "ntrtscan.exe", 1880, true), boot("etw", SHIFT, "ntrtscan.exe", 1880, false));
        assertEquals("finding.traces-aligned", f.get(0).key());
        assertEquals("28800.250", f.get(0).args().get(2), "offset in seconds");
        Finding agree = f.stream().filter(x -> x.key().equals("finding.traces-agree")).findFirst().orElseThrow();
        assertEquals(new Args.Names(List.of("ntrtscan.exe")), agree.args().get(7));
        assertEquals(List.of(new Finding.Evidence(0, 1), new Finding.Evidence(1, 1)), agree.evidence());
    }

    @Test
    void tracesNamingDifferentHoldersDisagree() {
        // the PID is the same, the name differs: the clocks still align on System and TiWorker
        List<Finding> f = crossCheck(boot("procmon", 0, "ntrtscan.exe", 1880, true), boot("etw", SHIFT, "backup.exe", 2400, true));
        Finding disagree = f.stream().filter(x -> x.key().equals("finding.traces-disagree")).findFirst().orElseThrow();
        assertEquals(Finding.Severity.WARNING, disagree.severity());
        assertEquals(new Args.Names(List.of("ntrtscan.exe")), disagree.args().get(7));
        assertEquals(new Args.Names(List.of("backup.exe")), disagree.args().get(8));
    }

    @Test
    void tracesOfDifferentBootsAreNotAligned() {
        Trace other = new TraceBuilder("other", "test").build();
        assertNull(ClockAlignment.between(boot("procmon", 0, "ntrtscan.exe", 1880, true), other));
        List<Finding> f = crossCheck(boot("procmon", 0, "ntrtscan.exe", 1880, true), other);
        assertEquals(1, f.size());
        assertTrue(f.get(0).key().equals("finding.traces-not-aligned"));
    }
}
