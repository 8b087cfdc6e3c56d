package io.lockscope.ingest;

/**
 * A user's input cannot be read as it should: the one checked exception family for bad input. The
 * message always names the file and the position (line and record, or byte offset), so the CLI
 * prints it as one line and exits 1, never with a stack trace.
 */
public class BadInputException extends Exception {
    private final String file;
    private final String position;

    public BadInputException(String file, String position, String message) {
        this(file, position, message, null);
    }

    public BadInputException(String file, String position, String message, Throwable cause) {
        super(format(file, position, message), cause);
        this.file = file;
        this.position = position;
    }

    /** The file as the user named it. */
    public String file() {
        return file;
    }

    /** "line 12 (record 11)", "byte 0x1F40", or null when the whole file is concerned. */
    public String position() {
        return position;
    }

    public static String line(long line, long record) {
        return "line " + line + " (record " + record + ")";
    }

    public static String line(long line) {
        return "line " + line;
    }

    public static String byteOffset(long offset) {
        return "byte " + offset + " (0x" + Long.toHexString(offset).toUpperCase() + ")";
    }

    private static String format(String file, String position, String message) {
        return position == null ? file + ": " + message : file + ": " + position + ": " + message;
    }

    /** The content is not a format lockscope reads (or a version of it that is not supported). */
    public static final class Unsupported extends BadInputException {
        public Unsupported(String file, String position, String message) {
            super(file, position, message);
        }
    }

    /** The content is of a known format but broken where it should not be. */
    public static final class Corrupt extends BadInputException {
        public Corrupt(String file, String position, String message) {
            super(file, position, message);
        }

        public Corrupt(String file, String position, String message, Throwable cause) {
            super(file, position, message, cause);
        }
    }

    /** The content ends before the format says it should. */
    public static final class Truncated extends BadInputException {
        public Truncated(String file, String position, String message) {
            super(file, position, message);
        }
    }
}
