package io.lockscope.ingest.text;

/**
 * The first bytes of a file as text, for sniffing by content.
 */
public final class HeadText {
    private HeadText() {
    }

    /** The head of a text export, decoded as its byte-order mark says (without one, UTF-8). */
    public static String of(byte[] head, int length) {
        return TextEncoding.fromBom(head, length).decode(head, length);
    }

    /**
     * The first lines of a log's head, decoded as {@link TextEncoding#detect} decides (a trailing partial
     * line is dropped when the head is full).
     */
    public static String[] lines(byte[] head, int n, int maxLines) {
        String text = TextEncoding.detect(head, n).decode(head, n);
        String[] lines = text.split("\r?\n", -1);
        int count = Math.min(lines.length, maxLines);
        if (n == head.length && count == lines.length && count > 1) {
            count--;
        }
        String[] out = new String[count];
        System.arraycopy(lines, 0, out, 0, count);
        return out;
    }

    /** The first line of {@code text} that is not blank, trimmed; "" when none ends within the text. */
    public static String firstLine(String text) {
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
