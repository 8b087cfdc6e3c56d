package io.lockscope.report.render;

import java.util.List;

/** How renderers lay out what the model left null. */
final class Nulls {
    private Nulls() {
    }

    /** A list the model left null is laid out as empty: every list of a report is always shown. */
    static <T> List<T> orEmpty(List<T> values) {
        return values == null ? List.of() : values;
    }
}
