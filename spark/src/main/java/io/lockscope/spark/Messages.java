package io.lockscope.spark;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** The job's own messages on stderr, in English or Chinese ({@code io/lockscope/spark/messages*.properties}). */
final class Messages {
    private Messages() {
    }

    /** @param lang en or zh-CN, as {@code --lang} takes it */
    static String text(String lang, String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle("io.lockscope.spark.messages", Locale.forLanguageTag(lang),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        return new MessageFormat(bundle.getString(key), Locale.ROOT).format(args);
    }
}
