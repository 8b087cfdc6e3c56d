package io.lockscope.ingest;

import io.lockscope.ingest.archive.ArchiveFormat;
import io.lockscope.ingest.procmon.pml.PmlReader;
import io.lockscope.ingest.servicing.FilterListLogReader;
import io.lockscope.ingest.servicing.FltmcFiltersReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

class FormatsTest {
    private static Formats.Detection detect(String text) {
        byte[] head = text.getBytes(StandardCharsets.UTF_8);
        return Formats.detect(head, head.length);
    }

    @Test
    void aSignatureIsTheStrongestEvidence() {
        Formats.Detection pml = detect("PML_\u0009\0\0\0");
        assertInstanceOf(PmlReader.class, pml.traceReader());
        assertEquals("procmon-pml by its signature bytes", pml.why());
        Formats.Detection zip = detect("PK\u0003\u0004rest of a zip");
        assertEquals(ArchiveFormat.ZIP, zip.archive());
        assertNull(zip.traceReader());
        assertNull(zip.servicingLogReader());
    }

    /**
     * {@code fltmc filters} output whose rows are indented like FilterList.log's: both readers recognise
     * it; the header is stronger evidence than the shape of the rows, whatever order the readers load in.
     */
    @Test
    void whenTwoReadersMatchTheStrongerEvidenceWinsAndWhySaysSo() {
        Formats.Detection d = detect("Filter Name                     Num Instances    Altitude    Frame\r\n"
                + "        WdFilter    5    328010\r\n"
                + "        storqosflt    0    244000\r\n"
                + "        wcifs    1    189900\r\n");
        assertInstanceOf(FltmcFiltersReader.class, d.servicingLogReader());
        assertEquals(1, d.alsoMatched().size());
        assertInstanceOf(FilterListLogReader.class, d.alsoMatched().get(0).reader());
        assertEquals("filter-list (fltmc filters) by its header; also matched filter-list (FilterList.log)"
                + " (weaker evidence)", d.why());
    }

    @Test
    void contentNoReaderKnowsIsNotRecognised() {
        Formats.Detection d = detect("just some notes about the case\n");
        assertFalse(d.recognised());
        assertNull(d.traceReader());
        assertEquals("no format recognised the content", d.why());
    }
}
