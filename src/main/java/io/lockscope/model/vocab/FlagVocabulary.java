package io.lockscope.model.vocab;

import java.util.ArrayList;
import java.util.List;

/**
 * A bit-set vocabulary as procmon renders it: the named masks are tried in a fixed order, a mask
 * whose bits are all set is written and its bits are removed, and the names are joined by a
 * separator (procmon-formats.md §1.15; the order and the "remove what was named" rule are the ones
 * procmon-parser reproduces in consts.py {@code _get_mask_string}). Bits no name covers are not
 * shown. Composite masks listed before single bits (e.g. "Generic Read") therefore win.
 */
public final class FlagVocabulary {
    private final int[] masks;
    private final String[] names;
    private final String separator;
    private final String zeroText;

    private FlagVocabulary(List<Integer> masks, List<String> names, String separator, String zeroText) {
        this.masks = masks.stream().mapToInt(Integer::intValue).toArray();
        this.names = names.toArray(new String[0]);
        this.separator = separator;
        this.zeroText = zeroText;
    }

    /**
     * Starts a vocabulary.
     *
     * @param separator between names: ", " for lists, "" for attribute letters
     * @param zeroText  what a value with no named bit renders as ("None", "n/a" or "")
     */
    static Builder builder(String separator, String zeroText) {
        return new Builder(separator, zeroText);
    }

    /** Collects (mask, name) pairs in procmon's order. */
    static final class Builder {
        private final List<Integer> masks = new ArrayList<>();
        private final List<String> names = new ArrayList<>();
        private final String separator;
        private final String zeroText;

        private Builder(String separator, String zeroText) {
            this.separator = separator;
            this.zeroText = zeroText;
        }

        Builder add(int mask, String name) {
            masks.add(mask);
            names.add(name);
            return this;
        }

        FlagVocabulary build() {
            return new FlagVocabulary(masks, names, separator, zeroText);
        }
    }

    /** procmon's text for {@code value}. */
    public String render(int value) {
        String named = renderNamed(value);
        return named.isEmpty() ? zeroText : named;
    }

    /** The names of the bits of {@code value}, "" when none is named. */
    String renderNamed(int value) {
        StringBuilder out = null;
        int rest = value;
        for (int i = 0; i < masks.length; i++) {
            if ((rest & masks[i]) == masks[i]) {
                out = out == null ? new StringBuilder() : out.append(separator);
                out.append(names[i]);
                rest &= ~masks[i];
            }
        }
        return out == null ? "" : out.toString();
    }

    /**
     * A value whose rendering is exactly {@code text}, or null. Bits procmon does not name cannot be
     * recovered from text; the value returned holds only named bits.
     */
    public Integer parse(String text) {
        if (text.equals(zeroText)) {
            return 0;
        }
        return parseNamed(text);
    }

    /** Like {@link #parse} but for a non-empty list of names only. */
    Integer parseNamed(String text) {
        if (text.isEmpty()) {
            return null;
        }
        return match(text, 0, 0, 0);
    }

    /*
     * Names are matched in table order; a name may be a prefix of another one ("N" / "NCI") and
     * a name may appear twice ("D" is Directory and Device), so this backtracks. The table is at most
     * a few dozen entries and each name is used once, so the search is tiny.
     */
    private Integer match(String text, int pos, int from, int value) {
        if (pos == text.length()) {
            return renderNamed(value).equals(text) ? value : null;
        }
        String sep = pos == 0 ? "" : separator;
        if (!text.startsWith(sep, pos)) {
            return null;
        }
        int at = pos + sep.length();
        for (int i = from; i < masks.length; i++) {
            if (text.startsWith(names[i], at)) {
                Integer found = match(text, at + names[i].length(), i + 1, value | masks[i]);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
