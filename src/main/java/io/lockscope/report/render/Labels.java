package io.lockscope.report.render;

import io.lockscope.report.model.Report;
import io.lockscope.report.model.Verdict;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * The fixed wording of a rendered page (headings, column names, names of codes such as verdict kinds)
 * in the report's language, and the few phrases every renderer composes the same way from model
 * values. The report's own sentences come already worded from the model and are not looked up here.
 * A batch's index.html is worded from the same labels.
 */
public final class Labels {
    static final String ENGLISH = "en";
    static final String SIMPLIFIED_CHINESE = "zh-CN";

    private static final Map<String, Labels> BY_LANGUAGE = Map.of(
            ENGLISH, load(ENGLISH), SIMPLIFIED_CHINESE, load(SIMPLIFIED_CHINESE));

    private final String lang;
    private final Map<String, String> words;

    private Labels(String lang, Map<String, String> words) {
        this.lang = lang;
        this.words = words;
    }

    /** @throws IllegalArgumentException for a language other than "en" and "zh-CN" */
    public static Labels forLanguage(String lang) {
        Labels labels = lang == null ? null : BY_LANGUAGE.get(lang);
        if (labels == null) {
            throw new IllegalArgumentException("report language must be one of " + BY_LANGUAGE.keySet() + ": " + lang);
        }
        return labels;
    }

    static Labels of(Report report) {
        return forLanguage(report.lang());
    }

    String lang() {
        return lang;
    }

    /** All labels by key, for templates. */
    public Map<String, String> asMap() {
        return words;
    }

    /** @throws IllegalArgumentException when {@code key} has no label: a renderer bug, not bad input */
    public String get(String key) {
        String word = words.get(key);
        if (word == null) {
            throw new IllegalArgumentException("no label '" + key + "' for language " + lang);
        }
        return word;
    }

    /** The label with {0}, {1}, … replaced by {@code args} (no MessageFormat quoting rules). */
    public String format(String key, Object... args) {
        String text = get(key);
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    /**
     * The name of a code from a closed vocabulary (e.g. group "kind", code "lock-holder"); a code the
     * labels do not know is shown as it is rather than failing the whole report.
     */
    public String code(String group, String code) {
        if (code == null) {
            return "";
        }
        if (group.equals("clock") && code.startsWith("local") && code.length() > "local".length()) {
            // local±HH:MM: the offset is part of the code
            return get("clock.localOffset") + inParens("UTC" + code.substring("local".length()));
        }
        return words.getOrDefault(group + "." + code, code);
    }

    /** What follows a label before its value: ": ", or "：" in Chinese. */
    String colon() {
        return get("punct.colon");
    }

    /** An aside after a word: " (x)", or "（x）" in Chinese. */
    String inParens(String text) {
        return format("punct.parens", text);
    }

    /** Between the items of a list: ", ", or "，" in Chinese. */
    String comma() {
        return get("punct.comma");
    }

    String yesNo(Boolean value) {
        if (value == null) {
            return get("unknown");
        }
        return get(value ? "yes" : "no");
    }

    /** "0:120431, 0:120440" — input index and event index, as explained by the "evidenceHint" label. */
    static String evidence(List<Report.Evidence> evidence) {
        if (evidence == null) {
            return "";
        }
        StringJoiner joined = new StringJoiner(", ");
        for (Report.Evidence e : evidence) {
            joined.add(e.input() + ":" + e.index());
        }
        return joined.toString();
    }

    /** "ntrtscan.exe (pid 1880)", or just the name when the pid is unknown. */
    String processWithPid(String process, Integer pid) {
        String name = process == null ? "?" : process;
        return pid == null ? name : name + inParens("pid " + pid);
    }

    /**
     * The culprit on one line: who, then what is known about the product and its driver, e.g.
     * "ntrtscan.exe (pid 1880) — Trend Micro Apex One (Trend Micro Inc.) — driver tmevtmgr.sys, altitude 328510 —
     * open handle (confidence: high)".
     */
    String culpritLine(Verdict.Culprit culprit) {
        if (culprit == null) {
            return get("noCulprit");
        }
        StringJoiner parts = new StringJoiner(get("punct.dash"));
        if (culprit.process() != null) {
            parts.add(processWithPid(culprit.process(), culprit.pid()));
        }
        String product = joinNonNull(" ", culprit.vendor(), culprit.product());
        if (culprit.company() != null && !culprit.company().equals(culprit.vendor())) {
            product = product.isEmpty() ? culprit.company() : product + inParens(culprit.company());
        }
        if (!product.isEmpty()) {
            parts.add(product);
        }
        if (culprit.driver() != null) {
            String driver = get("driver").toLowerCase(Locale.ROOT) + " " + culprit.driver();
            if (culprit.altitude() != null) {
                driver += comma() + get("altitude").toLowerCase(Locale.ROOT) + " " + culprit.altitude();
            }
            parts.add(driver);
        }
        parts.add(code("mechanism", culprit.mechanism()) + confidenceAside(culprit.confidence()));
        return parts.toString();
    }

    /** " (confidence: high)", after a verdict's headline or a culprit, in running text. */
    String confidenceAside(String confidence) {
        return inParens(get("confidence.inline") + colon() + code("confidence", confidence));
    }

    static String joinNonNull(String separator, String... values) {
        StringJoiner joined = new StringJoiner(separator);
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                joined.add(v);
            }
        }
        return joined.toString();
    }

    private static Labels load(String lang) {
        String resource = "/io/lockscope/report/labels-" + lang + ".properties";
        try (InputStream in = Labels.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            Properties properties = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            Map<String, String> words = new LinkedHashMap<>();
            for (String key : properties.stringPropertyNames()) {
                words.put(key, properties.getProperty(key));
            }
            return new Labels(lang, Collections.unmodifiableMap(words));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
