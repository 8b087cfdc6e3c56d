package io.lockscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lockscope.export.pml.PmlWriter;
import io.lockscope.model.Operation;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.TraceBuilder;
import io.lockscope.model.detail.DirectoryDetail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The commands end to end on the sample cases in traces/. */
class CommandsTest {
    private static final String CASE = "traces/lock-holder";
    private static final String CSV = CASE + "/boot_log.csv";

    @Test
    void infoJsonDescribesEveryInputOfTheCase() throws Exception {
        CliRunner r = CliRunner.run("info", CASE, "--format", "json");
        assertEquals(Main.OK, r.exitCode(), r.err());
        JsonNode inputs = new ObjectMapper().readTree(r.out()).get("inputs");
        assertEquals(5, inputs.size(), r.out());
        JsonNode csv = inputs.get(0);
        assertEquals("procmon-csv", csv.get("format").asText());
        assertEquals(1500, csv.get("events").asInt());
        assertEquals(0, csv.get("skipped").asInt());
        long sum = 0;
        for (JsonNode n : csv.get("countsByOperation")) {
            sum += n.asLong();
        }
        assertEquals(1500, sum, "operation counts add up to the events");
        assertTrue(csv.get("countsByOperation").get("CreateFile").asInt() > 0);
        assertTrue(r.out().contains("\"cbs-log\""), r.out());
    }

    @Test
    void timelineFollowsTheTargetWithOpenIntervals() {
        CliRunner r = CliRunner.run("timeline", CSV, "--path", "*oposdrv.inf_amd64_313106b94d0b5742\\oposdrv.dll");
        assertEquals(Main.OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("SHARING VIOLATION"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("ntrtscan.exe") && l.contains("CreateFile") && l.contains("[open until")),
                r.out());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("Time +Process +PID +TID +Operation +Result +Path +Detail"), lines.get(0));
        for (String column : new String[] {"Operation", "Result", "Path"}) {
            int at = lines.get(0).indexOf(column);
            for (String line : lines.subList(1, lines.size() - 1)) {
                assertTrue(line.charAt(at - 1) == ' ' && line.charAt(at) != ' ', column + " starts at column " + at
                        + " on every row:\n" + line);
            }
        }
        CliRunner onlyTi = CliRunner.run("timeline", CSV, "--path", "*oposdrv*", "--process", "TiWorker.exe", "--format", "csv");
        assertEquals(Main.OK, onlyTi.exitCode(), onlyTi.err());
        assertFalse(onlyTi.out().contains("ntrtscan.exe"), "process selector is AND'ed with the path selector");
        assertTrue(onlyTi.out().startsWith("Input,Index,Time,"), onlyTi.out());
    }

    @Test
    void timelineTimeWindowKeepsOnlyThatWindow() {
        CliRunner all = CliRunner.run("timeline", CSV, "--process", "TiWorker.exe");
        CliRunner window = CliRunner.run("timeline", CSV, "--process", "TiWorker.exe", "--from", "09:18:21", "--to", "09:18:22");
        assertEquals(Main.OK, window.exitCode(), window.err());
        long n = window.out().lines().filter(l -> l.startsWith("2022-")).count();
        assertTrue(n > 0 && n < all.out().lines().count(), window.out());
        assertTrue(window.out().lines().filter(l -> l.startsWith("2022-")).allMatch(l -> l.startsWith("2022-08-10T09:18:21")),
                window.out());
    }

    @Test
    void holdersNamesTheBlockerAtTheFailure() {
        CliRunner r = CliRunner.run("holders", CSV, "--path", "*\\oposdrv.inf_amd64_313106b94d0b5742\\oposdrv.dll");
        assertEquals(Main.OK, r.exitCode(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("BLOCKING") && l.contains("ntrtscan.exe")
                && l.contains("holder does not share Delete")), r.out());
    }

    @Test
    void holdersAtAMomentListsWhatWasOpenThen() {
        CliRunner r = CliRunner.run("holders", CSV, "--path", "*\\oposdrv.inf_amd64_313106b94d0b5742\\oposdrv.dll",
                "--at", "09:18:21.7");
        assertEquals(Main.OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("ntrtscan.exe (pid 1880) handle"), r.out());
        CliRunner before = CliRunner.run("holders", CSV, "--path", "*\\oposdrv.inf_amd64_313106b94d0b5742\\oposdrv.dll",
                "--at", "09:17:41");
        assertTrue(before.out().contains("nobody"), before.out());
    }

    @Test
    void convertToCsvReproducesTheExportByteForByte(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("rt.csv");
        CliRunner r = CliRunner.run("convert", CSV, "--to", "csv", "--columns", "all", "-o", out.toString());
        assertEquals(Main.OK, r.exitCode(), r.err());
        assertArrayEquals(Files.readAllBytes(Path.of(CSV)), Files.readAllBytes(out));
    }

    @Test
    void convertWritesWhatTheChosenProcmonReleaseWrote(@TempDir Path dir) throws Exception {
        TraceBuilder b = new TraceBuilder("dir.pml", "procmon-pml");
        int explorer = b.addProcess(ProcessInfo.of(1320, "Explorer.EXE"));
        b.addEvent(132390799943062614L, 1160, explorer, 3556, Operation.QUERY_DIRECTORY, 0,
                b.strings().intern("C:\\Users\\test\\Desktop"),
                new DirectoryDetail(null, List.of(".", "..", "desktop.ini", "Procmon.exe"), 37), -1);
        Path pml = dir.resolve("dir.pml");
        PmlWriter.write(b.build(), pml, PmlWriter.Machine.DEFAULT);
        Map<String, String> detailByVersion = new LinkedHashMap<>();
        for (String version : List.of("latest", "3.53", "3.40")) {
            Path out = dir.resolve(version + ".csv");
            CliRunner r = CliRunner.run("convert", pml.toString(), "--to", "csv", "--columns", "Operation,Detail",
                    "--procmon-version", version, "-o", out.toString());
            assertEquals(Main.OK, r.exitCode(), r.err());
            detailByVersion.put(version, Files.readAllLines(out).get(1));
        }
        String newer = "\"QueryDirectory\",\"0: ., 1: .., FileInformationClass: FileIdBothDirectoryInformation, 3: Procmon.exe\"";
        assertEquals(Map.of("latest", newer, "3.53", newer,
                "3.40", "\"QueryDirectory\",\"0: ., 1: .., 2: desktop.ini, 3: Procmon.exe\""), detailByVersion);
        Path jsonl = dir.resolve("dir.jsonl");
        assertEquals(Main.OK, CliRunner.run("convert", pml.toString(), "--to", "jsonl", "-o", jsonl.toString()).exitCode());
        JsonNode typed = new ObjectMapper().readTree(Files.readString(jsonl)).get("detail");
        assertEquals("[\".\",\"..\",\"desktop.ini\",\"Procmon.exe\"]", typed.get("names").toString(),
                "jsonl keeps every name, the third too");
        assertEquals(37, typed.get("infoClass").asInt());
        CliRunner bad = CliRunner.run("convert", pml.toString(), "--to", "csv", "--procmon-version", "three");
        assertEquals(Main.USAGE, bad.exitCode());
        assertTrue(bad.err().contains("not a procmon version: 'three'"), bad.err());
    }

    @Test
    void servicingLogFindingsSayWhatCbsRecordedAndThatTheInfIsIncidental() throws Exception {
        CliRunner r = CliRunner.run("analyze", CASE, "--format", "json");
        JsonNode findings = new ObjectMapper().readTree(r.out()).get("findings");
        String all = findings.toString();
        assertTrue(all.contains("the Startup phase failed with 0x80070020 (ERROR_SHARING_VIOLATION) on oposdrv.inf (failure source DOQ)"), all);
        assertTrue(all.contains("oposdrv.inf is the first package whose active version changes"), all);
        assertTrue(all.contains("tmevtmgr (328510, Trend Micro, FSFilter Anti-Virus)"), all);
        CliRunner clean = CliRunner.run("analyze", "traces/clean", "--format", "json");
        assertTrue(clean.out().contains("the servicing logs record no failure"), clean.out());
    }

    @Test
    void failOnErrorExitsFourWhenSomethingBlockedAndZeroWhenClean() {
        assertEquals(Main.FINDING, CliRunner.run("analyze", CASE, "--fail-on", "error", "--format", "md").exitCode());
        assertEquals(Main.FINDING, CliRunner.run("analyze", CASE, "--fail-on", "Error", "--format", "md").exitCode(),
                "enum values are taken in any case");
        assertEquals(Main.OK, CliRunner.run("analyze", "traces/clean", "--fail-on", "error", "--format", "md").exitCode());
    }

    @Test
    void htmlAndChineseReports(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("r.html");
        assertEquals(Main.OK, CliRunner.run("analyze", CASE, "--format", "html", "-o", html.toString()).exitCode());
        String page = Files.readString(html);
        assertTrue(page.contains("<svg") && page.contains("ntrtscan.exe"), "timeline picture and culprit");
        CliRunner zh = CliRunner.run("analyze", CASE, "--format", "md", "--lang", "zh-CN");
        assertTrue(zh.out().contains("切勿手动删除 WinSxS 或 DriverStore"), zh.out());
        assertEquals(Main.USAGE, CliRunner.run("analyze", CASE, "--lang", "fr").exitCode());
    }
}
