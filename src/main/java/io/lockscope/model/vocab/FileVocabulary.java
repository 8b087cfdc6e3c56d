package io.lockscope.model.vocab;

/**
 * The file-system words of procmon's Detail column, each in procmon's exact spelling and order.
 * Source: procmon-formats.md §1.15 and procmon-parser procmon_parser/consts.py.
 */
public final class FileVocabulary {
    private FileVocabulary() {
    }

    /** CreateFile "Desired Access"; generic mapping R 0x120089, W 0x120116, X 0x1200A0, All 0x1F01FF. */
    public static final AccessMask DESIRED_ACCESS = new AccessMask(AccessMask.withStandardRights(
            FlagVocabulary.builder(", ", "")
                    .add(0x1F01FF, "All Access")
                    .add(0x1201BF, "Generic Read/Write/Execute")
                    .add(0x12019F, "Generic Read/Write")
                    .add(0x1200A9, "Generic Read/Execute")
                    .add(0x1201B6, "Generic Write/Execute")
                    .add(0x120089, "Generic Read")
                    .add(0x120116, "Generic Write")
                    .add(0x1200A0, "Generic Execute")
                    .add(0x1, "Read Data/List Directory")
                    .add(0x2, "Write Data/Add File")
                    .add(0x4, "Append Data/Add Subdirectory/Create Pipe Instance")
                    .add(0x8, "Read EA")
                    .add(0x10, "Write EA")
                    .add(0x20, "Execute/Traverse")
                    .add(0x40, "Delete Child")
                    .add(0x80, "Read Attributes")
                    .add(0x100, "Write Attributes")).build(),
            0x120089, 0x120116, 0x1200A0, 0x1F01FF);

    /**
     * QueryDirectory "FileInformationClass": the FILE_INFORMATION_CLASS values a directory query uses
     * (wdm.h / ntifs.h names); an unnamed class renders as its number.
     */
    public static final CodeVocabulary DIRECTORY_INFORMATION_CLASS = new CodeVocabulary("", "", 10)
            .add(1, "FileDirectoryInformation")
            .add(2, "FileFullDirectoryInformation")
            .add(3, "FileBothDirectoryInformation")
            .add(12, "FileNamesInformation")
            .add(29, "FileObjectIdInformation")
            .add(32, "FileQuotaInformation")
            .add(33, "FileReparsePointInformation")
            .add(37, "FileIdBothDirectoryInformation")
            .add(38, "FileIdFullDirectoryInformation")
            .add(50, "FileIdGlobalTxDirectoryInformation")
            .add(60, "FileIdExtdDirectoryInformation")
            .add(63, "FileIdExtdBothDirectoryInformation");

    /** CreateFile "ShareMode": FILE_SHARE_READ 1, WRITE 2, DELETE 4; 0 is "None". */
    public static final FlagVocabulary SHARE_MODE = FlagVocabulary.builder(", ", "None")
            .add(0x1, "Read")
            .add(0x2, "Write")
            .add(0x4, "Delete")
            .build();

    /** CreateFile "Disposition" (CreateOptions >> 24). */
    public static final CodeVocabulary DISPOSITION = new CodeVocabulary("<unknown>", "", 0)
            .add(0, "Supersede")
            .add(1, "Open")
            .add(2, "Create")
            .add(3, "OpenIf")
            .add(4, "Overwrite")
            .add(5, "OverwriteIf");

    /** CreateFile "Options": the low 24 bits of CreateOptions, in procmon's (not numeric) order. */
    public static final FlagVocabulary CREATE_OPTIONS = FlagVocabulary.builder(", ", "")
            .add(0x1, "Directory")
            .add(0x2, "Write Through")
            .add(0x4, "Sequential Access")
            .add(0x8, "No Buffering")
            .add(0x10, "Synchronous IO Alert")
            .add(0x20, "Synchronous IO Non-Alert")
            .add(0x40, "Non-Directory File")
            .add(0x80, "Create Tree Connection")
            .add(0x100, "Complete If Oplocked")
            .add(0x200, "No EA Knowledge")
            .add(0x400, "Open for Recovery")
            .add(0x800, "Random Access")
            .add(0x1000, "Delete On Close")
            .add(0x2000, "Open By ID")
            .add(0x4000, "Open For Backup")
            .add(0x8000, "No Compression")
            .add(0x100000, "Reserve OpFilter")
            .add(0x200000, "Open Reparse Point")
            .add(0x400000, "Open No Recall")
            .add(0x800000, "Open For Free Space Query")
            .add(0x10000, "Open Requiring Oplock")
            .add(0x20000, "Disallow Exclusive")
            .build();

    /** FILE_ATTRIBUTE_* letters, concatenated; 0 is "n/a". "D" is both Directory (0x10) and Device (0x40). */
    public static final FlagVocabulary ATTRIBUTES = FlagVocabulary.builder("", "n/a")
            .add(0x1, "R")
            .add(0x2, "H")
            .add(0x4, "S")
            .add(0x10, "D")
            .add(0x20, "A")
            .add(0x40, "D")
            .add(0x80, "N")
            .add(0x100, "T")
            .add(0x200, "SF")
            .add(0x400, "RP")
            .add(0x800, "C")
            .add(0x1000, "O")
            .add(0x2000, "NCI")
            .add(0x4000, "E")
            .add(0x10000, "V")
            .build();

    /** CreateFile "OpenResult" (IoStatus.Information of a successful create). */
    public static final CodeVocabulary OPEN_RESULT = new CodeVocabulary("<unknown>", "", 0)
            .add(0, "Superseded")
            .add(1, "Opened")
            .add(2, "Created")
            .add(3, "Overwritten")
            .add(4, "Exists")
            .add(5, "DoesNotExist");

    /** ReadFile/WriteFile "I/O Flags" (IOPB flags &amp; 0xE000FF), in procmon's order. */
    public static final FlagVocabulary IO_FLAGS = FlagVocabulary.builder(", ", "")
            .add(0x10, "Buffered")
            .add(0x1, "Non-cached")
            .add(0x2, "Paging I/O")
            .add(0x4, "Synchronous")
            .add(0x40, "Synchronous Paging I/O")
            .add(0x400000, "Write Through")
            .build();

    /** ReadFile/WriteFile "Priority" ((IOPB flags >> 17) &amp; 7); other values as {@code 0x<hex>}. */
    public static final CodeVocabulary IO_PRIORITY = new CodeVocabulary("0x", "", 16)
            .add(1, "Very Low")
            .add(2, "Low")
            .add(3, "Normal")
            .add(4, "High")
            .add(5, "Critical");

    /** SetDispositionInformationEx "Flags" (FILE_DISPOSITION_INFORMATION_EX.Flags, ntddk.h). */
    public static final FlagVocabulary DISPOSITION_FLAGS = FlagVocabulary.builder(", ", "FILE_DISPOSITION_DO_NOT_DELETE")
            .add(0x1, "FILE_DISPOSITION_DELETE")
            .add(0x2, "FILE_DISPOSITION_POSIX_SEMANTICS")
            .add(0x4, "FILE_DISPOSITION_FORCE_IMAGE_SECTION_CHECK")
            .add(0x8, "FILE_DISPOSITION_ON_CLOSE")
            .add(0x10, "FILE_DISPOSITION_IGNORE_READONLY_ATTRIBUTE")
            .build();

    /** CreateFileMapping "SyncType" (FS_FILTER_SECTION_SYNC_TYPE). */
    public static final CodeVocabulary SYNC_TYPE = new CodeVocabulary("Unknown: 0x", "", 16)
            .add(0, "SyncTypeOther")
            .add(1, "SyncTypeCreateSection");

    /** "True" / "False" as procmon writes booleans. */
    public static String bool(boolean value) {
        return value ? "True" : "False";
    }

    /** The boolean spelled {@code text}, or null. */
    public static Boolean parseBool(String text) {
        if (text.equals("True")) {
            return Boolean.TRUE;
        }
        return text.equals("False") ? Boolean.FALSE : null;
    }
}
