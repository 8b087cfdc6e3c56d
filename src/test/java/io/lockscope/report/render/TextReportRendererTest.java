package io.lockscope.report.render;

import io.lockscope.report.model.Report;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static io.lockscope.report.render.ReportFixtures.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextReportRendererTest {
    private static final String CULPRIT_LINE =
            "ntrtscan.exe (pid 1880) — Trend Micro Apex One (Trend Micro Inc.) — driver tmevtmgr.sys, altitude 328510"
                    + " — open handle (confidence: high)";

    private static String text(Report report) {
        return render(new TextReportRenderer(false), report);
    }

    @Test
    void verdictComesFirstWithCulpritAndRecommendation() {
        String text = text(ReportFixtures.lockHolder());
        assertTrue(text.contains("\n  Lock holder: ntrtscan.exe (pid 1880, open handle) blocked oposdrv.dll (confidence: high)\n"),
                text);
        String summary = ReportFixtures.lockHolder().verdict().summary();
        assertTrue(text.replaceAll("\n  (?=\\S)", " ").contains(summary), "the summary, wrapped: " + text);
        assertTrue(text.replace("\n" + " ".repeat(19), " ").contains("Culprit:         " + CULPRIT_LINE), text);
        assertTrue(text.lines().allMatch(l -> DisplayWidth.of(l) <= TextReportRenderer.WIDTH || !l.contains(" — ")),
                "prose is wrapped: " + text);
        assertTrue(text.contains("Basis:           both opens' access"), text);
        assertTrue(text.contains("Recommendation:  Exclude the DriverStore"), text);
        int[] order = {text.indexOf("\nVERDICT"), text.indexOf("\nFAILED OPERATIONS (2)"), text.indexOf("\nFINDINGS"),
                text.indexOf("\nACCESS SEQUENCE"), text.indexOf("\nSERVICING LOGS"), text.indexOf("\nFILTERS"),
                text.indexOf("\nINPUTS"), text.indexOf("\nNOTES")};
        for (int i = 0; i < order.length; i++) {
            assertTrue(order[i] > 0 && (i == 0 || order[i] > order[i - 1]), "section " + i + " in order:\n" + text);
        }
    }

    @Test
    void holdersAreListedBeforeRuledOutOnesWithTheirReasons() {
        String text = text(ReportFixtures.lockHolder());
        String holder = lineWith(text, "holder does not share Delete");
        assertTrue(holder.contains("ntrtscan.exe") && holder.contains("1880") && holder.contains("still open")
                && holder.contains("0:120431"), holder);
        String ruledOut = lineWith(text, "closed before the failure");
        assertTrue(ruledOut.contains("MsMpEng.exe") && ruledOut.contains("00:00:39.8000000"), ruledOut);
        assertTrue(text.indexOf("Held open by:") < text.indexOf("Ruled out:"));
        assertTrue(text.indexOf("Ruled out:") < text.indexOf("closed before the failure"));
        assertTrue(lineWith(text, "tmevtmgr.sys  328510").contains("FSFilter Anti-Virus"));
    }

    @Test
    void tableColumnsAreAligned() {
        String text = text(ReportFixtures.lockHolder());
        List<String> rows = text.lines().filter(l -> l.startsWith("      00:00:") && l.contains("File  "))
                .collect(Collectors.toList());
        assertEquals(6, rows.size(), text);
        for (String row : rows) {
            assertEquals(operationColumn(rows.get(0)), operationColumn(row), row);
            assertEquals(rows.get(0).indexOf("  0:1"), row.indexOf("  0:1"), row);
        }
    }

    @Test
    void chineseCellsAreAlignedByDisplayWidth() {
        String text = text(ReportFixtures.simplifiedChinese());
        assertTrue(text.contains("结论") && text.contains("文件被占用") && text.contains("文件被占用：ntrtscan.exe（pid 1880，打开的句柄）阻止了 oposdrv.dll（置信度：高）"), text);
        assertTrue(text.contains(ReportFixtures.simplifiedChinese().verdict().recommendation()));
        String header = lineWith(text, "时间              进程");
        String chineseRow = lineWith(text, "扫描服务.exe");
        String latinRow = lineWith(text, "TiWorker.exe  3120  CreateFile  SHARING VIOLATION");
        int column = columnOf(header, "操作");
        assertEquals(column, columnOf(chineseRow, "CreateFile"), chineseRow);
        assertEquals(column, columnOf(latinRow, "CreateFile"), latinRow);
    }

    @Test
    void noFailureCaseSaysSoAndOmitsServicingAndFilters() {
        String text = text(ReportFixtures.noFailure());
        assertTrue(text.contains("No failure: The driver update ran without a failure (confidence: medium)"), text);
        assertTrue(text.contains("Culprit:         No blocker identified"), text);
        assertTrue(text.contains("No failed operation on the target."), text);
        assertFalse(text.contains("SERVICING LOGS") || text.contains("\nFILTERS"), text);
    }

    @Test
    void controlCharactersFromTheTraceAreShownNotSentToTheTerminal() {
        String text = text(ReportFixtures.lockHolder("bad\u001B[2Jname\u202Eexe.txt", ReportFixtures.DLL));
        assertFalse(text.contains("\u001B") || text.contains("\u202E"), "no raw escape or bidi override");
        assertTrue(text.contains("bad\\u001B[2Jname\\u202Eexe.txt"), text);
    }

    @Test
    void ansiStylingOnlyWhenAskedFor() {
        assertFalse(text(ReportFixtures.lockHolder()).contains("\u001B"));
        String styled = render(new TextReportRenderer(true), ReportFixtures.lockHolder());
        assertTrue(styled.contains("\u001B[1mVERDICT\u001B[0m"), styled);
        assertTrue(styled.contains("\u001B[31m" + CULPRIT_LINE.substring(0, 30)), styled);
    }

    private static int operationColumn(String row) {
        return Math.max(row.indexOf("CreateFile"), row.indexOf("CloseFile"));
    }

    private static String lineWith(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with '" + part + "' in\n" + text));
    }

    private static int columnOf(String line, String part) {
        int index = line.indexOf(part);
        assertTrue(index >= 0, line);
        return DisplayWidth.of(line.substring(0, index));
    }
}
