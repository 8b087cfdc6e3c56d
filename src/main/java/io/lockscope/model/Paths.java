package io.lockscope.model;

import java.util.Locale;

/** Windows path helpers: case-insensitive like NTFS names, backslash-separated. */
public final class Paths {
    private Paths() {
    }

    /** The last component of a Windows path ("C:\x\oposdrv.dll" → "oposdrv.dll"). */
    public static String fileName(String path) {
        if (path == null) {
            return null;
        }
        int cut = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
        return path.substring(cut + 1);
    }

    /**
     * The form paths are compared in: upper case (NTFS upcases names for comparison), the NT
     * prefixes {@code \??\} and {@code \\?\} removed, forward slashes turned into backslashes.
     */
    public static String normalize(String path) {
        String p = path.replace('/', '\\');
        if (p.startsWith("\\??\\") || p.startsWith("\\\\?\\")) {
            p = p.substring(4);
        }
        return p.toUpperCase(Locale.ROOT);
    }
}
