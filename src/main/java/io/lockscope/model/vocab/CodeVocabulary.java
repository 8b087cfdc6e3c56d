package io.lockscope.model.vocab;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An enumeration procmon renders by name (dispositions, open results, registry value types, …).
 * A code without a name is rendered as {@code prefix + number + suffix} in the given radix, or as the
 * fixed {@code prefix} alone when the radix is 0 (such a spelling cannot be parsed back).
 */
public final class CodeVocabulary {
    private final Map<Integer, String> names = new LinkedHashMap<>();
    private final Map<String, Integer> codes = new HashMap<>();
    private final String unknownPrefix;
    private final String unknownSuffix;
    private final int unknownRadix;

    /**
     * @param unknownPrefix text before the number of an unnamed code
     * @param unknownSuffix text after it
     * @param unknownRadix  10 or 16 (lower-case), or 0 for a fixed text without the number
     */
    CodeVocabulary(String unknownPrefix, String unknownSuffix, int unknownRadix) {
        this.unknownPrefix = unknownPrefix;
        this.unknownSuffix = unknownSuffix;
        this.unknownRadix = unknownRadix;
    }

    /** Adds a name; when several codes share one name, parsing returns the first one added. */
    CodeVocabulary add(int code, String name) {
        names.put(code, name);
        codes.putIfAbsent(name, code);
        return this;
    }

    /** procmon's text for {@code code}. */
    public String render(int code) {
        String name = names.get(code);
        if (name != null) {
            return name;
        }
        if (unknownRadix == 0) {
            return unknownPrefix;
        }
        return unknownPrefix + Integer.toUnsignedString(code, unknownRadix) + unknownSuffix;
    }

    /** The code rendered as {@code text}, or null. */
    public Integer parse(String text) {
        Integer code = codes.get(text);
        if (code != null || unknownRadix == 0) {
            return code;
        }
        if (text.length() <= unknownPrefix.length() + unknownSuffix.length()
                || !text.startsWith(unknownPrefix) || !text.endsWith(unknownSuffix)) {
            return null;
        }
        String digits = text.substring(unknownPrefix.length(), text.length() - unknownSuffix.length());
        try {
            int value = Integer.parseUnsignedInt(digits, unknownRadix);
            return render(value).equals(text) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** True when {@code code} has a name of its own. */
    public boolean isNamed(int code) {
        return names.containsKey(code);
    }
}
