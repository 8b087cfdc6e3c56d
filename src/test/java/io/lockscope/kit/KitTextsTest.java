package io.lockscope.kit;

import org.junit.jupiter.api.Test;

import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** collect.cmd's messages: the same keys and placeholders in both languages, and safe to echo. */
class KitTextsTest {
    @Test
    void bothLanguagesHaveTheSameMessagesAndPlaceholders() {
        ResourceBundle en = CaptureKit.messages("en");
        ResourceBundle zh = CaptureKit.messages("zh-CN");
        assertEquals(new TreeSet<>(en.keySet()), new TreeSet<>(zh.keySet()));
        for (String key : en.keySet()) {
            assertEquals(placeholders(en.getString(key)), placeholders(zh.getString(key)), key);
            assertEquals(en.getString(key).split("\n").length, zh.getString(key).split("\n").length, key + ": lines");
            assertFalse(zh.getString(key).equals(en.getString(key)), key + " is translated");
        }
    }

    @Test
    void noMessageHoldsADoubleQuoteAndChineseUsesFullWidthPunctuation() {
        for (String lang : new String[] {"en", "zh-CN"}) {
            ResourceBundle messages = CaptureKit.messages(lang);
            for (String key : messages.keySet()) {
                assertFalse(messages.getString(key).contains("\""), lang + " " + key + ": a double quote stops cmd's escaping");
            }
        }
        ResourceBundle zh = CaptureKit.messages("zh-CN");
        for (String key : zh.keySet()) {
            String text = zh.getString(key).replaceAll("[A-Za-z0-9_.\\\\:|%{} -]+", "");
            assertFalse(text.matches(".*[,;!?()].*"), key + ": half-width punctuation in Chinese text: " + zh.getString(key));
        }
        assertTrue(zh.getString("finish.logs").contains("服务日志"), "服务 is the word for servicing");
    }

    @Test
    void escapingForEchoKeepsCmdFromRunningWhatAMessageSays() {
        assertEquals("a ^& b ^| c ^> d ^< e ^(f^) 100%% ^^", CaptureKit.escapeForEcho("a & b | c > d < e (f) 100% ^"));
    }

    private static Set<String> placeholders(String message) {
        Set<String> found = new TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\\d}").matcher(message);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
