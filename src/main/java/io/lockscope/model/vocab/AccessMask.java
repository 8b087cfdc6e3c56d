package io.lockscope.model.vocab;

/**
 * An ACCESS_MASK vocabulary (file or registry). The generic bits are first mapped the way
 * MapGenericMask does with the object type's mapping, then the named masks are written in order; a
 * mask with no named bit is written {@code None 0x<lower-case hex>} (procmon-formats.md §1.15,
 * procmon-parser consts.py {@code _get_access_mask_string}).
 */
public final class AccessMask {
    public static final int GENERIC_READ = 0x80000000;
    public static final int GENERIC_WRITE = 0x40000000;
    public static final int GENERIC_EXECUTE = 0x20000000;
    public static final int GENERIC_ALL = 0x10000000;

    private static final String NONE_PREFIX = "None 0x";

    private final FlagVocabulary names;
    private final int genericRead;
    private final int genericWrite;
    private final int genericExecute;
    private final int genericAll;

    AccessMask(FlagVocabulary names, int genericRead, int genericWrite, int genericExecute, int genericAll) {
        this.names = names;
        this.genericRead = genericRead;
        this.genericWrite = genericWrite;
        this.genericExecute = genericExecute;
        this.genericAll = genericAll;
    }

    /** Standard rights shared by file and registry masks, in procmon's order (after the specific ones). */
    static FlagVocabulary.Builder withStandardRights(FlagVocabulary.Builder b) {
        return b.add(0x10000, "Delete")
                .add(0x20000, "Read Control")
                .add(0x40000, "Write DAC")
                .add(0x80000, "Write Owner")
                .add(0x100000, "Synchronize")
                .add(0x1000000, "Access System Security")
                .add(0x2000000, "Maximum Allowed");
    }

    /** {@code mask} with its generic bits expanded through the object type's mapping. */
    public int mapGeneric(int mask) {
        int mapped = mask;
        if ((mask & GENERIC_READ) != 0) {
            mapped |= genericRead;
        }
        if ((mask & GENERIC_WRITE) != 0) {
            mapped |= genericWrite;
        }
        if ((mask & GENERIC_EXECUTE) != 0) {
            mapped |= genericExecute;
        }
        if ((mask & GENERIC_ALL) != 0) {
            mapped |= genericAll;
        }
        return mapped;
    }

    /** procmon's text for {@code mask}. */
    public String render(int mask) {
        int mapped = mapGeneric(mask);
        String named = names.renderNamed(mapped);
        return named.isEmpty() ? NONE_PREFIX + Integer.toHexString(mapped) : named;
    }

    /**
     * A mask whose rendering is exactly {@code text}, or null. Generic bits never come back: the
     * value holds the mapped (specific) rights that procmon named.
     */
    public Integer parse(String text) {
        if (text.startsWith(NONE_PREFIX)) {
            String hex = text.substring(NONE_PREFIX.length());
            try {
                int mask = Integer.parseUnsignedInt(hex, 16);
                return render(mask).equals(text) ? mask : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return names.parseNamed(text);
    }
}
