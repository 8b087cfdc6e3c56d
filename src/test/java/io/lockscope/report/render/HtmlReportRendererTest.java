package io.lockscope.report.render;

import io.lockscope.report.model.Report;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.lockscope.report.render.ReportFixtures.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class HtmlReportRendererTest {
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)\\b[^>]*?(/?)>");
    private static final Set<String> VOID_ELEMENTS = Set.of("meta", "br", "hr", "img", "input", "link", "col", "wbr");

    private static String html(Report report) {
        return render(new HtmlReportRenderer(), report);
    }

    @Test
    void pageIsBalancedAndSelfContained() {
        for (Report report : new Report[] {ReportFixtures.lockHolder(), ReportFixtures.noFailure(),
                ReportFixtures.simplifiedChinese(), ReportFixtures.hostile()}) {
            String html = html(report);
            assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 40));
            assertBalanced(html);
            assertFalse(html.contains("http://") || html.contains("https://"), "no URL");
            assertFalse(html.contains(" src=") || html.contains(" href=") || html.contains("@import"),
                    "nothing loaded from elsewhere");
            Matcher url = Pattern.compile("url\\((.)").matcher(html);
            while (url.find()) {
                assertEquals("#", url.group(1), "CSS url() only to the page's own gradients");
            }
        }
    }

    @Test
    void headerShowsVerdictAndCulprit() {
        String html = html(ReportFixtures.lockHolder());
        assertTrue(html.contains("<html lang=\"en\">"));
        assertTrue(html.contains("<span class=\"badge kind\">Lock holder</span>"), html);
        assertTrue(html.contains("Confidence: high"));
        assertTrue(html.contains("Culprit: ntrtscan.exe"));
        assertTrue(html.contains("<dt>Vendor</dt><dd>Trend Micro</dd>"));
        assertTrue(html.contains("<dt>Product</dt><dd>Apex One</dd>"));
        assertTrue(html.contains("<code>tmevtmgr.sys</code> · Altitude <code>328510</code>"));
        assertTrue(html.contains("Exclude the DriverStore and WinSxS paths"));
    }

    @Test
    void evidenceTableDimsRuledOutHoldersWithTheirReason() {
        String html = html(ReportFixtures.lockHolder());
        assertEquals(2, count(html, "<div class=\"failure\">"));
        assertEquals(2, count(html, "<tr class=\"holder\">"));
        assertEquals(1, count(html, "<tr class=\"ruled-out\">"));
        String ruledOut = html.substring(html.indexOf("<tr class=\"ruled-out\">"));
        ruledOut = ruledOut.substring(0, ruledOut.indexOf("</tr>"));
        assertTrue(ruledOut.contains("MsMpEng.exe") && ruledOut.contains("closed before the failure"), ruledOut);
        assertEquals(1, count(html, "<tr class=\"third-party\">"), "TmXPFlt is the one third-party filter");
        assertTrue(html.contains("<details"));
    }

    @Test
    void timelineHasOneLanePerPictureLaneAndOneMarkPerFailure() {
        Report report = ReportFixtures.lockHolder();
        String html = html(report);
        assertEquals(1, count(html, "<svg class=\"timeline\""));
        assertEquals(report.picture().lanes().size(), count(html, "<g class=\"lane role-"));
        assertEquals(1, count(html, "<g class=\"lane role-culprit\""));
        assertEquals(1, count(html, "<g class=\"lane role-ruled-out\""));
        assertEquals(report.failures().size(), count(html, "<g class=\"mark\">"));
        assertEquals(report.picture().marks().size(), count(html, "<g class=\"mark\">"));
        assertEquals(2, count(html, "<polygon class=\"arrow\""), "the culprit's two bars are open at the end");
        assertTrue(html.contains("<title>SHARING VIOLATION: " + ReportFixtures.DLL + "</title>"));
        assertTrue(html.contains(">10:47:40.1</text>") && html.contains(">10:47:44.1</text>"),
                "axis ticks in the tables' absolute times");
        assertTrue(html.contains(">time of day (UTC)</text>"), "the axis says its clock");
    }

    @Test
    void hostileNamesAreEscapedEverywhere() {
        String html = html(ReportFixtures.hostile());
        assertFalse(html.contains("<script>alert"), "no injected script");
        assertEquals(1, count(html, "<script"), "only the page's own script");
        assertTrue(html.contains("C:\\x\\&lt;script&gt;alert(1)&lt;/script&gt;.dll"), "path shown escaped");
        assertTrue(html.contains("evil&lt;script&gt;alert(2)&lt;/script&gt;|x.exe"), "process shown escaped");
        assertBalanced(html);
    }

    @Test
    void noFailureCaseHasNoTimelineServicingOrFilters() {
        String html = html(ReportFixtures.noFailure());
        assertTrue(html.contains("No failed operation on the target."));
        assertTrue(html.contains("No blocker identified"));
        assertFalse(html.contains("<svg"));
        assertFalse(html.contains("id=\"servicing\"") || html.contains("id=\"filters\""));
        assertTrue(html.contains("header class=\"verdict kind-no-failure\""));
    }

    @Test
    void chineseReportIsLabelledInChinese() {
        String html = html(ReportFixtures.simplifiedChinese());
        assertTrue(html.contains("<html lang=\"zh-CN\">"));
        assertTrue(html.contains("<span class=\"badge kind\">文件被占用</span>"));
        assertTrue(html.contains("失败的操作") && html.contains("目标文件的时间线") && html.contains("筛选器"));
        assertTrue(html.contains(ReportFixtures.simplifiedChinese().verdict().summary()), "summary as worded");
        assertFalse(html.contains(">Failed operations<"));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    /** Every element opened is closed in order (void elements and self-closed SVG elements aside). */
    private static void assertBalanced(String html) {
        String body = html.replaceAll("(?s)<style>.*?</style>", "<style></style>")
                .replaceAll("(?s)<script>.*?</script>", "<script></script>")
                .replaceAll("(?s)<!--.*?-->", "");
        Deque<String> open = new ArrayDeque<>();
        Matcher tag = TAG.matcher(body);
        while (tag.find()) {
            String name = tag.group(2).toLowerCase();
            boolean closing = !tag.group(1).isEmpty();
            boolean selfClosed = !tag.group(3).isEmpty();
            if (VOID_ELEMENTS.contains(name) || selfClosed) {
                continue;
            }
            if (!closing) {
                open.push(name);
            } else if (open.isEmpty() || !open.pop().equals(name)) {
                fail("unbalanced </" + name + "> at " + tag.start() + ": "
                        + body.substring(Math.max(0, tag.start() - 200), tag.start() + 20));
            }
        }
        assertTrue(open.isEmpty(), "unclosed: " + open);
    }
}
