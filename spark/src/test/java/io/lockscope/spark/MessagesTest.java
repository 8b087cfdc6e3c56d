package io.lockscope.spark;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.ResourceBundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every message of the job exists in English and Chinese. */
class MessagesTest {
    @Test
    void bothLanguagesHaveEveryMessage() {
        ResourceBundle.Control exact = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
        ResourceBundle en = ResourceBundle.getBundle("io.lockscope.spark.messages", Locale.ROOT, exact);
        ResourceBundle zh = ResourceBundle.getBundle("io.lockscope.spark.messages", Locale.forLanguageTag("zh-CN"), exact);
        assertEquals(Locale.forLanguageTag("zh-CN"), zh.getLocale(), "the Chinese bundle itself, not a fallback");
        assertEquals(en.keySet(), zh.keySet());
        assertEquals("lockscope-spark: 3 cases (1 analysed, 2 unchanged); summary in out/",
                Messages.text("en", "total", 3, 1, 2, "out/"));
        assertEquals("lockscope-spark：共 3 个案例（分析 1 个，2 个未变）；汇总在 out/",
                Messages.text("zh-CN", "total", 3, 1, 2, "out/"));
    }
}
