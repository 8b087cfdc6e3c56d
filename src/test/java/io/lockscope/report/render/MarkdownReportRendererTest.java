package io.lockscope.report.render;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.lockscope.report.render.MarkdownReportRenderer.escape;
import static io.lockscope.report.render.ReportFixtures.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownReportRendererTest {
    /** A cell border: a pipe not escaped by a backslash. */
    private static final Pattern CELL_BORDER = Pattern.compile("(?<!\\\\)\\|");

    private static List<String> tableRows(String md) {
        return md.lines().filter(l -> l.startsWith("|")).collect(Collectors.toList());
    }

    private static List<String> cells(String row) {
        String[] parts = CELL_BORDER.split(row, -1);
        // parts[0] is before the leading pipe, the last part after the closing one
        return List.of(parts).subList(1, parts.length - 1).stream().map(String::strip).collect(Collectors.toList());
    }

    @Test
    void verdictCulpritEvidenceTableAndRecommendation() {
        String md = render(new MarkdownReportRenderer(), ReportFixtures.lockHolder());
        assertTrue(md.startsWith("## Lock holder: ntrtscan.exe (pid 1880, open handle) blocked oposdrv.dll (confidence: high)\n"),
                md);
        assertTrue(md.contains("**Culprit**: ntrtscan.exe (pid 1880) — Trend Micro Apex One"), md);
        assertTrue(md.contains("**Recommendation**: Exclude the DriverStore"), md);
        assertTrue(md.contains("*Ruled out*: MsMpEng.exe (pid 2412) — closed before the failure"), md);

        List<String> rows = tableRows(md);
        // header, separator, then each failure followed by its one conflicting holder
        assertEquals(6, rows.size(), md);
        assertEquals(List.of("Time", "Process", "PID", "Operation", "Path", "Result", "Conflict"), cells(rows.get(0)));
        assertEquals(List.of("00:00:41.2000000", "TiWorker.exe", "3120", "CreateFile (access Delete, share Read)",
                ReportFixtures.DLL, "SHARING VIOLATION 0xC0000043", ""), cells(rows.get(2)));
        assertEquals(List.of("00:00:40.9000000", "ntrtscan.exe", "1880", "handle: access Read Data, share Read, Write",
                ReportFixtures.DLL, "still open", "holder does not share Delete"), cells(rows.get(3)));
        assertEquals("holder does not share Write", cells(rows.get(5)).get(6));
    }

    @Test
    void pipesAndMarkupInCellsAreEscaped() {
        String md = render(new MarkdownReportRenderer(), ReportFixtures.hostile());
        for (String row : tableRows(md)) {
            assertEquals(7, cells(row).size(), row);
        }
        assertFalse(Pattern.compile("(?<!\\\\)<").matcher(md).find(), "every < is escaped:\n" + md);
        List<String> failureRow = cells(tableRows(md).get(2));
        assertEquals("C:\\x\\\\\\<script\\>alert(1)\\</script\\>.dll", failureRow.get(4));
        assertEquals("evil\\<script\\>alert(2)\\</script\\>\\|x.exe", cells(tableRows(md).get(3)).get(1));
    }

    @Test
    void escapingKeepsPlainTextReadable() {
        assertEquals("a\\|b", escape("a|b"));
        assertEquals(ReportFixtures.DLL, escape(ReportFixtures.DLL), "backslashes before letters and intraword _ stay");
        assertEquals("FILE_SHARE_DELETE", escape("FILE_SHARE_DELETE"));
        assertEquals("\\_x\\_ \\*y\\* \\`z\\` \\[a\\]", escape("_x_ *y* `z` [a]"));
        assertEquals("C:\\\\\\*", escape("C:\\*"), "a backslash before punctuation is doubled");
        assertEquals("ends with\\\\", escape("ends with\\"));
        assertEquals("\\# not a heading", escape("# not a heading"));
        assertEquals("1\\. not a list", escape("1. not a list"));
        assertEquals("one line two", escape("one line\r\ntwo"));
        assertEquals("x\\u0007y", escape("x\u0007y"), "bell shown, not sent");
    }

    @Test
    void noFailureCaseHasNoTable() {
        String md = render(new MarkdownReportRenderer(), ReportFixtures.noFailure());
        assertTrue(md.contains("**Culprit**: No blocker identified"), md);
        assertTrue(md.contains("No failed operation on the target."), md);
        assertEquals(List.of(), tableRows(md));
    }

    @Test
    void chineseReportUsesChineseHeadings() {
        String md = render(new MarkdownReportRenderer(), ReportFixtures.simplifiedChinese());
        assertTrue(md.startsWith("## 文件被占用：ntrtscan.exe（pid 1880，打开的句柄）阻止了 oposdrv.dll（置信度：高）"), md);
        assertEquals(List.of("时间", "进程", "PID", "操作", "路径", "结果", "冲突"), cells(tableRows(md).get(0)));
        assertTrue(md.contains("**建议**：请将 DriverStore"), md);
    }
}
