package io.lockscope.report;

import io.lockscope.rules.Advice;
import io.lockscope.rules.ConfidenceReason;
import io.lockscope.rules.Mechanism;
import io.lockscope.rules.Rule;
import io.lockscope.rules.Rules;
import io.lockscope.rules.VendorAdvice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every message a rule or the typed verdict can use is worded in both report languages, and every message
 * is a valid MessageFormat pattern (a lone apostrophe would swallow the arguments after it).
 */
class MessageKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"messages.properties", "messages_zh_CN.properties"})
    void typedVerdictKeysAreInBothBundles(String file) throws IOException {
        // the file itself, not a ResourceBundle, which would find a missing Chinese key in its English parent
        Properties bundle = new Properties();
        try (InputStream in = MessageKeysTest.class.getResourceAsStream(file)) {
            bundle.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        List<String> keys = new ArrayList<>();
        for (Rule rule : Rules.all()) {
            assertFalse(rule.messageKeys().isEmpty(), rule.id() + " declares its message keys");
            keys.addAll(rule.messageKeys());
        }
        for (Advice a : Advice.values()) {
            keys.add(a.key());
        }
        for (VendorAdvice v : VendorAdvice.values()) {
            keys.add(v.key());
        }
        for (ConfidenceReason r : ConfidenceReason.values()) {
            keys.add(r.key());
        }
        for (Mechanism m : Mechanism.values()) {
            keys.add("mechanism." + m.id());
        }
        List<String> missing = keys.stream().filter(k -> !bundle.containsKey(k)).toList();
        assertTrue(missing.isEmpty(), file + " lacks " + missing);
        for (String key : bundle.stringPropertyNames()) {
            String pattern = bundle.getProperty(key);
            assertFalse(pattern.replace("''", "").contains("'"), file + " " + key + " has a lone apostrophe: " + pattern);
            new MessageFormat(pattern, Locale.ROOT);
        }
    }
}
