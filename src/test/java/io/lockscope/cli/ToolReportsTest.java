package io.lockscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** holders, timeline and info through their report models: JSON for holders, and each in zh-CN. */
class ToolReportsTest {
    private static final String CSV = "traces/lock-holder/boot_log.csv";
    private static final String DLL = "*\\oposdrv.inf_amd64_313106b94d0b5742\\oposdrv.dll";

    @Test
    void holdersJsonNamesTheBlockerWithTheCaseReportsWording() throws Exception {
        CliRunner r = CliRunner.run("holders", CSV, "--path", DLL, "--format", "json");
        assertEquals(Main.OK, r.exitCode(), r.err());
        JsonNode failure = new ObjectMapper().readTree(r.out()).get("inputs").get(0).get("failures").get(0);
        assertEquals("SHARING VIOLATION", failure.get("result").asText());
        JsonNode blocking = failure.get("blocking").get(0);
        assertEquals("ntrtscan.exe", blocking.get("process").asText());
        assertEquals("holder does not share Delete", blocking.get("why").asText());
        assertTrue(blocking.get("openEvent").asLong() < blocking.get("closeEvent").asLong(), r.out());

        CliRunner analyze = CliRunner.run("analyze", CSV, "--format", "json");
        JsonNode holder = new ObjectMapper().readTree(analyze.out()).get("failures").get(0).get("holders").get(0);
        assertEquals(holder.get("conflict").asText(), blocking.get("why").asText(),
                "holders and analyze word a conflict the same way");
    }

    @Test
    void holdersInChineseWordsRolesAndConflictsFromTheBundles() {
        CliRunner r = CliRunner.run("holders", CSV, "--path", DLL, "--lang", "zh-CN");
        assertEquals(Main.OK, r.exitCode(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("阻止") && l.contains("ntrtscan.exe")
                && l.contains("占用者未共享删除权限")), r.out());
        assertFalse(r.out().contains("holder does not share"), r.out());
        CliRunner nobody = CliRunner.run("holders", CSV, "--path", DLL, "--at", "09:17:41", "--lang", "zh-CN");
        assertTrue(nobody.out().contains("    无\n"), nobody.out());
    }

    @Test
    void timelineAndInfoInChinese() {
        CliRunner timeline = CliRunner.run("timeline", CSV, "--path", DLL, "--lang", "zh-CN");
        assertEquals(Main.OK, timeline.exitCode(), timeline.err());
        List<String> lines = timeline.out().lines().toList();
        assertTrue(lines.get(0).matches("时间 +进程 +PID +TID +操作 +结果 +路径 +详细信息"), lines.get(0));
        assertTrue(lines.get(lines.size() - 1).matches("共 \\d+ 个事件"), timeline.out());
        assertTrue(timeline.out().contains("[打开至 "), timeline.out());

        CliRunner info = CliRunner.run("info", CSV, "--lang", "zh-CN");
        assertEquals(Main.OK, info.exitCode(), info.err());
        assertTrue(info.out().contains("\n  识别依据    procmon-csv by its header\n"), info.out());
        assertTrue(info.out().contains("\n  事件数      1,500\n"), info.out());
    }

    @Test
    void anotherLanguageIsAUsageError() {
        for (String command : List.of("holders", "timeline", "info")) {
            CliRunner r = CliRunner.run(command, CSV, "--path", DLL, "--lang", "fr");
            if (command.equals("info")) {
                r = CliRunner.run(command, CSV, "--lang", "fr");
            }
            assertEquals(Main.USAGE, r.exitCode(), command + ": " + r.err());
            assertTrue(r.err().contains("--lang must be en or zh-CN, not 'fr'"), r.err());
        }
    }
}
