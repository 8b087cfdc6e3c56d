package io.lockscope.ingest.etw.export;


/** Sniffing helpers of the text exports (the head itself is decoded by {@link io.lockscope.ingest.HeadText}). */
final class Sniffing {
    private Sniffing() {
    }

    /** The first line of {@code text} that is not blank, trimmed; "" when none ends within the text. */
    static String firstLine(String text) {
        int start = 0;
        while (start < text.length()) {
            int end = start;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            String line = text.substring(start, end).trim();
            if (!line.isEmpty()) {
                return line;
            }
            start = end + 1;
        }
        return "";
    }
}
