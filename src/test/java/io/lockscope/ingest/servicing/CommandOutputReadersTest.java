package io.lockscope.ingest.servicing;

import io.lockscope.ingest.InputFormat;
import io.lockscope.model.servicing.DriverPackage;
import io.lockscope.model.servicing.ServiceConfig;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandOutputReadersTest {

    @Test
    void scQueryAndQc() throws Exception {
        ServicingLog log = Fixtures.read("sc-query-qc.txt");
        assertEquals(InputFormat.SERVICE_CONFIG, log.format());
        assertEquals(0, log.report().skippedTotal(), log.report().warnings().toString());
        List<ServiceConfig> services = log.facts().services();
        assertEquals(2, services.size());
        ServiceConfig sn = services.get(0);
        assertEquals("snFilter", sn.name());
        assertEquals("RUNNING", sn.state());
        assertTrue(sn.isFileSystemDriver());
        assertNull(sn.startType());
        ServiceConfig ucpd = services.get(1);
        assertEquals(new ServiceConfig("ucpd", 2, "FILE_SYSTEM_DRIVER", null, "SYSTEM_START",
                "system32\\drivers\\UCPD.sys", "FSFilter Activity Monitor", "UCPD", "FltMgr, Null"), ucpd);
    }

    @Test
    void dismListWithLocalizedDates() throws Exception {
        ServicingLog log = Fixtures.read("dism-list.txt");
        assertEquals("dism /get-drivers", log.kind());
        assertEquals(0, log.report().skippedTotal(), log.report().warnings().toString());
        List<DriverPackage> drivers = log.facts().drivers();
        assertEquals(new DriverPackage("oem0.inf", "3wmanage.inf", false, "System", "AMCC", "3/24/2009",
                LocalDate.of(2009, 3, 24), "3.0.4.70", null), drivers.get(0));
        assertEquals("2006. 06. 21.", drivers.get(1).dateText());
        assertEquals(LocalDate.of(2006, 6, 21), drivers.get(1).date());
        assertEquals(2, drivers.size());
    }

    @Test
    void dismTable() throws Exception {
        ServicingLog log = Fixtures.read("dism-table.txt");
        assertEquals(0, log.report().skippedTotal(), log.report().warnings().toString());
        List<DriverPackage> drivers = log.facts().drivers();
        assertEquals(2, drivers.size());
        DriverPackage apple = drivers.get(0);
        assertEquals("oem19.inf", apple.publishedName());
        assertEquals("applewtp64.inf", apple.originalName());
        assertFalse(apple.inbox());
        assertEquals("Apple Inc.", apple.provider());
        assertEquals(LocalDate.of(2011, 10, 29), apple.date(), "29 cannot be a month");
        assertEquals("06/07/2021", drivers.get(1).dateText());
        assertNull(drivers.get(1).date(), "June 7 or July 6: not guessed");
    }

    @Test
    void pnputilEnumDrivers() throws Exception {
        ServicingLog log = Fixtures.read("pnputil-enum-drivers.txt");
        assertEquals("pnputil /enum-drivers", log.kind());
        assertEquals(0, log.report().skippedTotal(), log.report().warnings().toString());
        List<DriverPackage> drivers = log.facts().drivers();
        assertEquals(new DriverPackage("oem3.inf", "tmxpflt.inf", null, "Legacy Driver", "Trend Micro Inc.",
                "03/15/2022", LocalDate.of(2022, 3, 15), "8.0.0.1041",
                "Microsoft Windows Hardware Compatibility Publisher"), drivers.get(0));
        assertEquals(LocalDate.of(2006, 6, 21), drivers.get(1).date(), "dotted dates are day first");
        assertEquals("10.0.17763.348", drivers.get(1).version());
    }
}
