package io.lockscope.generate.servicing;

import io.lockscope.analysis.kb.KnowledgeBase;
import io.lockscope.ingest.Formats;
import io.lockscope.ingest.servicing.ServicingLog;
import io.lockscope.model.servicing.FilterSource;
import io.lockscope.model.servicing.HResults;
import io.lockscope.model.servicing.InstalledFilter;
import io.lockscope.model.servicing.ServicingFacts;
import io.lockscope.model.servicing.ServicingPhase;
import io.lockscope.model.servicing.ServicingQueue;
import io.lockscope.model.servicing.SetupapiSection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the writers produce, the readers read back as the scenario says, with nothing skipped. */
class ServicingWritersRoundTripTest {
    @TempDir
    Path dir;

    private ServicingFacts writeAndRead(ServicingScenario s) throws Exception {
        List<ServicingLog> logs = new ArrayList<>();
        for (Path p : ServicingLogsWriter.write(s, dir.resolve("case"))) {
            ServicingLog log = Formats.readServicingLog(p, p.getFileName().toString());
            assertEquals(0, log.report().skippedTotal(), p + ": " + log.report().warnings());
            logs.add(log);
        }
        assertEquals(s.succeeds() ? 3 : 4, logs.size(), "FilterList.log only with a failure report");
        return ServicingFacts.merge(logs.stream().map(ServicingLog::facts).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"oposdrv.inf", "miradisp.inf"})
    void failingDriverQueue(String inf) throws Exception {
        ServicingScenario s = ServicingScenario.lcu17763(inf, HResults.ERROR_BADDB,
                ServicingScenario.FILTERS_WITH_TREND_MICRO);
        ServicingFacts f = writeAndRead(s);
        assertEquals(inf, f.failingInf());
        assertEquals("0x800703f1", HResults.format(f.hresult()));
        assertEquals("ERROR_BADDB", f.hresultName());
        assertEquals(ServicingPhase.STARTUP, f.phase());
        assertEquals(Boolean.TRUE, f.rollback());
        assertEquals("DOQ", f.failureSource());
        assertEquals(Boolean.FALSE, f.succeeded());
        assertEquals(List.of("KB5016623"), f.kbNumbers());
        assertEquals(s.utcOffset(), f.cbsUtcOffset());
        List<String> expectedOrder = s.driverOrder().subList(0, s.driverOrder().indexOf(inf) + 1);
        assertEquals(expectedOrder, f.driverUpdateOrder(), "the install section stops at the failing package");
        assertEquals(Boolean.TRUE, f.failingInfIsFirstChanged());
        assertEquals(0x3F1, f.lastDriverUpdateSection().exitCode());
        assertEquals(s.filters().size(), f.filters().size());
        assertDriverQueueWindow(s, f);
    }

    @Test
    void shutdownTimeQueueFailsBeforeTheRebootAndIsNeverSuccess() throws Exception {
        ServicingScenario base = ServicingScenario.lcu17763("oposdrv.inf", HResults.fromWin32(32),
                ServicingScenario.FILTERS_WITH_TREND_MICRO);
        ServicingScenario s = new ServicingScenario(base.kb(), base.osBuild(), base.failingInf(), base.hresult(),
                ServicingPhase.SHUTDOWN, base.reboot(), base.utcOffset(), ServicingScenario.SHUTDOWN_QUEUE_DELAY,
                base.driverOrder(), base.unchangedInfs(), base.filters());
        ServicingFacts f = writeAndRead(s);
        assertEquals(ServicingPhase.SHUTDOWN, f.phase());
        assertEquals(ServicingQueue.NON_CRITICAL_DRIVERS, f.queue());
        assertEquals("0x80070020", f.hresultText());
        assertEquals(Boolean.TRUE, f.rollback());
        assertEquals(Boolean.FALSE, f.succeeded(), "startup's S_OK after the rollback is not the update's success");
        assertTrue(f.recordsFailure());
        assertTrue(f.failure().time().isBefore(s.reboot()));
        assertDriverQueueWindow(s, f);
    }

    /** setupapi's driver work and CBS's failure line fall in the window a trace generator is told. */
    private static void assertDriverQueueWindow(ServicingScenario s, ServicingFacts f) {
        for (SetupapiSection section : f.bootSessions().get(0).sections()) {
            assertFalse(section.start().isBefore(s.driverQueueStart()), section.title());
            assertTrue(section.end().isBefore(s.driverQueueEnd()), section.title() + " ends " + section.end());
        }
        if (f.failure() != null) {
            assertEquals(s.driverQueueEnd().withNano(0), f.failure().time());
        }
    }

    @Test
    void successfulInstall() throws Exception {
        ServicingScenario s = ServicingScenario.lcu17763(null, 0, ServicingScenario.FILTERS_WITH_TREND_MICRO);
        ServicingFacts f = writeAndRead(s);
        assertNull(f.failure());
        assertNull(f.failingInf());
        assertNull(f.hresult());
        assertEquals(Boolean.TRUE, f.succeeded());
        assertEquals(s.driverOrder(), f.driverUpdateOrder());
        assertEquals("SUCCESS (REBOOT_REQUIRED)", f.lastDriverUpdateSection().exitStatus());
        assertNull(f.failingInfIsFirstChanged());
        assertDriverQueueWindow(s, f);
    }

    @Test
    void manyPackagesStillFitTheWindow() throws Exception {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 297; i++) {
            order.add("pkg" + i + ".inf");
        }
        ServicingScenario s = new ServicingScenario("KB5016623", "17763.3287", "pkg200.inf", HResults.ERROR_BADDB,
                ServicingPhase.STARTUP, java.time.LocalDateTime.of(2022, 8, 10, 23, 59, 50), java.time.ZoneOffset.ofHours(-5),
                ServicingScenario.TYPICAL_QUEUE_DELAY, order,
                java.util.Set.copyOf(order.subList(0, 200)), ServicingScenario.FILTERS_WITH_TREND_MICRO);
        ServicingFacts f = writeAndRead(s);
        assertEquals("pkg200.inf", f.failingInf());
        assertEquals(Boolean.TRUE, f.failingInfIsFirstChanged());
        assertEquals(java.time.ZoneOffset.ofHours(-5), f.cbsUtcOffset());
        assertDriverQueueWindow(s, f);
    }

    @Test
    void fltmcOutputKeepsAltitudesAndLegacyFilters() throws Exception {
        List<FilterSpec> specs = List.of(FilterSpec.minifilter("UCPD", 3, "385250.5"),
                FilterSpec.minifilter("tmevtmgr", 4, "328510"), FilterSpec.legacy("AVLegacy", "389998.99"),
                FilterSpec.legacy("cbfsconnect2017", null));
        ServicingScenario s = ServicingScenario.lcu17763("oposdrv.inf", HResults.ERROR_BADDB, specs);
        Path plain = dir.resolve("fltmc-plain.txt");
        FltmcOutputWriter.writeFilters(s, plain, false);
        List<InstalledFilter> read = Formats.readServicingLog(plain, "fltmc-plain.txt").facts().filters();
        List<InstalledFilter> expected = List.of(
                new InstalledFilter("UCPD", "385250.5", 0, false, 3, List.of(), FilterSource.FLTMC_FILTERS),
                new InstalledFilter("tmevtmgr", "328510", 0, false, 4, List.of(), FilterSource.FLTMC_FILTERS),
                new InstalledFilter("AVLegacy", "389998.99", null, true, null, List.of(), FilterSource.FLTMC_FILTERS),
                new InstalledFilter("cbfsconnect2017", null, null, true, null, List.of(), FilterSource.FLTMC_FILTERS));
        assertEquals(expected, read);

        Path filterList = dir.resolve("FilterList.log");
        FltmcOutputWriter.writeFilterList(s, filterList);
        List<InstalledFilter> listed = Formats.readServicingLog(filterList, "FilterList.log").facts().filters();
        assertEquals(List.of("UCPD", "tmevtmgr"), listed.stream().map(InstalledFilter::name).toList());
        assertEquals(4, listed.get(1).instances());
    }

    @Test
    void generatedFiltersAreKnownToTheKnowledgeBase() {
        KnowledgeBase kb = KnowledgeBase.standard();
        for (FilterSpec f : ServicingScenario.FILTERS_WITH_TREND_MICRO) {
            assertTrue(kb.filterForInstalled(f.name(), f.altitude()) != null, f.name());
        }
    }

    @Test
    void cbsLogStartsWithAUtf8Bom() throws Exception {
        Path cbs = dir.resolve("CBS.log");
        CbsLogWriter.write(ServicingScenario.lcu17763(null, 0, List.of()), cbs);
        byte[] head = Files.readAllBytes(cbs);
        assertEquals((byte) 0xEF, head[0]);
        assertTrue(new String(head, 3, 60, java.nio.charset.StandardCharsets.UTF_8)
                .matches("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}, Info {18}CBS {4}TI: .*"));
    }
}
