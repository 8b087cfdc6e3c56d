package io.lockscope.rules;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.analysis.FailureFacts;
import io.lockscope.model.Operation;
import io.lockscope.model.Trace;
import io.lockscope.model.vocab.NtStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.lockscope.rules.TraceFixture.DELETE;
import static io.lockscope.rules.TraceFixture.DLL;
import static io.lockscope.rules.TraceFixture.GENERIC_READ;
import static io.lockscope.rules.TraceFixture.PKG;
import static io.lockscope.rules.TraceFixture.READ_DATA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnosisTest {
    private static final int SHARE_RW = 3;
    private static final int SHARE_ALL = 7;

    private static Diagnosis diagnose(Trace t, String... targets) {
        return Rules.diagnose(CaseFacts.analyse(List.of(t), List.of(targets), StubAttribution.INSTANCE));
    }

    private static String culpritName(Diagnosis d, Trace t) {
        return t.processes().get(d.verdict().blame().holder().processKey()).name();
    }

    @Test
    void holderOpenAtTheFailureIsTheCulprit() {
        TraceFixture f = new TraceFixture();
        int ti = f.process(3120, "TiWorker.exe");
        int av = f.process(1880, "ntrtscan.exe");
        f.open(ti, PKG + "oposdrv.inf", GENERIC_READ, SHARE_RW);
        f.open(av, DLL, READ_DATA, SHARE_RW);
        int failure = f.failOpen(ti, DLL, DELETE, 1, NtStatus.SHARING_VIOLATION);
        Trace t = f.build();
        Diagnosis d = diagnose(t, "oposdrv.inf");
        assertEquals(VerdictKind.LOCK_HOLDER, d.verdict().kind());
        assertEquals(Confidence.HIGH, d.verdict().confidence());
        assertEquals("ntrtscan.exe", culpritName(d, t));
        assertEquals(failure, d.verdict().blame().failure().event());
    }

    @Test
    void targetIsInferredFromTheFailureWithoutTargetNames() {
        TraceFixture f = new TraceFixture();
        int ti = f.process(3120, "TiWorker.exe");
        int av = f.process(1880, "ntrtscan.exe");
        f.open(av, DLL, READ_DATA, SHARE_RW);
        f.failOpen(ti, DLL, DELETE, 1, NtStatus.SHARING_VIOLATION);
        Diagnosis d = Rules.diagnose(CaseFacts.analyse(List.of(f.build()), List.of(), StubAttribution.INSTANCE));
        assertEquals(List.of("oposdrv.inf"), d.facts().targetNames());
        assertEquals(VerdictKind.LOCK_HOLDER, d.verdict().kind());
    }

    @Test
    void decoyThatClosedBeforeTheFailureIsRuledOut() {
        TraceFixture f = new TraceFixture();
        int ti = f.process(3120, "TiWorker.exe");
        int decoy = f.process(900, "SearchIndexer.exe");
        int av = f.process(1880, "ntrtscan.exe");
        f.open(av, DLL, READ_DATA, SHARE_RW);
        f.open(decoy, DLL, READ_DATA, 0);
        f.close(decoy, DLL);
        f.failOpen(ti, DLL, DELETE, 1, NtStatus.SHARING_VIOLATION);
        Trace t = f.build();
        Diagnosis d = diagnose(t, "oposdrv.inf");
        assertEquals("ntrtscan.exe", culpritName(d, t));
        FailureFacts ff = d.facts().allFailures().get(0);
        assertEquals(1, ff.blocking().size());
        assertEquals(FailureFacts.RuledOut.ENDED_BEFORE, ff.ruledOut().get(0).ruledOut());
        assertEquals(decoy, ff.ruledOut().get(0).hold().processKey());
    }

    @Test
    void agentSharingEverythingIsNotBlamed() {
        TraceFixture f = new TraceFixture();
        int ti = f.process(3120, "TiWorker.exe");
        int av = f.process(1880, "ntrtscan.exe");
        int real = f.process(2400, "backup.exe");
        f.open(av, DLL, READ_DATA, SHARE_ALL);
        f.open(real, DLL, READ_DATA, SHARE_RW);
        f.failOpen(ti, DLL, DELETE, SHARE_ALL, NtStatus.SHARING_VIOLATION);
        Trace t = f.build();
        Diagnosis d = diagnose(t, "oposdrv.inf");
        assertEquals("backup.exe", culpritName(d, t));
        FailureFacts ff = d.facts().allFailures().get(0);
        assertEquals(FailureFacts.RuledOut.COMPATIBLE, ff.ruledOut().get(0).ruledOut());
        assertEquals(av, ff.ruledOut().get(0).hold().processKey());
    }

    @Test
    void twoHoldersAreBothBlocking() {
        TraceFixture f = new TraceFixture();
        int ti = f.process(3120, "TiWorker.exe");
        int a = f.process(1880, "ntrtscan.exe");
        int b = f.process(2400, "backup.exe");
        f.open(a, DLL, READ_DATA, SHARE_RW);
        f.open(b, DLL, READ_DATA, 1);
        f.failOpen(ti, DLL, DELETE, SHARE_ALL, NtStatus.SHARING_VIOLATION);
        Diagnosis d = diagnose(f.build(), "oposdrv.inf");
        assertEquals(2, d.facts().allFailures().get(0).blocking().size());
        assertEquals(2, d.findings().stream().filter(x -> x.rule().equals("sharing-violation-holder")).count());
    }

    @Test
    void pidReuseBlamesTheProcessThatOwnedThePidAtTheFailure() {
        TraceFixture f = new TraceFixture();
        int ti = f.process(3120, "TiWorker.exe");
        int old = f.process(1880, "updater.exe");
        f.open(old, DLL, READ_DATA, SHARE_ALL);
        f.close(old, DLL);
        f.exit(old);
        int reused = f.process(1880, "ntrtscan.exe");
        f.open(reused, DLL, READ_DATA, SHARE_RW);
        f.failOpen(ti, DLL, DELETE, 1, NtStatus.SHARING_VIOLATION);
        Trace t = f.build();
        Diagnosis d = diagnose(t, "oposdrv.inf");
        assertEquals("ntrtscan.exe", culpritName(d, t));
        assertEquals(1880, t.processes().get(d.verdict().blame().holder().processKey()).pid());
    }

    @Test
    void filterOnlyDenialNamesTheDriver() {
        TraceFixture f = new TraceFixture();
        int ti = f.process(3120, "TiWorker.exe");
        int stack = f.stack("C:\\Windows\\System32\\drivers\\FLTMGR.SYS", "C:\\Windows\\System32\\drivers\\tmevtmgr.sys",
                "C:\\Windows\\System32\\drivers\\FLTMGR.SYS");
        f.failOpen(ti, DLL, DELETE, 1, NtStatus.ACCESS_DENIED, stack);
        Diagnosis d = diagnose(f.build(), "oposdrv.inf");
        assertEquals(VerdictKind.FILTER_INTERFERENCE, d.verdict().kind());
        assertEquals("tmevtmgr.sys", d.verdict().blame().driver().module());
        assertTrue(d.verdict().blame().driver().inFailingStack());
        assertNull(d.verdict().blame().holder());
    }

    @Test
    void deletePendingBlamesTheHandleThatKeepsItPending() {
        TraceFixture f = new TraceFixture();
        int ti = f.process(3120, "TiWorker.exe");
        int av = f.process(1880, "ntrtscan.exe");
        f.open(av, DLL, DELETE, SHARE_ALL);
        f.deleteDisposition(av, DLL, NtStatus.SUCCESS);
        f.failOpen(ti, DLL, READ_DATA, SHARE_ALL, NtStatus.DELETE_PENDING);
        Trace t = f.build();
        Diagnosis d = diagnose(t, "oposdrv.inf");
        assertEquals(VerdictKind.LOCK_HOLDER, d.verdict().kind());
        assertEquals("ntrtscan.exe", culpritName(d, t));
        assertEquals(io.lockscope.rules.Mechanism.PENDING_DELETE, d.verdict().blame().mechanism());
    }

    @Test
    void registryCorruptOnTheDriverDatabaseHasNoCulprit() {
        TraceFixture f = new TraceFixture();
        int ti = f.process(3120, "TiWorker.exe");
        f.registry(ti, Operation.REG_CREATE_KEY,
                "HKLM\\DRIVERS\\DriverDatabase\\DriverPackages\\oposdrv.inf_amd64_313106b94d0b5742", NtStatus.REGISTRY_CORRUPT);
        Diagnosis d = diagnose(f.build(), "oposdrv.inf");
        assertEquals(VerdictKind.REGISTRY_FAILURE, d.verdict().kind());
        assertNull(d.verdict().blame().holder());
        assertNull(d.verdict().blame().driver());
    }

    @Test
    void cleanUpdateIsNoFailure() {
        TraceFixture f = new TraceFixture();
        int ti = f.process(3120, "TiWorker.exe");
        int av = f.process(1880, "ntrtscan.exe");
        f.open(av, DLL, READ_DATA, SHARE_ALL);
        f.close(av, DLL);
        f.open(ti, DLL, DELETE, 1);
        f.deleteDisposition(ti, DLL, NtStatus.SUCCESS);
        f.close(ti, DLL);
        Diagnosis d = diagnose(f.build(), "oposdrv.inf");
        assertEquals(VerdictKind.NO_FAILURE, d.verdict().kind());
        assertNull(d.verdict().blame());
    }

    @Test
    void noServicingActivityIsInconclusive() {
        TraceFixture f = new TraceFixture();
        int p = f.process(700, "explorer.exe");
        f.open(p, "C:\\Users\\x\\a.txt", READ_DATA, SHARE_ALL);
        Diagnosis d = diagnose(f.build());
        assertEquals(VerdictKind.INCONCLUSIVE, d.verdict().kind());
    }

    @Test
    void failureOnMiradispIsFoundLikeOposdrv() {
        TraceFixture f = new TraceFixture();
        int ti = f.process(3120, "TiWorker.exe");
        int av = f.process(1880, "ntrtscan.exe");
        String mira = "C:\\Windows\\System32\\DriverStore\\FileRepository\\miradisp.inf_amd64_0123456789abcdef\\miradisp.dll";
        f.open(av, mira, READ_DATA, SHARE_RW);
        f.failOpen(ti, mira, DELETE, 1, NtStatus.SHARING_VIOLATION);
        Trace t = f.build();
        Diagnosis d = Rules.diagnose(CaseFacts.analyse(List.of(t), List.of(), StubAttribution.INSTANCE));
        assertEquals(List.of("miradisp.inf"), d.facts().targetNames());
        assertEquals("ntrtscan.exe", culpritName(d, t));
    }

    @Test
    void unexplainedFailureWithoutStacksSaysStacksAreMissing() {
        TraceFixture f = new TraceFixture();
        int ti = f.process(3120, "TiWorker.exe");
        f.failOpen(ti, DLL, DELETE, 1, NtStatus.ACCESS_DENIED);
        Diagnosis d = diagnose(f.build(), "oposdrv.inf");
        assertEquals(VerdictKind.INCONCLUSIVE, d.verdict().kind());
        assertNotNull(d.findings().stream().filter(x -> x.key().equals("finding.unexplained-failure.no-stacks"))
                .findFirst().orElse(null));
    }
}
