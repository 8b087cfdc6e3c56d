package io.lockscope.model.vocab;

/**
 * CreateFileMapping "PageProtection". procmon names only the first matching protection in a fixed
 * order (procmon-parser stream_logs_detail_format.py {@code get_filesystem_create_file_mapping}) and
 * appends {@code |PAGE_NOCACHE} — even after an empty name: the corpus has
 * {@code PageProtection: |PAGE_NOCACHE}. A value with none of these bits is not shown at all.
 */
public final class PageProtection {
    public static final int PAGE_READONLY = 0x02;
    public static final int PAGE_READWRITE = 0x04;
    public static final int PAGE_WRITECOPY = 0x08;
    public static final int PAGE_EXECUTE = 0x10;
    public static final int PAGE_EXECUTE_READ = 0x20;
    public static final int PAGE_EXECUTE_READWRITE = 0x40;
    public static final int PAGE_NOCACHE = 0x200;

    private static final String NOCACHE_SUFFIX = "|PAGE_NOCACHE";
    private static final CodeVocabulary PROTECTIONS = new CodeVocabulary("", "", 0)
            .add(PAGE_READONLY, "PAGE_READONLY")
            .add(PAGE_READWRITE, "PAGE_READWRITE")
            .add(PAGE_WRITECOPY, "PAGE_WRITECOPY")
            .add(PAGE_EXECUTE, "PAGE_EXECUTE")
            .add(PAGE_EXECUTE_READ, "PAGE_EXECUTE_READ")
            .add(PAGE_EXECUTE_READWRITE, "PAGE_EXECUTE_READWRITE");
    private static final int[] ORDER = {PAGE_READONLY, PAGE_READWRITE, PAGE_WRITECOPY, PAGE_EXECUTE,
            PAGE_EXECUTE_READ, PAGE_EXECUTE_READWRITE};

    private PageProtection() {
    }

    /** procmon's text for {@code protection}, or null when procmon shows no PageProtection. */
    public static String render(int protection) {
        String name = "";
        for (int p : ORDER) {
            if ((protection & p) != 0) {
                name = PROTECTIONS.render(p);
                break;
            }
        }
        if ((protection & PAGE_NOCACHE) != 0) {
            return name + NOCACHE_SUFFIX;
        }
        return name.isEmpty() ? null : name;
    }

    /** The protection rendered as {@code text}, or null. */
    public static Integer parse(String text) {
        boolean noCache = text.endsWith(NOCACHE_SUFFIX);
        String name = noCache ? text.substring(0, text.length() - NOCACHE_SUFFIX.length()) : text;
        if (noCache && name.isEmpty()) {
            return PAGE_NOCACHE;
        }
        Integer p = PROTECTIONS.parse(name);
        if (p == null) {
            return null;
        }
        return noCache ? p | PAGE_NOCACHE : p;
    }
}
