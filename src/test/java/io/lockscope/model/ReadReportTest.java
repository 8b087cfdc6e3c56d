package io.lockscope.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ReadReportTest {

    @Test
    void aWarningQuotingControlCharactersStaysOnOneLine() {
        ReadReport report = new ReadReport();
        report.warn("line 7: bad time \"1:02\n\0\t\u0085\u2028\u007F\"");
        report.skip("bad time \"a\r\nb\"", "line 9");

        assertEquals("line 7: bad time \"1:02\\n\\x00\\t\\x85\\u2028\\x7F\"", report.warnings().get(0));
        assertEquals("line 9: skipped: bad time \"a\\r\\nb\"", report.warnings().get(1));
        assertEquals(1L, report.skippedByReason().get("bad time \"a\\r\\nb\""), "the reason's count is kept under its one-line form");
    }

    @Test
    void printableTextIsKeptAsItIs() {
        String text = "第 3 行：时间 “上午 1:02” 无法识别 — ok";
        assertSame(text, ReadReport.oneLine(text));
    }
}
