package io.lockscope.rules;

import io.lockscope.analysis.CaseFacts;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StackTable;
import io.lockscope.model.TimeBase;
import io.lockscope.model.Trace;
import io.lockscope.model.TraceBuilder;
import io.lockscope.model.TraceTime;
import io.lockscope.model.detail.CreateFileDetail;
import io.lockscope.model.servicing.ServicingFacts;
import io.lockscope.model.servicing.ServicingFailure;
import io.lockscope.model.servicing.ServicingPhase;
import io.lockscope.model.servicing.ServicingQueue;
import io.lockscope.model.vocab.NtStatus;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A procmon boot log in UTC whose servicing installer fails at 01:18:21.7 UTC, and a CBS.log of a
 * machine at UTC+8 recording the driver queue's failure at various local times.
 */
class FailureTimesTest {
    private static final LocalDateTime FAILED_UTC = LocalDateTime.of(2022, 8, 10, 1, 18, 21, 700_000_000);
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private static Trace bootLog() {
        long failed = TraceTime.fromInstant(FAILED_UTC.toInstant(ZoneOffset.UTC));
        TraceBuilder b = new TraceBuilder("boot_log.pml", "procmon-pml").timeBase(TimeBase.UTC, null);
        int ti = b.addProcess(ProcessInfo.of(3120, "TiWorker.exe"));
        int path = b.strings().intern(TraceFixture.DLL);
        CreateFileDetail delete = new CreateFileDetail(TraceFixture.DELETE, 1, 0x40, 0, 1, -1, -1, null);
        b.addEvent(failed - 40 * TraceTime.TICKS_PER_SECOND, 10, ti, 8, Operation.CREATE_FILE, NtStatus.SUCCESS, path,
                delete, StackTable.NONE);
        b.addEvent(failed, 10, ti, 8, Operation.CREATE_FILE, NtStatus.SHARING_VIOLATION, path, delete, StackTable.NONE);
        b.addEvent(failed + 30 * TraceTime.TICKS_PER_SECOND, 10, ti, 8, Operation.CLOSE_FILE, NtStatus.SUCCESS, path,
                io.lockscope.model.detail.Detail.None.INSTANCE, StackTable.NONE);
        return b.build();
    }

    /** The findings of rule failure-times when CBS.log (local time, offset {@code cbsOffset}) logs the failure at {@code local}. */
    private static List<Finding> findings(LocalDateTime local, ZoneOffset cbsOffset) {
        ServicingFacts.Builder s = new ServicingFacts.Builder();
        s.servicingLogs.add("CBS.log");
        s.cbsUtcOffset = cbsOffset;
        s.failures.add(new ServicingFailure(ServicingPhase.STARTUP, ServicingQueue.CRITICAL_DRIVERS, "oposdrv.inf", 0x800703F1, "ERROR_BADDB", true, null,
                "DOQ", null, "CBS.log", 31, local, "Doqe: Recording result: 0x800703f1, for Inf: oposdrv.inf"));
        CaseFacts facts = CaseFacts.analyse(List.of(bootLog()), s.build(), List.of(), StubAttribution.INSTANCE);
        return Rules.diagnose(facts).findings().stream().filter(f -> f.rule().equals("failure-times")).toList();
    }

    private static LocalDateTime cbsLocal(double secondsAfterFailure) {
        return FAILED_UTC.plusNanos((long) (secondsAfterFailure * 1e9)).plusHours(8).withNano(0);
    }

    @Test
    void aFailureLoggedWithinTheSecondAgrees() {
        List<Finding> f = findings(cbsLocal(0.9), CHINA);
        assertEquals(1, f.size(), f.toString());
        assertEquals("finding.failure-times-agree", f.get(0).key());
        assertEquals(Finding.Severity.INFO, f.get(0).severity());
        assertEquals("0.3", f.get(0).args().get(7), "09:18:22 local is 0.3 s after 01:18:21.7 UTC; CBS stamps whole seconds");
        assertEquals(List.of(new Finding.Evidence(0, 1)), f.get(0).evidence());
    }

    @Test
    void aFailureLoggedBeforeTheTraceSawItOrLongAfterDisagrees() {
        List<Finding> earlier = findings(cbsLocal(-12), CHINA);
        assertEquals("finding.failure-times-disagree.earlier", earlier.get(0).key());
        assertEquals(Finding.Severity.WARNING, earlier.get(0).severity());
        List<Finding> later = findings(cbsLocal(90), CHINA);
        assertEquals("finding.failure-times-disagree.later", later.get(0).key());
    }

    @Test
    void aFailureOutsideTheCaptureSaysTheTraceIsOfAnotherBoot() {
        List<Finding> f = findings(cbsLocal(-3 * 3600), CHINA);
        assertEquals("finding.failure-time-outside-trace", f.get(0).key());
        assertEquals(Finding.Severity.WARNING, f.get(0).severity());
        // the log's local time is stated on the trace's clock (UTC here), not as CBS wrote it
        TimeRef logged = (TimeRef) f.get(0).args().get(1);
        assertEquals(TraceTime.fromInstant(cbsLocal(-3 * 3600).toInstant(CHINA)), logged.ticks());
        assertTrue(TraceTime.format(TimeBase.UTC, null, logged.ticks()).startsWith("2022-08-09T22:18"),
                TraceTime.format(TimeBase.UTC, null, logged.ticks()));
    }

    @Test
    void withoutAUtcOffsetTheClocksCannotBeCompared() {
        assertEquals(List.of(), findings(cbsLocal(0.9), null));
    }
}
