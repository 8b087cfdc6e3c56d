package io.lockscope.ingest.servicing;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.Formats;
import io.lockscope.model.servicing.FilterSource;
import io.lockscope.model.servicing.InstalledFilter;
import io.lockscope.model.servicing.ServicingFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilterReadersTest {
    @TempDir
    Path dir;

    @Test
    void fltmcFiltersWithLegacyAndFractionalAltitudes() throws Exception {
        ServicingLog log = Fixtures.read("fltmc-filters.txt");
        assertEquals("fltmc filters", log.kind());
        assertEquals(0, log.report().skippedTotal(), log.report().warnings().toString());
        List<InstalledFilter> filters = log.facts().filters();
        assertEquals(8, filters.size());
        assertEquals(new InstalledFilter("TMPreFilter", "328500", 0, false, 4, List.of(), FilterSource.FLTMC_FILTERS),
                filters.get(2));
        assertEquals("385250.5", filters.get(4).altitude());
        InstalledFilter noAltitude = filters.get(5);
        assertEquals("cbfsconnect2017", noAltitude.name());
        assertTrue(noAltitude.legacy());
        assertNull(noAltitude.altitude());
        assertNull(noAltitude.instances());
        assertNull(noAltitude.frame());
        InstalledFilter legacy = filters.get(6);
        assertEquals("389998.99", legacy.altitude(), "a lone number under the Altitude column is the altitude");
        assertNull(legacy.instances());
        assertTrue(legacy.legacy());
    }

    @Test
    void withoutTheDashLineTheHeaderGivesTheColumns() throws Exception {
        String text = Files.readString(Fixtures.path("fltmc-filters.txt")).replaceFirst("-{30}[- ]+\r\n", "");
        Path file = dir.resolve("nodashes.txt");
        Files.writeString(file, text);
        assertEquals(Fixtures.read("fltmc-filters.txt").facts().filters(),
                Formats.readServicingLog(file, "nodashes.txt").facts().filters());
    }

    @Test
    void utf16leFromPowerShellRedirectionReadsTheSame() throws Exception {
        ServicingLog ascii = Fixtures.read("fltmc-filters.txt");
        Path utf16 = Fixtures.asUtf16le("fltmc-filters.txt", dir);
        ServicingLog wide = Formats.readServicingLog(utf16, "fltmc-utf16.txt");
        assertEquals(ascii.facts().filters(), wide.facts().filters());
        assertEquals(0, wide.report().warningCount());
    }

    @Test
    void utf16leWithoutBomIsRecognised() throws Exception {
        String text = Files.readString(Fixtures.path("fltmc-filters.txt"));
        Path file = dir.resolve("nobom.txt");
        Files.write(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        assertEquals(8, Formats.readServicingLog(file, "nobom.txt").facts().filters().size());
    }

    @Test
    void fltmcRunWithoutElevationIsReportedNotParsed() throws Exception {
        Path file = dir.resolve("denied.txt");
        Files.writeString(file, "Filter listing failed with error: 0x80070005\r\nAccess is denied.\r\n");
        BadInputException e = assertThrows(BadInputException.class, () -> Formats.readServicingLog(file, "denied.txt"));
        assertInstanceOf(BadInputException.Unsupported.class, e);
        assertTrue(e.getMessage().startsWith("denied.txt: line 1: fltmc could not list filters"), e.getMessage());
    }

    @Test
    void fltmcInstancesFoldIntoFilters() throws Exception {
        ServicingLog log = Fixtures.read("fltmc-instances.txt");
        assertEquals(0, log.report().skippedTotal(), log.report().warnings().toString());
        List<InstalledFilter> filters = log.facts().filters();
        assertEquals(List.of("WdFilter", "npsvctrig", "FileInfo", "RsFx0603"),
                filters.stream().map(InstalledFilter::name).toList());
        InstalledFilter wd = filters.get(0);
        assertEquals(2, wd.instances());
        assertEquals(List.of("C:", "\\Device\\Mup"), wd.volumes());
        assertEquals("328010", wd.altitude());
        assertEquals(FilterSource.FLTMC_INSTANCES, wd.source());
        InstalledFilter rsfx = filters.get(3);
        assertEquals("41006.03", rsfx.altitude());
        assertEquals(List.of(), rsfx.volumes(), "blank volume column");
        assertEquals(0, rsfx.frame());
    }

    @Test
    void filterListLogHasCountsButNoAltitude() throws Exception {
        ServicingLog log = Fixtures.read("FilterList.log");
        assertEquals("FilterList.log", log.kind());
        List<InstalledFilter> filters = log.facts().filters();
        assertEquals(new InstalledFilter("WdFilter", null, 0, false, 8, List.of(), FilterSource.FILTER_LIST_LOG),
                filters.get(1));
        assertEquals(3, filters.size());
    }

    @Test
    void listingsOfOneCaseMergePerFilter() throws Exception {
        ServicingFacts merged = ServicingFacts.merge(List.of(Fixtures.read("FilterList.log").facts(),
                Fixtures.read("fltmc-filters.txt").facts(), Fixtures.read("fltmc-instances.txt").facts()));
        InstalledFilter wd = merged.filters().stream().filter(f -> f.name().equals("WdFilter")).findFirst().orElseThrow();
        assertEquals("328010", wd.altitude(), "altitude from fltmc joins FilterList.log's row");
        assertEquals(8, wd.instances(), "the first listing's count is kept");
        assertEquals(List.of("C:", "\\Device\\Mup"), wd.volumes());
        assertEquals(FilterSource.FLTMC_FILTERS, wd.source());
        assertEquals(11, merged.filters().size());
        assertFalse(merged.hasServicingLog());
    }
}
