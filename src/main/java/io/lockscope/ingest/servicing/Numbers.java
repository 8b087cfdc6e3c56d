package io.lockscope.ingest.servicing;

/** Parsing numbers printed in logs without trusting their size. */
final class Numbers {
    private Numbers() {
    }

    /** The decimal {@code text} as an int, or null when it is not one (too long, not digits). */
    static Integer intOrNull(String text) {
        if (text == null || text.isEmpty() || text.length() > 10) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
