package io.lockscope.model.detail;

/**
 * SetDispositionInformationFile ("Delete: True") and SetDispositionInformationEx ("Flags: …").
 *
 * @param flags FILE_DISPOSITION_* flags of the Ex form, -1 for the plain form
 */
public record DispositionDetail(boolean delete, int flags) implements Detail {
    public static final int FLAG_DELETE = 0x1;
}
