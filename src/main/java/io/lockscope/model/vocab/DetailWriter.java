package io.lockscope.model.vocab;

/** Builds a Detail column: {@code Key: value} pairs joined by ", ". */
final class DetailWriter {
    private final StringBuilder out = new StringBuilder(96);

    DetailWriter add(String key, String value) {
        if (out.length() > 0) {
            out.append(", ");
        }
        out.append(key).append(": ").append(value);
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
