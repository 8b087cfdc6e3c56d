package io.lockscope.report.render;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineWrapTest {

    @Test
    void breaksAtSpacesAndDropsThem() {
        assertEquals(List.of("one two", "three four", "five"), LineWrap.wrap("one two three four five", 10));
    }

    @Test
    void shortTextIsOneLine() {
        assertEquals(List.of("short"), LineWrap.wrap("short", 10));
    }

    @Test
    void aWordLongerThanTheLineStaysWholeOnItsOwnLine() {
        String path = "C:\\Windows\\System32\\DriverStore\\FileRepository\\oposdrv.inf_amd64\\oposdrv.dll";
        assertEquals(List.of("open", path, "failed"), LineWrap.wrap("open " + path + " failed", 20));
    }

    @Test
    void chineseBreaksBetweenCharactersCountingTwoColumnsEach() {
        List<String> lines = LineWrap.wrap("驱动程序数据库无法读写，输入中没有进程可以解释该失败。", 20);
        assertEquals("驱动程序数据库无法读写，输入中没有进程可以解释该失败。", String.join("", lines));
        for (String line : lines) {
            assertTrue(DisplayWidth.of(line) <= 20, line);
            assertTrue("，。".indexOf(line.charAt(0)) < 0, "no line starts with closing punctuation: " + lines);
        }
    }

    @Test
    void mixedTextBreaksBeforeAChineseCharacterAfterLatin() {
        List<String> lines = LineWrap.wrap("ntrtscan.exe（pid 1880）阻止了 oposdrv.dll", 24);
        assertTrue(lines.size() > 1, lines.toString());
        assertEquals("ntrtscan.exe（pid1880）阻止了oposdrv.dll", String.join("", lines).replace(" ", ""));
        lines.forEach(l -> assertTrue(DisplayWidth.of(l) <= 24, l));
    }
}
