package io.lockscope.analysis.kb;

import io.lockscope.model.servicing.FilterSource;
import io.lockscope.model.servicing.InstalledFilter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KnowledgeBaseTest {
    private final KnowledgeBase kb = KnowledgeBase.standard();

    @Test
    void trendMicroEventManagerByFileAndByAltitude() {
        KnownFilter byFile = kb.filterByDriver("tmevtmgr.sys");
        assertEquals("tmevtmgr.sys", byFile.driver());
        assertEquals("328510", byFile.altitude());
        assertEquals("Trend Micro Inc.", byFile.company());
        assertEquals("Trend Micro", byFile.vendor());
        assertEquals("FSFilter Anti-Virus", byFile.group());
        assertEquals(Boolean.TRUE, byFile.thirdParty());
        assertEquals(byFile, kb.filterByAltitude("328510"));
        assertEquals(byFile, kb.filterByDriver("\\SystemRoot\\System32\\Drivers\\TMEVTMGR.SYS"), "case and folder ignored");
    }

    @Test
    void companySpellingsOfOneVendorAgree() {
        assertEquals("Trend Micro", kb.filterByDriver("tmpreflt.sys").vendor(), "allocated to 'Trend'");
        assertEquals("Trend Micro", kb.filterByDriver("ive.sys").vendor(), "allocated to 'TrendMicro Inc.'");
        assertEquals("Trend Micro", kb.filterByDriver("AcDriver.sys").vendor(), "allocated to 'Trend Micro, Inc.'");
        assertEquals("ESET", kb.filterByDriver("eamonm.sys").vendor(), "'ESET, spol. s r.o.'");
        assertEquals("Kaspersky", kb.filterByDriver("klif.sys").vendor(), "'Kaspersky Lab' and 'Kaspersky'");
        assertEquals("Qihoo 360", kb.filterByDriver("360qpesv.sys").vendor(), "'360 Software (Beijing)'");
        assertEquals("CrowdStrike", kb.vendorOfCompany("CrowdStrike, Inc."));
    }

    @Test
    void ambiguityIsNotResolvedByGuessing() {
        KnownFilter klif = kb.filterByDriver("klif.sys");
        assertNull(klif.altitude(), "klif.sys holds 320400 and 320401");
        assertNull(klif.group());
        assertEquals(2, klif.allocations().size());

        KnownFilter sdk = kb.filterByDriver("cbfsfilter2017.sys");
        assertNull(sdk.vendor(), "a third-party SDK driver name allocated to many companies");
        assertNull(sdk.company());

        KnownFilter cylance = kb.filterByAltitude("388510");
        assertNull(cylance.driver(), "CyProtectDrv32.sys and CyProtectDrv64.sys share it");
        assertEquals("Cylance", cylance.vendor());
        assertEquals("FSFilter Activity Monitor", cylance.group());
    }

    @Test
    void unknownIsNull() {
        assertNull(kb.filterByDriver("nosuchfilter.sys"));
        assertNull(kb.filterByAltitude("123456.789"));
        assertNull(kb.filterByAltitude("not-a-number"));
        assertNull(kb.vendorOfCompany("Contoso Widgets Ltd."));
        assertNull(kb.vendorForProcess("tms.exe", null, "C:\\Program Files\\TMS\\tms.exe"));
        assertNull(kb.vendorForProcess(null, null, null));
    }

    @Test
    void fractionalAltitudesCompareAsNumbers() {
        assertEquals("UCPD.sys", kb.filterByAltitude("385250.5").driver());
        assertEquals("UCPD.sys", kb.filterByAltitude("385250.50").driver());
        assertEquals(Boolean.FALSE, kb.filterByAltitude("385250.5").thirdParty());
        assertEquals("FSFilter Anti-Virus", kb.groupForAltitude("329999"), "in the groups page, above the allocations' 329998");
        assertEquals("FSFilter Security Monitor", kb.groupForAltitude("393000"), "only on the allocations page");
        assertEquals("FSFilter Infrastructure", kb.groupForAltitude("150.5"));
        assertNull(kb.groupForAltitude("350000"), "between Undelete and Activity Monitor");
        assertEquals("FSFilter Imaging", kb.groupForAltitude("175000"), "the groups page's range ends at 175000");
    }

    @Test
    void fltmcNamesAreServiceNames() {
        KnownFilter pre = kb.filterForInstalled("TMPreFilter", "328500");
        assertEquals("tmpreflt.sys", pre.driver());
        assertEquals("Trend Micro", pre.vendor());

        KnownFilter falcon = kb.filterForInstalled("CSAgent", "321410");
        assertEquals("csagent.sys", falcon.driver());
        assertEquals("CrowdStrike", falcon.vendor());

        KnownFilter procmon = kb.filterForInstalled("PROCMON24", "385200");
        assertEquals("Procmon11.sys", procmon.driver());
        assertEquals(Boolean.FALSE, procmon.thirdParty());

        KnownFilter xp = kb.filterForInstalled("TmXPFlt", null);
        assertEquals("Trend Micro", xp.vendor(), "not in the altitude list, known from Trend's removal tool");
        assertEquals(Boolean.TRUE, xp.thirdParty());

        KnownFilter rsfx = kb.filterForInstalled("RsFx0603", "41006.03");
        assertEquals(Boolean.FALSE, rsfx.thirdParty(), "SQL Server FILESTREAM, an inbox-listed Microsoft filter");
        assertEquals("FSFilter Bottom", rsfx.group());
    }

    @Test
    void describeListedFilters() {
        FilterDescription trend = kb.describe(new InstalledFilter("TMPreFilter", "328500", 0, false, 4, List.of(),
                FilterSource.FLTMC_FILTERS));
        assertEquals("FSFilter Anti-Virus", trend.group());
        assertEquals("Trend Micro", trend.vendor());
        assertEquals(Boolean.TRUE, trend.thirdParty());

        FilterDescription unknown = kb.describe(new InstalledFilter("AVLegacy", "389998.99", null, true, null,
                List.of(), FilterSource.FLTMC_FILTERS));
        assertNull(unknown.known());
        assertNull(unknown.vendor());
        assertNull(unknown.thirdParty(), "not known to be Microsoft's, not known to be anyone's");
        assertEquals("FSFilter Activity Monitor", unknown.group(), "the range still says which group");

        FilterDescription listed = kb.describe(new InstalledFilter("WdFilter", null, 0, false, 8, List.of(),
                FilterSource.FILTER_LIST_LOG));
        assertEquals(Boolean.FALSE, listed.thirdParty(), "FilterList.log has no altitude; the name is enough");
        assertEquals("Microsoft", listed.vendor());

        FilterDescription sdk = kb.describe(new InstalledFilter("cbfsfilter2017", null, 0, false, 1, List.of(),
                FilterSource.FILTER_LIST_LOG));
        assertNull(sdk.vendor());
        assertEquals(Boolean.TRUE, sdk.thirdParty(), "none of the companies it is allocated to is Microsoft");

        KnownFilter mixed = kb.filterByDriver("cbsampledrv.sys");
        assertEquals(Boolean.FALSE, mixed.thirdParty(), "Microsoft's sample, allocated three altitudes");
    }

    @Test
    void inboxFilters() {
        assertTrue(kb.isMicrosoftInbox("WdFilter"));
        assertTrue(kb.isMicrosoftInbox("wof"));
        assertTrue(kb.isMicrosoftInbox("PROCMON23"));
        assertFalse(kb.isMicrosoftInbox("PROCMONX"));
        assertFalse(kb.isMicrosoftInbox("TMPreFilter"));
        assertEquals(Boolean.FALSE, kb.filterForInstalled("WdFilter", "328010").thirdParty());
    }

    @Test
    void agentProcesses() {
        VendorMatch scan = kb.vendorForProcess("ntrtscan.exe", null, null);
        assertEquals(new VendorMatch("Trend Micro", "Apex One", "process-name"), scan);
        assertEquals(new VendorMatch("Trend Micro", "Apex One", "company"),
                kb.vendorForProcess("NTRtScan.exe", "Trend Micro Inc.",
                        "C:\\Program Files (x86)\\Trend Micro\\OfficeScan Client\\NTRtScan.exe"));
        assertEquals(new VendorMatch("Microsoft", "Defender Antivirus", "process-name"),
                kb.vendorForProcess("MsMpEng.exe", null, null));
        assertEquals(new VendorMatch("Trend Micro", null, "image-path"),
                kb.vendorForProcess("helper.exe", null, "C:\\Program Files (x86)\\Trend Micro\\BM\\helper.exe"));
        assertEquals(new VendorMatch("Microsoft", null, "image-path"),
                kb.vendorForProcess("x.exe", "", "C:\\ProgramData\\Microsoft\\Windows Defender\\Platform\\x.exe"));
        assertEquals(new VendorMatch("Symantec", null, "company"),
                kb.vendorForProcess("ntrtscan.exe", "Symantec Corporation", null),
                "the file's own company outranks a name another vendor uses");
        assertTrue(kb.agentProcesses("Trend Micro").containsAll(java.util.List.of("ntrtscan.exe", "tmlisten.exe",
                "pccntmon.exe")));
    }
}
