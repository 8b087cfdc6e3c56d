package io.lockscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KitCommandTest {
    @Test
    void writesTheProfileScriptAndBothReadmes(@TempDir Path dir) throws Exception {
        Path kit = dir.resolve("kit");
        CliRunner r = CliRunner.run("kit", "-o", kit.toString(), "--target", "oposdrv.inf");
        assertEquals(Main.OK, r.exitCode(), r.err());
        for (String name : new String[] {"lockscope-boot.wprp", "collect.cmd", "README.txt", "README.zh-CN.txt"}) {
            assertTrue(Files.size(kit.resolve(name)) > 500, name);
            assertTrue(r.out().contains(kit.resolve(name).toString()), "lists " + name);
        }
        String script = Files.readString(kit.resolve("collect.cmd"), StandardCharsets.UTF_8);
        assertFalse(script.replace("\r\n", "").contains("\n"), "collect.cmd has CRLF line ends only");
        assertTrue(script.contains("target=oposdrv.inf"));
        assertTrue(Files.readString(kit.resolve("README.txt")).contains("oposdrv.inf"));
        assertTrue(r.err().contains("no --procmon"), r.err());
    }

    @Test
    void shipsTheProcmonItIsGiven(@TempDir Path dir) throws Exception {
        Path procmon = dir.resolve("Procmon64.exe");
        byte[] pe = {'M', 'Z', (byte) 0x90, 0, 3, 0};
        Files.write(procmon, pe);
        CliRunner r = CliRunner.run("kit", "-o", dir.resolve("kit").toString(), "--procmon", procmon.toString(),
                "--lang", "zh-CN");
        assertEquals(Main.OK, r.exitCode(), r.err());
        assertArrayEquals(pe, Files.readAllBytes(dir.resolve("kit/Procmon64.exe")));
        String readme = Files.readString(dir.resolve("kit/README.zh-CN.txt"), StandardCharsets.UTF_8);
        assertTrue(readme.contains("Process Monitor 启动日志"), "the Chinese README mentions the boot log it records");
        assertTrue(Files.readString(dir.resolve("kit/collect.cmd"), StandardCharsets.UTF_8).contains("准备完毕"));
    }

    @Test
    void refusesWhatIsNotProcmonATargetThatIsNotANameAndAnUnknownLanguage(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("Procmon.exe"), "not a program");
        CliRunner notPe = CliRunner.run("kit", "-o", dir.resolve("a").toString(), "--procmon", text.toString());
        assertEquals(Main.USAGE, notPe.exitCode());
        assertTrue(notPe.err().contains("not a Windows executable"), notPe.err());

        CliRunner badTarget = CliRunner.run("kit", "-o", dir.resolve("b").toString(), "--target", "x.inf & del C:\\");
        assertEquals(Main.USAGE, badTarget.exitCode());
        assertTrue(badTarget.err().contains("INF or file name"), badTarget.err());

        CliRunner badLang = CliRunner.run("kit", "-o", dir.resolve("c").toString(), "--lang", "fr");
        assertEquals(Main.USAGE, badLang.exitCode());
        assertFalse(Files.exists(dir.resolve("c")), "nothing is written after a usage error");
    }
}
