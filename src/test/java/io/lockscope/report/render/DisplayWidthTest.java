package io.lockscope.report.render;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DisplayWidthTest {

    @Test
    void wideCharactersTakeTwoColumnsAndMarksNone() {
        assertEquals(3, DisplayWidth.of("abc"));
        assertEquals(4, DisplayWidth.of("中文"));
        assertEquals(2, DisplayWidth.of("ｈ"), "fullwidth Latin");
        assertEquals(4, DisplayWidth.of("가나"), "Hangul");
        assertEquals(1, DisplayWidth.of("e\u0301"), "combining acute accent");
        assertEquals(2, DisplayWidth.of("\uD840\uDC0B"), "supplementary ideograph U+2000B");
        assertEquals(4, DisplayWidth.of("（，）".substring(0, 2)), "fullwidth punctuation");
    }

    @Test
    void paddingAndTruncationCountColumns() {
        assertEquals("中  |", DisplayWidth.padRight("中", 4) + "|");
        assertEquals("toolong", DisplayWidth.padRight("toolong", 3), "never cut when padding");
        assertEquals("中文…", DisplayWidth.truncate("中文字符", 5));
        assertEquals("ab…", DisplayWidth.truncate("abcdef", 3));
        assertEquals("abc", DisplayWidth.truncate("abc", 3));
    }
}
