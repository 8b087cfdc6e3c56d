package io.lockscope.report;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Pattern;

/** The report's wording in one language (messages*.properties beside this class). */
final class Words {
    /**
     * Chinese puts no space beside full-width punctuation; a message's space between a Latin argument
     * and Chinese text ("{5}{6} 从同一线程") must go when the argument ends in "）".
     */
    private static final Pattern SPACE_BY_FULL_WIDTH = Pattern.compile("(?<=[（），。；：、！？“”])[ ]+|[ ]+(?=[（），。；：、！？“”])");

    private final String lang;
    private final Locale locale;
    private final ResourceBundle bundle;

    Words(String lang) {
        this.lang = lang;
        this.locale = switch (lang) {
            case "en" -> Locale.ROOT;
            case "zh-CN" -> Locale.SIMPLIFIED_CHINESE;
            default -> throw new IllegalArgumentException("no report language '" + lang + "' (en, zh-CN)");
        };
        // no fallback to the JVM's default locale: --lang en must be English on a Chinese desktop too
        this.bundle = ResourceBundle.getBundle("io.lockscope.report.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    String lang() {
        return lang;
    }

    String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no message '" + key + "' for " + lang, e);
        }
        String text = args.length == 0 ? pattern.replace("''", "'") : new MessageFormat(pattern, locale).format(args);
        return locale == Locale.ROOT ? text : SPACE_BY_FULL_WIDTH.matcher(text).replaceAll("");
    }

    /** Sentences one after the other: a space between them in English, none in Chinese. */
    String sentences(List<String> sentences) {
        return String.join(locale == Locale.ROOT ? " " : "", sentences);
    }
}
