package io.lockscope.generate;

import io.lockscope.model.detail.CreateFileDetail;
import io.lockscope.model.detail.IoDetail;
import io.lockscope.model.detail.RegKeyDetail;
import io.lockscope.model.detail.RegValueDetail;

/**
 * The Windows constants the generated events use, and short factories for their typed details. Values:
 * wdm.h / winnt.h, as rendered by procmon (procmon-formats.md §1.15).
 */
final class Details {
    // File ACCESS_MASK bits, and the generic mappings procmon names "Generic Read" / "Generic Write"
    static final int READ_DATA = 0x1;
    static final int READ_ATTRIBUTES = 0x80;
    static final int DELETE = 0x10000;
    static final int SYNCHRONIZE = 0x100000;
    static final int GENERIC_READ = 0x120089;
    static final int GENERIC_WRITE = 0x120116;

    // CreateDisposition and CreateOptions
    static final int OPEN = 1;
    static final int CREATE = 2;
    static final int OVERWRITE_IF = 5;
    static final int DIRECTORY_FILE = 0x1;
    static final int SEQUENTIAL_ONLY = 0x4;
    static final int SYNCHRONOUS_IO_NON_ALERT = 0x20;
    static final int NON_DIRECTORY_FILE = 0x40;
    static final int OPEN_REPARSE_POINT = 0x200000;
    /** FILE_COMPLETE_IF_OPLOCKED: the create returns OPLOCK BREAK IN PROGRESS instead of waiting for the break. */
    static final int COMPLETE_IF_OPLOCKED = 0x100;

    // FILE_ATTRIBUTE_*
    static final int ATTRIBUTE_DIRECTORY = 0x10;
    static final int ATTRIBUTE_ARCHIVE = 0x20;
    static final int ATTRIBUTE_NORMAL = 0x80;

    // IO_STATUS_BLOCK.Information of a successful create
    static final int OPENED = 1;
    static final int CREATED = 2;
    static final int OVERWRITTEN = 3;

    static final int SHARE_READ = CreateFileDetail.SHARE_READ;
    static final int SHARE_WRITE = CreateFileDetail.SHARE_WRITE;
    static final int SHARE_DELETE = CreateFileDetail.SHARE_DELETE;
    static final int SHARE_ALL = SHARE_READ | SHARE_WRITE | SHARE_DELETE;

    /** I/O flags of paging reads: Non-cached, Paging I/O, Synchronous Paging I/O. */
    static final int PAGING_IO = 0x43;
    static final int PRIORITY_NORMAL = 3;

    // Registry access and value types
    static final int KEY_READ = 0x20019;
    static final int KEY_ALL_ACCESS = 0xF003F;
    static final int REG_CREATED_NEW_KEY = 1;
    static final int REG_OPENED_EXISTING_KEY = 2;
    static final int REG_SZ = 1;
    static final int REG_BINARY = 3;
    static final int REG_DWORD = 4;
    static final int REG_MULTI_SZ = 7;

    private Details() {
    }

    /** A successful open of an existing file. */
    static CreateFileDetail opened(int access, int options, int share) {
        return new CreateFileDetail(access, OPEN, options, 0, share, -1, OPENED, null);
    }

    /** An open that failed (no OpenResult). */
    static CreateFileDetail failedOpen(int access, int options, int share) {
        return new CreateFileDetail(access, OPEN, options, 0, share, -1, -1, null);
    }

    /** A create with {@code disposition} that succeeded with {@code openResult}. */
    static CreateFileDetail created(int access, int disposition, int options, int attributes, int share,
                                    int openResult) {
        return new CreateFileDetail(access, disposition, options, attributes, share, 0, openResult, null);
    }

    static IoDetail io(long offset, long length) {
        return new IoDetail(offset, length, -1, -1);
    }

    static IoDetail pagingIo(long offset, long length) {
        return new IoDetail(offset, length, PAGING_IO, PRIORITY_NORMAL);
    }

    static RegKeyDetail key(int access) {
        return new RegKeyDetail(access, -1, -1);
    }

    static RegKeyDetail createdKey(int access, int disposition) {
        return new RegKeyDetail(access, -1, disposition);
    }

    static RegValueDetail string(String data) {
        return new RegValueDetail(-1, null, REG_SZ, 2L * (data.length() + 1), data);
    }

    static RegValueDetail dword(long value) {
        return new RegValueDetail(-1, null, REG_DWORD, 4, Long.toString(value));
    }

    /** REG_BINARY as procmon renders it: the first 16 bytes as upper-case hex pairs. */
    static RegValueDetail binary(byte[] data) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(16, data.length); i++) {
            hex.append(i == 0 ? "" : " ").append(String.format("%02X", data[i] & 0xFF));
        }
        return new RegValueDetail(-1, null, REG_BINARY, data.length, hex.toString());
    }

    /** REG_MULTI_SZ as procmon renders it: the strings joined by ", ". */
    static RegValueDetail multiString(String... values) {
        long chars = 1;
        for (String v : values) {
            chars += v.length() + 1;
        }
        return new RegValueDetail(-1, null, REG_MULTI_SZ, 2 * chars, String.join(", ", values));
    }
}
