package io.lockscope.model.detail;

/**
 * CreateFile parameters (IRP_MJ_CREATE) and, when it succeeded, the open result.
 *
 * @param desiredAccess  ACCESS_MASK as requested (generic bits as procmon saw them)
 * @param disposition    FILE_SUPERSEDE 0 … FILE_OVERWRITE_IF 5
 * @param options        CreateOptions, 24 bits (the disposition is not included)
 * @param attributes     FILE_ATTRIBUTE_* bits; 0 renders as "n/a"
 * @param shareMode      FILE_SHARE_READ 1 | WRITE 2 | DELETE 4
 * @param allocationSize bytes, -1 when procmon shows "n/a"
 * @param openResult     FILE_SUPERSEDED 0 … FILE_DOES_NOT_EXIST 5, -1 when absent (failed create)
 * @param impersonating  the account shown as "Impersonating:", or null
 */
public record CreateFileDetail(int desiredAccess, int disposition, int options, int attributes, int shareMode,
                               long allocationSize, int openResult, String impersonating) implements Detail {
    public static final int SHARE_READ = 1;
    public static final int SHARE_WRITE = 2;
    public static final int SHARE_DELETE = 4;

    public CreateFileDetail {
        if (disposition < 0 || disposition > 7) {
            throw new IllegalArgumentException("disposition out of range: " + disposition);
        }
        if ((options & 0xFF000000) != 0) {
            throw new IllegalArgumentException("options wider than 24 bits: 0x" + Integer.toHexString(options));
        }
        if ((shareMode & ~7) != 0) {
            throw new IllegalArgumentException("share mode out of range: " + shareMode);
        }
        if (openResult < -1 || openResult > 14) {
            throw new IllegalArgumentException("open result out of range: " + openResult);
        }
    }
}
