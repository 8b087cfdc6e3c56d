package io.lockscope.ingest.servicing;

import io.lockscope.ingest.Formats;
import io.lockscope.model.servicing.ServicingFacts;
import io.lockscope.model.servicing.ServicingFailure;
import io.lockscope.model.servicing.ServicingPhase;
import io.lockscope.model.servicing.ServicingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Servicing logs that record a failure are read as a failure, whatever CBS logs after it. */
class ServicingFailureLogsTest {
    @TempDir
    Path dir;

    @Test
    void rollbackCompletedWithSuccessIsStillAFailure() throws Exception {
        ServicingFacts f = Fixtures.read("cbs-19041-startup-rollback.log").facts();
        ServicingFailure failure = f.failure();
        assertEquals(ServicingPhase.STARTUP, failure.phase());
        assertEquals(ServicingQueue.CRITICAL_PRIMITIVES, failure.queue());
        assertEquals(0x80070057, failure.hresult());
        assertEquals("E_INVALIDARG", failure.hresultName());
        assertTrue(failure.rollback(), "the rollback ExecuteState");
        assertEquals(Boolean.FALSE, f.succeeded(), "Processing complete S_OK after a rollback is the rollback's end");
        assertTrue(f.recordsFailure());
    }

    @Test
    void criticalDriverQueueOfMicrosoftsArticle() throws Exception {
        ServicingFacts f = Fixtures.read("cbs-14393-critical-doq.log").facts();
        assertEquals(ServicingQueue.CRITICAL_DRIVERS, f.queue());
        assertEquals("mshdc.inf", f.failingInf());
        assertEquals("0x8007000d", f.hresultText());
        assertEquals(Boolean.TRUE, f.rollback());
        assertEquals("DOQ", f.failureSource());
        assertTrue(f.recordsFailure());
    }

    @Test
    void shutdownNonCriticalDriverQueue() throws Exception {
        ServicingFacts f = Fixtures.read("cbs-shtd-noncritical.log").facts();
        assertEquals(ServicingPhase.SHUTDOWN, f.phase());
        assertEquals(ServicingQueue.NON_CRITICAL_DRIVERS, f.queue());
        assertTrue(f.recordsFailure());
    }

    @Test
    void failingProcessingCompleteWithoutErrorLineIsAFailure() throws Exception {
        Path log = dir.resolve("CBS.log");
        Files.writeString(log, String.join("\r\n",
                "2023-05-23 10:22:58, Info                  CBS    TI: --- Initializing Trusted Installer ---",
                "2023-05-23 10:22:59, Info                  CBS    Startup: current ExecuteState is CbsExecuteStatePrimitives",
                "2023-05-23 10:23:20, Info                  CBS    Startup: Processing complete. [HRESULT = 0x80070057 - E_INVALIDARG]",
                ""), StandardCharsets.UTF_8);
        ServicingFacts f = Formats.readServicingLog(log, "CBS.log").facts();
        assertEquals(0x80070057, f.failure().hresult());
        assertEquals(ServicingPhase.STARTUP, f.phase());
        assertTrue(f.recordsFailure());
    }

    /**
     * A 17763 LCU's setupapi.dev.log: [Stage Driver Updates] and [Install Driver Updates] over 300
     * packages, the install section going over each package twice (as the real 17763 log does: 594
     * entries for 297 packages); the order is that of the last pass, each package once.
     */
    @Test
    void driverUpdateOrderListsEachPackageOnceInTheLastPassOrder() throws Exception {
        List<String> infs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            infs.add(String.format("pkg%03d.inf", i));
        }
        StringBuilder log = new StringBuilder("[Device Install Log]\r\n     OS Version = 10.0.17763\r\n\r\n[BeginLog]\r\n\r\n"
                + "[Boot Session: 2026/01/22 18:46:57.500]\r\n\r\n");
        section(log, "Stage Driver Updates", "Stage", infs);
        List<String> twice = new ArrayList<>(infs);
        twice.addAll(infs.subList(1, infs.size()));
        twice.add(infs.get(0)); // the second pass ends with pkg000
        section(log, "Install Driver Updates", "Publish", twice);
        Path file = dir.resolve("setupapi.dev.log");
        Files.writeString(file, log, StandardCharsets.UTF_8);
        ServicingFacts f = Formats.readServicingLog(file, "setupapi.dev.log").facts();
        List<String> order = f.driverUpdateOrder();
        assertEquals(300, order.size());
        assertEquals("pkg001.inf", order.get(0));
        assertEquals("pkg000.inf", order.get(299));
        assertFalse(f.recordsFailure());
    }

    private static void section(StringBuilder log, String title, String op, List<String> infs) {
        log.append(">>>  [").append(title).append("]\r\n>>>  Section start 2026/01/22 18:47:26.901\r\n");
        for (String inf : infs) {
            String path = "C:\\Windows\\System32\\DriverStore\\FileRepository\\" + inf + "_amd64_0123456789abcdef\\" + inf;
            log.append("     sto: {").append(op).append(" Driver Package: ").append(path).append("} 18:47:28.363\r\n");
            log.append("     sto: {").append(op).append(" Driver Package: exit(0x00000000)} 18:47:28.370\r\n");
        }
        log.append("<<<  Section end 2026/01/22 18:47:43.399\r\n<<<  [Exit status: SUCCESS]\r\n\r\n");
    }
}
