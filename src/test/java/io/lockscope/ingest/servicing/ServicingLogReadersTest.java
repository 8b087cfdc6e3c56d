package io.lockscope.ingest.servicing;

import io.lockscope.ingest.BadInputException;
import io.lockscope.ingest.Formats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServicingLogReadersTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
            "cbs-17763-doq-rollback.log, CbsLogReader",
            "cbs-shtd-noncritical.log, CbsLogReader",
            "setupapi-install-driver-updates-failure.log, SetupapiLogReader",
            "fltmc-filters.txt, FltmcFiltersReader",
            "fltmc-instances.txt, FltmcInstancesReader",
            "FilterList.log, FilterListLogReader",
            "sc-query-qc.txt, ScServiceReader",
            "dism-list.txt, DismDriversReader",
            "dism-table.txt, DismDriversReader",
            "pnputil-enum-drivers.txt, PnputilDriversReader"})
    void eachFixtureIsSniffedByItsReaderOnly(String fixture, String reader) throws IOException {
        byte[] head = Files.readAllBytes(Fixtures.path(fixture));
        int matches = 0;
        for (ServicingLogReader r : Formats.servicingLogReaders()) {
            if (r.sniff(head, head.length)) {
                matches++;
                assertEquals(reader, r.getClass().getSimpleName(), fixture);
            }
        }
        assertEquals(1, matches, fixture + " must be claimed by exactly one reader");
    }

    @Test
    void theFileNameDoesNotMatter() throws Exception {
        Path renamed = dir.resolve("upload-07.bin");
        Files.copy(Fixtures.path("cbs-17763-doq-rollback.log"), renamed);
        assertEquals("oposdrv.inf", Formats.readServicingLog(renamed, "upload-07.bin").facts().failingInf());
    }

    @Test
    void binaryGarbageIsNotAServicingLog() throws Exception {
        byte[] noise = new byte[64 * 1024];
        new Random(7).nextBytes(noise);
        Path file = dir.resolve("noise.bin");
        Files.write(file, noise);
        assertNull(Formats.detect(file).servicingLogReader());
        BadInputException e = assertThrows(BadInputException.class, () -> Formats.readServicingLog(file, "noise.bin"));
        assertInstanceOf(BadInputException.Unsupported.class, e);
    }

    @Test
    void emptyFileIsRefusedWithItsName() throws Exception {
        Path file = dir.resolve("empty.log");
        Files.createFile(file);
        BadInputException e = assertThrows(BadInputException.class, () -> Formats.readServicingLog(file, "empty.log"));
        assertEquals("empty.log: the file is empty", e.getMessage());
    }

    @Test
    void aHeaderWithNothingUnderItIsRefused() throws Exception {
        Path file = dir.resolve("header-only.txt");
        Files.writeString(file, "Filter Name                     Num Instances    Altitude    Frame\r\n");
        BadInputException e = assertThrows(BadInputException.class, () -> Formats.readServicingLog(file, "h.txt"));
        assertTrue(e.getMessage().contains("no fltmc filters content"), e.getMessage());
    }

    /**
     * A CBS log with one 8 MB line (no line break) in the middle: read in bounded memory, the line
     * counted as over-long with its length, the records after it still read.
     */
    @Test
    void overLongLineIsCountedAndSkipped() throws Exception {
        Path file = dir.resolve("CBS.log");
        int hugeChars = 8 * 1024 * 1024;
        String hugeLineStart = "2022-08-10 02:14:25, Info                  CBS    Startup: ";
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("2022-08-10 02:14:24, Info                  CBS    TI: --- Initializing Trusted Installer ---\r\n");
            w.write(hugeLineStart);
            char[] chunk = new char[8192];
            java.util.Arrays.fill(chunk, 'x');
            for (int written = 0; written < hugeChars; written += chunk.length) {
                w.write(chunk);
            }
            w.write("\r\n");
            w.write("2022-08-10 02:14:44, Error                 CBS    Startup: Failed executing critical driver "
                    + "operations queue [HRESULT = 0x800703f1 - ERROR_BADDB]\r\n");
        }
        ServicingLog log = Formats.readServicingLog(file, "CBS.log");
        assertEquals(3, log.lines());
        assertEquals(1, log.report().skippedTotal());
        String warning = log.report().warnings().get(0);
        assertTrue(warning.startsWith("line 2 (" + (hugeChars + hugeLineStart.length()) + " chars): skipped: over-long line"), warning);
        assertEquals(0x800703F1, log.facts().failure().hresult());
        assertEquals(3, log.facts().failure().line());
    }

    @Test
    void eventsAreBoundedPerFile() throws Exception {
        Path file = dir.resolve("setupapi.dev.log");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("[Device Install Log]\r\n>>>  [Install Driver Updates]\r\n>>>  Section start 2026/01/22 18:47:26.901\r\n");
            for (int i = 0; i < BoundedEvents.MAX_EVENTS + 500; i++) {
                w.write("!!!  flq: Error 32: The process cannot access the file because it is being used by another process.\r\n");
            }
        }
        ServicingLog log = Formats.readServicingLog(file, "setupapi.dev.log");
        assertEquals(BoundedEvents.MAX_EVENTS, log.facts().events().size());
        assertTrue(log.report().warnings().contains("501 more notable lines were not kept as events (limit 20000 per file)"),
                log.report().warnings().toString());
        assertEquals(BoundedEvents.MAX_EVENTS + 500,
                log.facts().bootSessions().get(0).sections().get(0).problems().size(), "the section keeps them all");
        assertEquals(32, log.facts().bootSessions().get(0).sections().get(0).problems().get(0).code());
    }

    @Test
    void undecodableBytesAreCountedNotFatal() throws Exception {
        Path file = dir.resolve("FilterList.log");
        byte[] text = Files.readAllBytes(Fixtures.path("FilterList.log"));
        byte[] bad = new byte[text.length + 2];
        System.arraycopy(text, 0, bad, 0, text.length);
        bad[text.length] = (byte) 0xC3;
        bad[text.length + 1] = (byte) 0x28; // invalid UTF-8 sequence on a last line
        Files.write(file, bad);
        ServicingLog log = Formats.readServicingLog(file, "FilterList.log");
        assertEquals(3, log.facts().filters().size());
        assertEquals(1, log.report().skippedTotal(), "the damaged line");
        assertTrue(log.report().warnings().stream().anyMatch(w -> w.startsWith("1 lines held bytes")),
                log.report().warnings().toString());
    }
}
