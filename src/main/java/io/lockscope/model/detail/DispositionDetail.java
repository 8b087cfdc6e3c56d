package io.lockscope.model.detail;

/**
 * SetDispositionInformationFile ("Delete: True") and SetDispositionInformationEx ("Flags: …").
 *
 * @param flags FILE_DISPOSITION_* flags of the Ex form, -1 for the plain form
 */
public record DispositionDetail(boolean delete, int flags) implements Detail {
    public static final int FLAG_DELETE = 0x1;
    /** FILE_DISPOSITION_POSIX_SEMANTICS: the name leaves the namespace when the deleting handle closes. */
    public static final int FLAG_POSIX_SEMANTICS = 0x2;

    /** Whether the delete uses POSIX semantics (the Ex form with FILE_DISPOSITION_POSIX_SEMANTICS). */
    public boolean posix() {
        return flags != -1 && (flags & FLAG_POSIX_SEMANTICS) != 0;
    }
}
