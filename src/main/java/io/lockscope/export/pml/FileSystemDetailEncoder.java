package io.lockscope.export.pml;

import io.lockscope.format.procmon.pml.PmlOperations;
import io.lockscope.format.procmon.pml.PmlTime;
import io.lockscope.model.detail.CreateFileDetail;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.DirectoryDetail;
import io.lockscope.model.detail.DispositionDetail;
import io.lockscope.model.detail.FileMappingDetail;
import io.lockscope.model.detail.FileTimesDetail;
import io.lockscope.model.detail.IoDetail;
import io.lockscope.model.detail.LockDetail;
import io.lockscope.model.detail.NetworkOpenDetail;
import io.lockscope.model.detail.RenameDetail;
import io.lockscope.model.detail.SizeDetail;
import io.lockscope.model.detail.StandardInfoDetail;
import io.lockscope.model.vocab.IoControlCodes;
import io.lockscope.model.vocab.WellKnownSids;

import java.nio.ByteBuffer;

import static io.lockscope.export.pml.EventBlobs.truncate;
import static io.lockscope.format.procmon.pml.PmlLayout.FS_IRP_FLAGS;
import static io.lockscope.format.procmon.pml.PmlLayout.FS_PARAMETERS;
import static io.lockscope.format.procmon.pml.PmlLayout.directoryNameLengthOffset;
import static io.lockscope.format.procmon.pml.PmlLayout.directoryNameOffset;
import static io.lockscope.format.procmon.pml.PmlLayout.fsPathInfo;
import static io.lockscope.format.procmon.pml.PmlOperations.*;

/** File-system blobs, the inverse of the reader's {@code FileSystemDetailDecoder}. */
final class FileSystemDetailEncoder extends DetailEncoder {
    private static final String CONTROL = "Control: ";

    FileSystemDetailEncoder(EventBlobs blobs) {
        super(blobs);
    }

    boolean encode(PmlOperations.Code code, String path, Detail d) {
        int op = code.operation();
        int irpFlags = 0;
        if (d instanceof IoDetail io && (op == FS_READ || op == FS_WRITE)) {
            irpFlags = (io.ioFlags() < 0 ? 0 : io.ioFlags()) | (io.priority() < 0 ? 0 : io.priority() << 17);
        }
        detail.u8(code.subOperation()).zeros(FS_IRP_FLAGS - 1).i32(irpFlags).i32(0);
        int params = detail.position();
        detail.zeros(fsPathInfo(ptr) - FS_PARAMETERS);
        // a QueryDirectory path ends with its search pattern, which the blob stores apart (the reader joins them)
        if (d instanceof DirectoryDetail q && q.filter() != null && path.endsWith(q.filter())) {
            path = path.substring(0, path.length() - q.filter().length());
        }
        blobs.string(path, 2);
        if (d instanceof Detail.None) {
            return true;
        }
        if (op == FS_CREATE && d instanceof CreateFileDetail c) {
            detail.putI32At(params + 8, c.disposition() << 24 | c.options());
            detail.putU16At(params + 0x10, c.attributes());
            detail.putU16At(params + 0x12, c.shareMode());
            detail.putI32At(params + 0x28, (int) Math.max(c.allocationSize(), 0));
            byte[] sid = sid(c.impersonating() == null ? null : WellKnownSids.sid(c.impersonating()));
            detail.i32(c.desiredAccess()).u8(sid.length).zeros(3).bytes(sid);
            if (c.openResult() >= 0) {
                blobs.hasExtra = true;
                extra.i64(c.openResult());
            }
            return true;
        }
        if ((op == FS_READ || op == FS_WRITE) && d instanceof IoDetail io) {
            detail.putI32At(params, (int) io.length());
            detail.putI64At(params + 0x10, io.offset());
            blobs.hasExtra = true;
            extra.i64(io.length());
            return true;
        }
        if (op == FS_LOCK_CONTROL && d instanceof LockDetail l) {
            detail.putI64At(params + 0x10, l.offset());
            detail.putU8At(params + 0x20, l.failImmediately() ? 1 : 0);
            detail.putU8At(params + 0x21, l.exclusive() ? 1 : 0);
            detail.i64(l.length());
            return true;
        }
        if (op == FS_SET_INFORMATION && code.subOperation() == INFO_BASIC && d instanceof FileTimesDetail t) {
            int start = detail.position();
            basicInformation(detail, t);
            detail.putI32At(params, detail.position() - start);
            return true;
        }
        if (op == FS_SET_INFORMATION) {
            return setInformation(code.subOperation(), params, d);
        }
        if (op == FS_DIRECTORY_CONTROL && code.subOperation() == SUB_QUERY_DIRECTORY && d instanceof DirectoryDetail q) {
            return queryDirectory(params, q);
        }
        if (op == FS_FILE_SYSTEM_CONTROL && d instanceof Detail.Text t && t.text().startsWith(CONTROL)
                && IoControlCodes.code(t.text().substring(CONTROL.length())) != -1) {
            // the control code in the third pointer-sized parameter slot (see the reader)
            detail.putI32At(params + 2 * ptr, IoControlCodes.code(t.text().substring(CONTROL.length())));
            return true;
        }
        if (op == FS_CREATE_FILE_MAPPING && d instanceof FileMappingDetail m) {
            // procmon shows the protection it finds in the second pointer-sized slot (see the reader)
            detail.putI32At(params, m.syncType());
            detail.putI32At(params + ptr, Math.max(m.pageProtection(), 0));
            return true;
        }
        blobs.hasExtra = true;
        if (op == FS_QUERY_INFORMATION && code.subOperation() == INFO_BASIC && d instanceof FileTimesDetail t) {
            basicInformation(extra, t);
            return true;
        }
        if (op == FS_QUERY_INFORMATION && code.subOperation() == INFO_STANDARD && d instanceof StandardInfoDetail s) {
            extra.i64(s.allocationSize()).i64(s.endOfFile()).i32(s.numberOfLinks()).u8(s.deletePending() ? 1 : 0)
                    .u8(s.directory() ? 1 : 0).zeros(2);
            return true;
        }
        if ((op == FS_QUERY_OPEN || op == FS_QUERY_INFORMATION && code.subOperation() == INFO_NETWORK_OPEN)
                && d instanceof NetworkOpenDetail n) {
            extra.i64(PmlTime.fileTime(n.creationTime())).i64(PmlTime.fileTime(n.lastAccessTime()))
                    .i64(PmlTime.fileTime(n.lastWriteTime())).i64(PmlTime.fileTime(n.changeTime()))
                    .i64(n.allocationSize()).i64(n.endOfFile()).i32(n.attributes()).zeros(4);
            return true;
        }
        blobs.hasExtra = false;
        return false;
    }

    /**
     * QueryDirectory: the class in the third parameter slot, the search pattern after the path and the
     * names as a chain of the class's directory records in the extra blob.
     */
    private boolean queryDirectory(int params, DirectoryDetail q) {
        int nameOffset = directoryNameOffset(q.infoClass());
        if (q.infoClass() < 0 || nameOffset == 0 && !q.names().isEmpty()) {
            return false;
        }
        detail.putI32At(params + 2 * ptr, q.infoClass());
        String filter = q.filter() == null ? "" : truncate(q.filter());
        detail.u16(filter.length()).utf16(filter);
        for (int i = 0; i < q.names().size(); i++) {
            blobs.hasExtra = true;
            String name = truncate(q.names().get(i));
            int start = extra.position();
            int size = (nameOffset + 2 * name.length() + 7) & ~7;
            extra.i32(i + 1 < q.names().size() ? size : 0).zeros(nameOffset - 4).utf16(name)
                    .zeros(size - nameOffset - 2 * name.length());
            extra.putI32At(start + directoryNameLengthOffset(q.infoClass()), 2 * name.length());
        }
        return true;
    }

    /** FILE_BASIC_INFORMATION: four FILETIMEs, u32 attributes, padding to 8 bytes. */
    private static void basicInformation(LeBuffer b, FileTimesDetail t) {
        b.i64(PmlTime.fileTime(t.creationTime())).i64(PmlTime.fileTime(t.lastAccessTime()))
                .i64(PmlTime.fileTime(t.lastWriteTime())).i64(PmlTime.fileTime(t.changeTime())).i32(t.attributes())
                .zeros(4);
    }

    private boolean setInformation(int infoClass, int params, Detail d) {
        int bufferStart = detail.position();
        if (d instanceof DispositionDetail dd && infoClass == INFO_DISPOSITION) {
            detail.u8(dd.delete() ? 1 : 0);
        } else if (d instanceof DispositionDetail dd && infoClass == INFO_DISPOSITION_EX) {
            detail.i32(dd.flags());
        } else if (d instanceof SizeDetail s && (infoClass == INFO_END_OF_FILE || infoClass == INFO_ALLOCATION)) {
            detail.i64(s.size());
        } else if (d instanceof RenameDetail r && (infoClass == INFO_RENAME || infoClass == INFO_LINK
                || infoClass == INFO_RENAME_EX || infoClass == INFO_RENAME_EX_BYPASS)) {
            // FILE_RENAME_INFORMATION with the caller's name, then the normalized destination
            String target = r.target() == null ? "" : truncate(r.target());
            detail.i32(r.replaceIfExists() ? 1 : 0).zeros(ptr - 4).pointer(0, ptr).i32(2 * target.length())
                    .utf16(target);
            detail.putI32At(params, detail.position() - bufferStart);
            detail.u16(target.length()).utf16(target);
            return true;
        } else {
            return false;
        }
        detail.putI32At(params, detail.position() - bufferStart);
        return true;
    }

    /** A SID string ("S-1-5-18") as its binary form, empty when absent or not a SID. */
    private static byte[] sid(String text) {
        if (text == null || !text.startsWith("S-1-")) {
            return new byte[0];
        }
        String[] parts = text.split("-");
        try {
            long authority = Long.parseLong(parts[2]);
            int count = parts.length - 3;
            LeBuffer b = new LeBuffer(8 + 4 * count);
            b.u8(1).u8(count);
            for (int k = 5; k >= 0; k--) {
                b.u8((int) (authority >>> (8 * k)));
            }
            for (int k = 0; k < count; k++) {
                b.i32((int) Long.parseLong(parts[3 + k]));
            }
            ByteBuffer bb = b.flip();
            byte[] out = new byte[bb.limit()];
            bb.get(out);
            return out;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return new byte[0];
        }
    }
}
