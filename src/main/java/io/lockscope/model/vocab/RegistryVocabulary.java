package io.lockscope.model.vocab;

/**
 * The registry words of procmon's Detail column. Source: procmon-formats.md §1.15 and procmon-parser
 * procmon_parser/consts.py.
 */
public final class RegistryVocabulary {
    private RegistryVocabulary() {
    }

    /** Registry ACCESS_MASK; generic mapping R 0x20019, W 0x20006, X 0x20019, All 0xF003F. */
    public static final AccessMask ACCESS = new AccessMask(AccessMask.withStandardRights(
            FlagVocabulary.builder(", ", "")
                    .add(0xF003F, "All Access")
                    .add(0x2001F, "Read/Write")
                    .add(0x20019, "Read")
                    .add(0x20006, "Write")
                    .add(0x1, "Query Value")
                    .add(0x2, "Set Value")
                    .add(0x4, "Create Sub Key")
                    .add(0x8, "Enumerate Sub Keys")
                    .add(0x10, "Notify")
                    .add(0x20, "Create Link")
                    .add(0x300, "WOW64_Res")
                    .add(0x200, "WOW64_32Key")
                    .add(0x100, "WOW64_64Key")).build(),
            0x20019, 0x20006, 0x20019, 0xF003F);

    /** REG_* value types; others render as {@code <Unknown: n>}. */
    public static final CodeVocabulary VALUE_TYPE = new CodeVocabulary("<Unknown: ", ">", 10)
            .add(0, "REG_NONE")
            .add(1, "REG_SZ")
            .add(2, "REG_EXPAND_SZ")
            .add(3, "REG_BINARY")
            .add(4, "REG_DWORD")
            .add(5, "REG_DWORD_BIG_ENDIAN")
            .add(6, "REG_LINK")
            .add(7, "REG_MULTI_SZ")
            .add(8, "REG_RESOURCE_LIST")
            .add(9, "REG_FULL_RESOURCE_DESCRIPTOR")
            .add(10, "REG_RESOURCE_REQUIREMENTS_LIST")
            .add(11, "REG_QWORD");

    public static final int REG_CREATED_NEW_KEY = 1;
    public static final int REG_OPENED_EXISTING_KEY = 2;

    /** RegCreateKey/RegOpenKey "Disposition"; procmon omits the key for other values. */
    public static final CodeVocabulary KEY_DISPOSITION = new CodeVocabulary("", "", 0)
            .add(REG_CREATED_NEW_KEY, "REG_CREATED_NEW_KEY")
            .add(REG_OPENED_EXISTING_KEY, "REG_OPENED_EXISTING_KEY");
}
