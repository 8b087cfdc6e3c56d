package io.lockscope.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockscope.cli.Main;
import io.lockscope.ingest.archive.Archives;
import io.lockscope.ingest.archive.Cabinets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A generated lock-holder case packed the way {@code collect.cmd finish} packs an upload (names from
 * {@link UploadLayout}; the failing CBS session rotated into an LZX CbsPersist cabinet, as Windows does),
 * analysed end to end from the zip.
 */
class KitUploadTest {
    @TempDir
    static Path dir;
    private static Path upload;

    @BeforeAll
    static void packAGeneratedCaseLikeTheKit() throws Exception {
        Path generated = dir.resolve("generated");
        assertEquals(Main.OK, lockscope("generate", "lock-holder", "-o", generated.toString(), "--events", "20000",
                "--formats", "pml,logs", "-q").exitCode());
        Map<String, byte[]> rotated = new LinkedHashMap<>();
        rotated.put("CbsPersist_20261201093000.log", Files.readAllBytes(generated.resolve("CBS.log")));
        Path cab = Cabinets.writeLzx(dir.resolve("CbsPersist_20261201093000.cab"), rotated);

        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(UploadLayout.PROCMON_LOG, Files.readAllBytes(generated.resolve("boot_log.pml")));
        entries.put(UploadLayout.CBS_FOLDER + "/CbsPersist_20261201093000.cab", Files.readAllBytes(cab));
        entries.put(UploadLayout.CBS_FOLDER + "/FilterList.log", Files.readAllBytes(generated.resolve("FilterList.log")));
        entries.put(UploadLayout.SETUPAPI_DEV, Files.readAllBytes(generated.resolve("setupapi.dev.log")));
        entries.put(UploadLayout.FILTERS, Files.readAllBytes(generated.resolve("fltmc-filters.txt")));
        entries.put(UploadLayout.COLLECT_LOG, "[05.12.2026 10:00] finish started\r\n".getBytes(StandardCharsets.US_ASCII));
        entries.put(UploadLayout.MANIFEST, "lockscope-kit=test\r\ntarget=oposdrv.inf\r\ncomputer=PC01\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        upload = Archives.zip(dir.resolve("lockscope-PC01-20261205_1000.zip"), entries);
    }

    @Test
    void theUploadIsAnalysedFromTheZipAndTheCabinetInIt() throws Exception {
        Run run = lockscope("analyze", upload.toString(), "--format", "json", "-q");
        assertEquals(Main.OK, run.exitCode(), run.err());
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals("lock-holder", report.get("verdict").get("kind").asText());
        List<String> inputs = new ArrayList<>();
        report.get("inputs").forEach(i -> inputs.add(i.get("path").asText()));
        assertTrue(inputs.stream().anyMatch(i -> i.endsWith("!/CBS/CbsPersist_20261201093000.cab!/CbsPersist_20261201093000.log")),
                () -> "the rotated CBS log is read from the cabinet: " + inputs);
    }

    @Test
    void theReportSaysWhichKitFilesWereThereAndWhatTheMissingOnesCost() throws Exception {
        JsonNode report = new ObjectMapper().readTree(lockscope("analyze", upload.toString(), "--format", "json", "-q").out());
        List<String> notes = new ArrayList<>();
        report.get("notes").forEach(n -> notes.add(n.asText()));
        assertTrue(notes.contains("Capture kit upload: present procmon-boot.pml, CBS/, setupapi.dev.log, fltmc-filters.txt."),
                notes::toString);
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("Capture kit upload: missing boot.etl: without the WPR boot "
                + "trace, minifilter failures")), notes::toString);
        for (String missing : List.of(UploadLayout.INSTANCES, UploadLayout.SERVICES, UploadLayout.DRIVERS)) {
            assertTrue(notes.stream().anyMatch(n -> n.startsWith("Capture kit upload: missing " + missing + ": ")),
                    missing);
        }
        JsonNode zh = new ObjectMapper().readTree(lockscope("analyze", upload.toString(), "--format", "json", "-q",
                "--lang", "zh-CN").out());
        List<String> zhNotes = new ArrayList<>();
        zh.get("notes").forEach(n -> zhNotes.add(n.asText()));
        assertTrue(zhNotes.stream().anyMatch(n -> n.startsWith("捕获工具包上传：缺少 boot.etl：没有 WPR 启动跟踪")), zhNotes::toString);
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run lockscope(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }
}
