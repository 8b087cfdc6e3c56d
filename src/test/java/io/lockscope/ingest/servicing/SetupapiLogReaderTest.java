package io.lockscope.ingest.servicing;

import io.lockscope.ingest.InputFormat;
import io.lockscope.model.servicing.DriverUpdate;
import io.lockscope.model.servicing.ServicingFacts;
import io.lockscope.model.servicing.SetupapiBootSession;
import io.lockscope.model.servicing.SetupapiProblem;
import io.lockscope.model.servicing.SetupapiSection;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SetupapiLogReaderTest {

    @Test
    void installDriverUpdatesFailure() throws Exception {
        ServicingLog log = Fixtures.read("setupapi-install-driver-updates-failure.log");
        assertEquals(InputFormat.SETUPAPI_LOG, log.format());
        assertEquals(0, log.report().skippedTotal(), log.report().warnings().toString());
        ServicingFacts f = log.facts();

        assertEquals(2, f.bootSessions().size(), "the sections before the first marker form their own session");
        SetupapiSection older = f.bootSessions().get(0).sections().get(0);
        assertEquals("Device Install (Hardware initiated)", older.title());
        assertEquals("SWD\\PRINTENUM\\{0A6B3B8E-4B0A-4C87-8E6A-2F2E5B1B4C11}", older.instance());
        assertEquals(LocalDateTime.of(2026, 1, 21, 10, 2, 11, 109_000_000), older.start());
        assertEquals(0, older.exitCode());

        SetupapiBootSession boot = f.bootSessions().get(1);
        assertEquals(LocalDateTime.of(2026, 1, 22, 18, 46, 57, 500_000_000), boot.start());
        assertEquals(List.of("Disable Device Install", "Stage Driver Updates", "Install Driver Updates"),
                boot.sections().stream().map(SetupapiSection::title).toList());

        SetupapiSection stage = boot.sections().get(1);
        assertEquals("SUCCESS", stage.exitStatus());
        assertEquals(List.of(false, true, true),
                stage.driverUpdates().stream().map(DriverUpdate::activePackageChanged).toList(),
                "dc1-controller was already imported");

        SetupapiSection install = boot.sections().get(2);
        assertTrue(install.command().endsWith("TiWorker.exe -Embedding"));
        assertEquals("FAILURE(0x00000003)", install.exitStatus());
        assertEquals(3, install.exitCode());
        assertEquals(LocalDateTime.of(2026, 1, 22, 18, 47, 28, 420_000_000), install.end());
        List<DriverUpdate> updates = install.driverUpdates();
        assertEquals(3, updates.size());
        assertEquals("C:\\Windows\\System32\\DriverStore\\FileRepository\\oposdrv.inf_x86_bd95a44b1060d2ea\\oposdrv.inf",
                updates.get(2).path());
        assertEquals(3, updates.get(2).exitCode());
        assertFalse(updates.get(0).activePackageChanged());
        assertTrue(updates.get(1).activePackageChanged());

        List<SetupapiProblem> problems = install.problems();
        assertEquals(3, problems.size());
        assertFalse(problems.get(0).error());
        assertEquals("inf", problems.get(0).category());
        assertEquals(3, problems.get(0).code(), "(00000003) after the quoted path");
        assertEquals(1002, problems.get(1).code());
        SetupapiProblem first = install.firstError();
        assertEquals("inf", first.category());
        assertEquals("oposdrv.inf", first.inf());
        assertEquals(3, problems.get(2).code());
        assertEquals("sto", problems.get(2).category());

        assertEquals(List.of("dc1-controller.inf", "miradisp.inf", "oposdrv.inf"), f.driverUpdateOrder());
        assertEquals("oposdrv.inf", f.failingInf(), "no CBS log: the INF comes from setupapi");
        assertEquals(0x80070003, f.hresult());
        assertEquals("ERROR_PATH_NOT_FOUND", f.hresultName());
        assertEquals(Boolean.FALSE, f.failingInfIsFirstChanged(), "miradisp changed before oposdrv");
        assertNull(f.rollback(), "setupapi does not say");
        assertTrue(f.events().stream().anyMatch(e -> e.line() == 68 && e.text().startsWith("!!! inf: Invalid INF")
                && e.time().equals(LocalDateTime.of(2026, 1, 22, 18, 47, 28, 363_000_000))), f.events().toString());
    }
}
