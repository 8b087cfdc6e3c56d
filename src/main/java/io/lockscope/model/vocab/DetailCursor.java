package io.lockscope.model.vocab;

/**
 * Reads a Detail column of the form {@code Key: value, Key: value, …}. Values may themselves contain
 * ", " (option lists, REG_MULTI_SZ data, command lines), so a value ends only where one of the keys
 * that may follow it begins, never at the first comma (procmon-formats.md §2.4).
 */
final class DetailCursor {
    private static final String PAIR_SEPARATOR = ", ";
    private static final String KEY_SEPARATOR = ": ";

    private final String text;
    private int pos;

    DetailCursor(String text) {
        this.text = text;
    }

    /**
     * Consumes {@code key: } (after the pair separator unless at the start) and returns true; returns
     * false and stays put when the text does not continue with that key.
     */
    boolean key(String key) {
        int at = pos;
        if (at > 0) {
            if (!text.startsWith(PAIR_SEPARATOR, at)) {
                return false;
            }
            at += PAIR_SEPARATOR.length();
        }
        if (!text.startsWith(key, at) || !text.startsWith(KEY_SEPARATOR, at + key.length())) {
            return false;
        }
        pos = at + key.length() + KEY_SEPARATOR.length();
        return true;
    }

    /** The value at the cursor: up to the earliest {@code , K: } of the keys that may follow, else to the end. */
    String value(String... following) {
        int end = text.length();
        search:
        for (int i = text.indexOf(PAIR_SEPARATOR, pos); i >= 0; i = text.indexOf(PAIR_SEPARATOR, i + 1)) {
            int keyAt = i + PAIR_SEPARATOR.length();
            for (String k : following) {
                if (text.startsWith(k, keyAt) && text.startsWith(KEY_SEPARATOR, keyAt + k.length())) {
                    end = i;
                    break search;
                }
            }
        }
        String value = text.substring(pos, end);
        pos = end;
        return value;
    }

    boolean atEnd() {
        return pos == text.length();
    }
}
