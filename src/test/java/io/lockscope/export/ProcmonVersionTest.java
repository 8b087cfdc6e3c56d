package io.lockscope.export;

import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.DirectoryDetail;
import io.lockscope.model.detail.SizeDetail;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcmonVersionTest {

    @Test
    void releasesParseAsProcmonNumbersThem() {
        assertEquals(340, ProcmonVersion.parse("3.4").hundredths(), "3.4 is 3.40");
        assertEquals(353, ProcmonVersion.parse("3.53").hundredths());
        assertEquals(401, ProcmonVersion.parse("4.01").hundredths());
        assertSame(ProcmonVersion.LATEST, ProcmonVersion.parse("Latest"));
        assertEquals("3.40", ProcmonVersion.parse("3.4").toString());
        assertEquals("latest", ProcmonVersion.LATEST.toString());
        for (String bad : List.of("", "three", "3.531", "-1", "0", "1e3", "100")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProcmonVersion.parse(bad));
            assertTrue(e.getMessage().contains("not a procmon version"), e.getMessage());
        }
    }

    @Test
    void theInformationClassOfAListingShowsAfter340() {
        DirectoryDetail listing = new DirectoryDetail(null, List.of(".", "..", "a"), 3);
        assertEquals(listing.withoutInfoClass(), ProcmonVersion.parse("3.40").detail(listing));
        assertEquals(listing, ProcmonVersion.parse("3.50").detail(listing));
        assertEquals(listing, ProcmonVersion.LATEST.detail(listing));
        Detail other = new SizeDetail(5);
        assertSame(other, ProcmonVersion.parse("3.40").detail(other), "other details are the same in every release");
    }

    @Test
    void storageReservedIdIsUnknownBefore360() {
        assertEquals("<Unknown>", ProcmonVersion.parse("3.53").operation("SetStorageReservedIdInformation"));
        assertEquals("SetStorageReservedIdInformation",
                ProcmonVersion.parse("3.60").operation("SetStorageReservedIdInformation"));
        assertEquals("SetStorageReservedIdInformation",
                ProcmonVersion.LATEST.operation("SetStorageReservedIdInformation"));
        assertEquals("CreateFile", ProcmonVersion.parse("3.40").operation("CreateFile"));
        assertFalse(ProcmonVersion.parse("3.40").showsDirectoryInformationClass());
    }
}
