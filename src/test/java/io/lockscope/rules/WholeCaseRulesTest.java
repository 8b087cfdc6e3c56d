package io.lockscope.rules;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.DriverPackagePaths;
import io.lockscope.model.Operation;
import io.lockscope.model.Trace;
import io.lockscope.model.servicing.HResults;
import io.lockscope.model.servicing.ServicingFacts;
import io.lockscope.model.servicing.ServicingFailure;
import io.lockscope.model.servicing.ServicingPhase;
import io.lockscope.model.servicing.ServicingQueue;
import io.lockscope.model.vocab.NtStatus;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static io.lockscope.rules.TraceFixture.DELETE;
import static io.lockscope.rules.TraceFixture.DLL;
import static io.lockscope.rules.TraceFixture.READ_DATA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11's rules: logged-code, boot-phase, system-process-events, target-unmatched. */
class WholeCaseRulesTest {
    private static final String HIVE = "C:\\Windows\\System32\\config\\DRIVERS";

    private static ServicingFacts logged(ServicingPhase phase, int hresult) {
        ServicingFacts.Builder s = new ServicingFacts.Builder();
        s.servicingLogs.add("CBS.log");
        s.failures.add(new ServicingFailure(phase, ServicingQueue.NON_CRITICAL_DRIVERS, "oposdrv.inf", hresult,
                HResults.name(hresult), true, null, "DOQ", null, "CBS.log", 23, LocalDateTime.of(2022, 8, 10, 9, 18, 21),
                "INSTALL index: 196, phase: 2, result " + (hresult & 0xFFFF) + ", inf: oposdrv.inf"));
        return s.build();
    }

    private static List<Finding> findings(Diagnosis d, String rule) {
        return d.findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }

    /** TiWorker's delete of the DLL fails with a sharing violation while the agent holds it. */
    private static Trace fileLock(boolean withSystem) {
        TraceFixture f = new TraceFixture();
        if (withSystem) {
            int system = f.process(4, "System");
            f.registry(system, Operation.REG_QUERY_VALUE, "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager",
                    NtStatus.SUCCESS);
        }
        int ti = f.process(3120, "TiWorker.exe");
        int av = f.process(1880, "ntrtscan.exe");
        f.open(av, DLL, READ_DATA, 3);
        f.failOpen(ti, DLL, DELETE, 1, NtStatus.SHARING_VIOLATION);
        return f.build();
    }

    @Test
    void aLoggedSharingViolationAgreesWithTheTracesLock() {
        Diagnosis d = Rules.diagnose(CaseFacts.analyse(List.of(fileLock(true)), logged(ServicingPhase.STARTUP,
                HResults.fromWin32(32)), List.of(), StubAttribution.INSTANCE));
        List<Finding> code = findings(d, "logged-code");
        assertEquals(1, code.size());
        assertEquals("finding.logged-code.agrees", code.get(0).key());
        assertEquals(Finding.Severity.INFO, code.get(0).severity());
    }

    @Test
    void errorBaddbAgainstAPlainFileLockSaysTheTraceDoesNotExplainIt() {
        Diagnosis d = Rules.diagnose(CaseFacts.analyse(List.of(fileLock(true)), logged(ServicingPhase.STARTUP,
                HResults.ERROR_BADDB), List.of(), StubAttribution.INSTANCE));
        Finding f = findings(d, "logged-code").get(0);
        assertEquals("finding.logged-code.no-registry-evidence", f.key());
        assertEquals(Finding.Severity.WARNING, f.severity());
        assertEquals("0x80070020", f.args().get(f.args().size() - 1), "what the sharing violation would log");
        assertEquals(VerdictKind.LOCK_HOLDER, d.verdict().kind(), "the lock is still the verdict");
    }

    @Test
    void errorBaddbIsExplainedByAFailureOnTheDriversHiveFile() {
        TraceFixture f = new TraceFixture();
        int ti = f.process(3120, "TiWorker.exe");
        int av = f.process(1880, "ntrtscan.exe");
        f.open(av, HIVE, READ_DATA, 1);
        f.failOpen(ti, HIVE, 0x3, 0, NtStatus.SHARING_VIOLATION);
        f.registry(ti, Operation.REG_LOAD_KEY, "HKLM\\DRIVERS", NtStatus.SHARING_VIOLATION);
        Diagnosis d = Rules.diagnose(CaseFacts.analyse(List.of(f.build()), logged(ServicingPhase.STARTUP,
                HResults.ERROR_BADDB), List.of(), StubAttribution.INSTANCE));
        assertEquals("finding.logged-code.registry-evidence", findings(d, "logged-code").get(0).key());
        assertEquals(List.of("finding.hive-load.file-failed"), findings(d, "hive-load").stream().map(Finding::key).toList());
        assertTrue(findings(d, "unexplained-failure").isEmpty(), "the load's failure is explained by its file's");
        assertEquals(VerdictKind.LOCK_HOLDER, d.verdict().kind(), "a hive file held open is a lock like any file");
        assertEquals("ntrtscan.exe", d.facts().trace(0).processes().get(d.verdict().blame().holder().processKey()).name());
    }

    @Test
    void hiveUnloadedOnTheDriverDatabaseIsARegistryFailure() {
        TraceFixture f = new TraceFixture();
        int ti = f.process(3120, "TiWorker.exe");
        f.registry(ti, Operation.REG_SET_VALUE, "HKLM\\DRIVERS\\DriverDatabase\\DriverInfFiles\\oposdrv.inf\\Active",
                NtStatus.HIVE_UNLOADED);
        Diagnosis d = Rules.diagnose(CaseFacts.analyse(List.of(f.build()), List.of("oposdrv.inf"),
                StubAttribution.INSTANCE));
        assertEquals(VerdictKind.REGISTRY_FAILURE, d.verdict().kind());
    }

    @Test
    void theDriversHiveItsKeyAndTheTransactionLogsAreDriverDatabaseObjects() {
        assertEquals(DriverPackagePaths.Kind.DRIVERS_HIVE_KEY, DriverPackagePaths.classify("HKLM\\DRIVERS").kind());
        assertEquals(DriverPackagePaths.Kind.TRANSACTION_LOG,
                DriverPackagePaths.classify("C:\\Windows\\System32\\config\\TxR\\{53b39e88-18c4-11ea-a811-000d3aa4692b}.TxR.0.regtrans-ms").kind());
        assertEquals(DriverPackagePaths.Kind.DRIVERS_HIVE_FILE, DriverPackagePaths.classify(HIVE + ".LOG2").kind());
    }

    @Test
    void aShutdownFailureCannotBeInTheNextBootsLog() {
        Diagnosis d = Rules.diagnose(CaseFacts.analyse(List.of(fileLock(true)), logged(ServicingPhase.SHUTDOWN,
                HResults.fromWin32(32)), List.of(), StubAttribution.INSTANCE));
        Finding f = findings(d, "boot-phase").get(0);
        assertEquals("finding.boot-phase.shutdown.other-failures", f.key());
        assertEquals(List.of("CBS.log:23", new Args.Names(List.of("fixture.csv"))), f.args(), "the traces as a list the report words");

        Diagnosis logsOnly = Rules.diagnose(CaseFacts.analyse(List.of(), logged(ServicingPhase.SHUTDOWN,
                HResults.fromWin32(32)), List.of(), StubAttribution.INSTANCE));
        assertEquals("finding.boot-phase.shutdown.no-trace", findings(logsOnly, "boot-phase").get(0).key());
        assertEquals(VerdictKind.SERVICING_FAILURE, logsOnly.verdict().kind());
        assertEquals(Confidence.HIGH, logsOnly.verdict().confidence());
    }

    @Test
    void aProcmonCaptureWithoutTheSystemProcessIsFlagged() {
        Diagnosis without = Rules.diagnose(CaseFacts.analyse(List.of(fileLock(false)), List.of(), StubAttribution.INSTANCE));
        assertEquals(List.of("finding.system-process-missing"),
                findings(without, "system-process-events").stream().map(Finding::key).toList());
        Diagnosis with = Rules.diagnose(CaseFacts.analyse(List.of(fileLock(true)), List.of(), StubAttribution.INSTANCE));
        assertTrue(findings(with, "system-process-events").isEmpty());
    }

    @Test
    void aTargetThatMatchesNothingListsThePackagesShown() {
        Diagnosis d = Rules.diagnose(CaseFacts.analyse(List.of(fileLock(true)), logged(ServicingPhase.STARTUP,
                HResults.fromWin32(32)), List.of("nosuch.inf"), StubAttribution.INSTANCE));
        Finding f = findings(d, "target-unmatched").get(0);
        assertEquals(List.of(new Args.Names(List.of("nosuch.inf")), "oposdrv.inf"), f.args());
        Diagnosis matched = Rules.diagnose(CaseFacts.analyse(List.of(fileLock(true)), List.of("oposdrv.inf"),
                StubAttribution.INSTANCE));
        assertTrue(findings(matched, "target-unmatched").isEmpty());
    }
}
