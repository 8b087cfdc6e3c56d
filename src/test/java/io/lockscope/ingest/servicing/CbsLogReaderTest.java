package io.lockscope.ingest.servicing;

import io.lockscope.ingest.InputFormat;
import io.lockscope.model.servicing.CbsSession;
import io.lockscope.model.servicing.DriverOperationResult;
import io.lockscope.model.servicing.ExecuteStateChange;
import io.lockscope.model.servicing.HResults;
import io.lockscope.model.servicing.ServicingEvent;
import io.lockscope.model.servicing.ServicingFacts;
import io.lockscope.model.servicing.ServicingFailure;
import io.lockscope.model.servicing.ServicingPhase;
import io.lockscope.model.servicing.ServicingSource;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CbsLogReaderTest {

    @Test
    void driverQueueRollbackOn17763() throws Exception {
        ServicingLog log = Fixtures.read("cbs-17763-doq-rollback.log");
        assertEquals(InputFormat.CBS_LOG, log.format());
        assertEquals(35, log.lines());
        assertEquals(0, log.report().skippedTotal(), log.report().warnings().toString());
        ServicingFacts f = log.facts();
        assertEquals(List.of("cbs-17763-doq-rollback.log"), f.servicingLogs());
        assertTrue(f.hasServicingLog());

        ServicingFailure failure = f.failure();
        assertEquals(1, f.failures().size(), "the benign online ERROR_NOT_FOUND line is not a failure");
        assertEquals(ServicingPhase.STARTUP, failure.phase());
        assertEquals("oposdrv.inf", failure.failingInf());
        assertEquals(0x800703F1, failure.hresult());
        assertEquals("ERROR_BADDB", failure.hresultName());
        assertTrue(failure.rollback());
        assertEquals(0x800703F1, failure.originalFailureStatus());
        assertEquals("DOQ", failure.failureSource());
        assertEquals("Package_for_RollupFix~31bf3856ad364e35~amd64~~17763.3287.1.10", failure.failedPackage());
        assertEquals(23, failure.line(), "the INSTALL index line is the first failure line");
        assertEquals(LocalDateTime.of(2022, 8, 10, 2, 14, 41), failure.time());

        assertEquals("oposdrv.inf", f.failingInf());
        assertEquals("0x800703f1", HResults.format(f.hresult()));
        assertEquals("ERROR_BADDB", f.hresultName());
        assertEquals(ServicingPhase.STARTUP, f.phase());
        assertEquals(Boolean.TRUE, f.rollback());
        assertEquals("DOQ", f.failureSource());
        assertEquals(Boolean.FALSE, f.succeeded());
        assertEquals(List.of("KB5016623"), f.kbNumbers());
        assertEquals(ZoneOffset.ofHours(8), f.cbsUtcOffset(), "from the CSI line's embedded UTC stamp");

        List<DriverOperationResult> ops = f.driverOperations();
        assertEquals(1, ops.size(), "the Doqe line repeats the INSTALL line's result");
        assertEquals(1009, ops.get(0).win32Result());
        assertEquals(196, ops.get(0).index());
        assertEquals(0x800703F1, ops.get(0).hresult());

        List<ExecuteStateChange> states = f.executeStates();
        assertEquals(3, states.size());
        ExecuteStateChange rollback = states.get(2);
        assertEquals("CbsExecuteStateStageDrivers", rollback.state());
        assertEquals(List.of("CbsExecuteStateFlagRollback", "CbsExecuteStateFlagDriversFailed"), rollback.flags());
        assertEquals(ServicingPhase.STARTUP, rollback.phase());

        CbsSession session = f.cbsSessions().get(0);
        assertEquals("30986208_3520937512", session.id());
        assertEquals("WindowsUpdateAgent", session.client());
        assertEquals(Boolean.TRUE, session.rebootRequired());
        assertEquals(0, session.hresult());
    }

    @Test
    void wrappedHresultIsJoinedToItsRecord() throws Exception {
        ServicingFacts f = Fixtures.read("cbs-17763-doq-rollback.log").facts();
        ServicingEvent wrapped = f.events().stream().filter(e -> e.line() == 26).findFirst().orElseThrow();
        assertEquals("Doqe: Failed installing driver updates [HRESULT = 0x800703f1 - ERROR_BADDB]", wrapped.text());
        assertEquals(ServicingSource.CBS_LOG, wrapped.source());
        assertTrue(f.events().stream().noneMatch(e -> e.line() == 27), "a continuation line is not an event of its own");
    }

    @Test
    void shutdownFailureWithUniversalTimeAndJunkLines() throws Exception {
        ServicingLog log = Fixtures.read("cbs-shtd-noncritical.log");
        assertEquals(2, log.report().skippedTotal(), log.report().warnings().toString());
        assertTrue(log.report().warnings().get(0).startsWith("line 1:"), log.report().warnings().toString());
        ServicingFacts f = log.facts();
        assertEquals(ZoneOffset.ofHours(2), f.cbsUtcOffset());
        ServicingFailure failure = f.failure();
        assertEquals(ServicingPhase.SHUTDOWN, failure.phase());
        assertNull(failure.failingInf());
        assertEquals(0x80070003, failure.hresult());
        assertEquals("ERROR_PATH_NOT_FOUND", failure.hresultName());
        assertTrue(failure.rollback());
        assertNull(failure.failureSource());
        assertFalse(f.succeeded());
    }
}
