package io.lockscope.model.vocab;

import io.lockscope.model.Operation;
import io.lockscope.model.detail.Detail;

/**
 * procmon's Detail column grammar (procmon-formats.md §2.4), both ways: text → typed {@link Detail}
 * and back. The two directions share one vocabulary, so {@code render(parse(x)) == x} for every
 * Detail procmon writes; a text that would not come back identical is kept as {@link Detail.Text}.
 */
public final class DetailFormat {
    private DetailFormat() {
    }

    /** Parses a Detail column value; never throws: what it cannot decode comes back as Text. */
    public static Detail parse(Operation operation, String text, NumberStyle style) {
        if (text.isEmpty()) {
            return Detail.None.INSTANCE;
        }
        return new Detail.Text(text);
    }

    /** Renders {@code detail} exactly as procmon writes it for {@code operation}. */
    public static String render(Operation operation, Detail detail, NumberStyle style) {
        if (detail instanceof Detail.Text t) {
            return t.text();
        }
        if (detail instanceof Detail.None) {
            return "";
        }
        throw new UnsupportedOperationException("render not yet implemented for " + detail);
    }
}
