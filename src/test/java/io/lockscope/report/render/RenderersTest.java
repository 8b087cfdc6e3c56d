package io.lockscope.report.render;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RenderersTest {

    @Test
    void everyListedFormatHasItsRenderer() {
        assertInstanceOf(TextReportRenderer.class, Renderers.forFormat("text"));
        assertInstanceOf(JsonReportRenderer.class, Renderers.forFormat("json"));
        assertInstanceOf(HtmlReportRenderer.class, Renderers.forFormat("html"));
        assertInstanceOf(MarkdownReportRenderer.class, Renderers.forFormat("md"));
        assertInstanceOf(MarkdownReportRenderer.class, Renderers.forFormat("Markdown"));
        assertEquals("html", Renderers.forFormat("HTML").fileExtension());
        for (String format : Renderers.FORMATS) {
            String out = ReportFixtures.render(Renderers.forFormat(format), ReportFixtures.lockHolder());
            assertTrue(out.contains("ntrtscan.exe"), format);
        }
    }

    @Test
    void unknownFormatIsRefusedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Renderers.forFormat("pdf"));
        assertTrue(e.getMessage().contains("pdf") && e.getMessage().contains("[text, json, html, md]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Renderers.forFormat(null));
    }
}
