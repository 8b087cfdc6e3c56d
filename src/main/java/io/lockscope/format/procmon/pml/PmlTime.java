package io.lockscope.format.procmon.pml;

import io.lockscope.model.vocab.FileTimeText;

/**
 * FILETIMEs inside details (file times) in the text form the model keeps them in: procmon's en-US
 * "M/d/yyyy h:mm:ss AM" to the second ({@link FileTimeText}). A PML carries no time zone, so they are
 * rendered in UTC.
 */
public final class PmlTime {
    private PmlTime() {
    }

    /** {@code filetime} (UTC) as procmon shows a file time. */
    public static String dateTime(long filetime) {
        return FileTimeText.of(filetime);
    }

    /** The FILETIME (to the second, UTC) that {@link #dateTime} renders as {@code text}. */
    public static long fileTime(String text) {
        return FileTimeText.parse(text);
    }
}
