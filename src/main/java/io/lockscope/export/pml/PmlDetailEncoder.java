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
import io.lockscope.model.detail.ProcessDetail;
import io.lockscope.model.detail.RegKeyDetail;
import io.lockscope.model.detail.RegValueDetail;
import io.lockscope.model.detail.RenameDetail;
import io.lockscope.model.detail.SizeDetail;
import io.lockscope.model.detail.StandardInfoDetail;
import io.lockscope.model.vocab.WellKnownSids;

import java.nio.charset.StandardCharsets;

import static io.lockscope.format.procmon.pml.PmlLayout.FS_IRP_FLAGS;
import static io.lockscope.format.procmon.pml.PmlLayout.FS_PARAMETERS;
import static io.lockscope.format.procmon.pml.PmlLayout.KEY_VALUE_FULL_INFORMATION;
import static io.lockscope.format.procmon.pml.PmlLayout.KEY_VALUE_PARTIAL_INFORMATION;
import static io.lockscope.format.procmon.pml.PmlLayout.MAX_STRING_CHARS;
import static io.lockscope.format.procmon.pml.PmlLayout.REG_BINARY;
import static io.lockscope.format.procmon.pml.PmlLayout.REG_DWORD;
import static io.lockscope.format.procmon.pml.PmlLayout.REG_EXPAND_SZ;
import static io.lockscope.format.procmon.pml.PmlLayout.REG_MULTI_SZ;
import static io.lockscope.format.procmon.pml.PmlLayout.REG_QWORD;
import static io.lockscope.format.procmon.pml.PmlLayout.REG_SZ;
import static io.lockscope.format.procmon.pml.PmlLayout.directoryNameLengthOffset;
import static io.lockscope.format.procmon.pml.PmlLayout.directoryNameOffset;
import static io.lockscope.format.procmon.pml.PmlLayout.fsPathInfo;
import static io.lockscope.format.procmon.pml.PmlOperations.*;

/**
 * Builds the detail blob and extra-detail blob of one event as procmon's driver records them, the
 * inverse of the reader's {@code PmlDetails} (layouts: procmon-formats.md §1.10–§1.12, 64-bit
 * FLT_PARAMETERS slots). Values the model keeps as procmon's rendered text (process details,
 * registry data) are turned back into the bytes that render that way.
 */
final class PmlDetailEncoder {
    static final String ENVIRONMENT_SEPARATOR = "\r;\t";

    private final int ptr;
    private final LeBuffer detail = new LeBuffer(1 << 10);
    private final LeBuffer extra = new LeBuffer(1 << 8);
    private boolean hasExtra;
    private long droppedDetails;

    PmlDetailEncoder(int pointerSize) {
        this.ptr = pointerSize;
    }

    LeBuffer detail() {
        return detail;
    }

    LeBuffer extra() {
        return extra;
    }

    boolean hasExtra() {
        return hasExtra;
    }

    long droppedDetails() {
        return droppedDetails;
    }

    void encode(PmlOperations.Code code, int tid, String path, Detail d) {
        detail.clear();
        extra.clear();
        hasExtra = false;
        boolean kept;
        switch (code.eventClass()) {
            case CLASS_FILE_SYSTEM:
                kept = fileSystem(code, path, d);
                break;
            case CLASS_REGISTRY:
                kept = registry(code.operation(), path, d);
                break;
            case CLASS_PROCESS:
                kept = process(code.operation(), tid, path, d);
                break;
            default:
                kept = d instanceof Detail.None;
                break;
        }
        if (!kept) {
            droppedDetails++;
        }
    }

    // ---- file system ----------------------------------------------------------------------------

    private boolean fileSystem(PmlOperations.Code code, String path, Detail d) {
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
        string(path, 2);
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
                hasExtra = true;
                extra.i64(c.openResult());
            }
            return true;
        }
        if ((op == FS_READ || op == FS_WRITE) && d instanceof IoDetail io) {
            detail.putI32At(params, (int) io.length());
            detail.putI64At(params + 0x10, io.offset());
            hasExtra = true;
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
        if (op == FS_CREATE_FILE_MAPPING && d instanceof FileMappingDetail m) {
            // procmon shows the protection it finds in the second pointer-sized slot (see the reader)
            detail.putI32At(params, m.syncType());
            detail.putI32At(params + ptr, Math.max(m.pageProtection(), 0));
            return true;
        }
        hasExtra = true;
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
        hasExtra = false;
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
            hasExtra = true;
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
            java.nio.ByteBuffer bb = b.flip();
            byte[] out = new byte[bb.limit()];
            bb.get(out);
            return out;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return new byte[0];
        }
    }

    // ---- registry -----------------------------------------------------------------------------

    private boolean registry(int op, String path, Detail d) {
        String p = truncate(path);
        detail.u16(p.length());
        switch (op) {
            case REG_OPEN_KEY:
            case REG_CREATE_KEY: {
                RegKeyDetail k = d instanceof RegKeyDetail r ? r : null;
                detail.u16(0).i32(k == null ? 0 : k.desiredAccess()).utf16(p);
                if (k != null && (k.grantedAccess() != -1 || k.disposition() != -1)) {
                    hasExtra = true;
                    extra.i32(k.grantedAccess() == -1 ? 0 : k.grantedAccess()).i32(Math.max(k.disposition(), 0));
                }
                return k != null || d instanceof Detail.None;
            }
            case REG_QUERY_VALUE:
            case REG_ENUM_VALUE: {
                RegValueDetail v = d instanceof RegValueDetail r ? r : null;
                int infoClass = op == REG_ENUM_VALUE ? KEY_VALUE_FULL_INFORMATION : KEY_VALUE_PARTIAL_INFORMATION;
                long requested = v == null || v.type() != -1 ? 0 : v.length();
                detail.u16(0).i32((int) requested);
                if (op == REG_ENUM_VALUE) {
                    detail.i32(v == null ? 0 : v.index());
                }
                detail.i32(infoClass).utf16(p);
                if (v != null && v.type() != -1) {
                    valueInformation(infoClass, v);
                }
                return v != null || d instanceof Detail.None;
            }
            case REG_SET_VALUE: {
                RegValueDetail v = d instanceof RegValueDetail r ? r : null;
                byte[] data = v == null ? new byte[0] : data(v);
                int copied = Math.min(data.length, 0xFFFF);
                detail.u16(0).i32(v == null ? 0 : v.type()).i32(v == null ? 0 : (int) v.length()).u16(copied).u16(0)
                        .utf16(p);
                detail.bytes(copied == data.length ? data : java.util.Arrays.copyOf(data, copied));
                return v != null || d instanceof Detail.None;
            }
            case REG_LOAD_KEY:
            case REG_RENAME_KEY: {
                String prefix = op == REG_LOAD_KEY ? "Hive Path: " : "New Name: ";
                String second = d instanceof Detail.Text t && t.text().startsWith(prefix)
                        ? truncate(t.text().substring(prefix.length())) : "";
                detail.u16(second.length()).utf16(p).utf16(second);
                return d instanceof Detail.None || !second.isEmpty();
            }
            case REG_QUERY_KEY:
                detail.u16(0).i32(0).i32(0).utf16(p);
                return d instanceof Detail.None;
            case REG_ENUM_KEY:
            case REG_SET_INFO_KEY:
                detail.u16(0).i32(0).i32(0).i32(0).utf16(p);
                return d instanceof Detail.None;
            default:
                detail.utf16(p);
                return d instanceof Detail.None;
        }
    }

    /** KEY_VALUE_FULL_INFORMATION (with the name) or KEY_VALUE_PARTIAL_INFORMATION as post data. */
    private void valueInformation(int infoClass, RegValueDetail v) {
        hasExtra = true;
        byte[] data = v.length() > 0 ? data(v) : new byte[0];
        extra.i32(0).i32(v.type());
        if (infoClass == KEY_VALUE_FULL_INFORMATION) {
            String name = v.name() == null ? "" : truncate(v.name());
            int dataOffset = 20 + 2 * name.length();
            extra.i32(dataOffset).i32((int) v.length()).i32(2 * name.length()).utf16(name);
        } else {
            extra.i32((int) v.length());
        }
        extra.bytes(data);
    }

    /** Bytes that procmon renders as {@code v.data()} for {@code v.type()} (inverse of its rendering). */
    private static byte[] data(RegValueDetail v) {
        String text = v.data() == null ? "" : v.data();
        LeBuffer b = new LeBuffer(64);
        switch (v.type()) {
            case REG_SZ:
            case REG_EXPAND_SZ:
                b.utf16(text).u16(0);
                break;
            case REG_DWORD:
                b.i32(text.isEmpty() ? 0 : (int) Long.parseLong(text));
                break;
            case REG_QWORD:
                b.i64(0);
                break;
            case REG_BINARY:
                for (String hex : text.isEmpty() ? new String[0] : text.split(" ")) {
                    b.u8(Integer.parseInt(hex, 16));
                }
                break;
            case REG_MULTI_SZ:
                for (String s : text.isEmpty() ? new String[0] : text.split(", ", -1)) {
                    b.utf16(s).u16(0);
                }
                b.u16(0);
                break;
            default:
                b.bytes(text.getBytes(StandardCharsets.UTF_16LE));
                break;
        }
        java.nio.ByteBuffer bb = b.flip();
        byte[] out = new byte[Math.max(bb.limit(), v.type() == REG_BINARY ? (int) Math.min(v.length(), 1 << 16) : 0)];
        bb.get(out, 0, bb.limit());
        return out;
    }

    // ---- process --------------------------------------------------------------------------------

    private boolean process(int op, int tid, String path, Detail d) {
        ProcessDetail p = d instanceof ProcessDetail pd ? pd : null;
        switch (op) {
            case PROC_DEFINED:
            case PROC_CREATE: {
                String image = truncate(path);
                String command = p == null ? "" : truncate(value(p, "Command line"));
                detail.i32(0).i32(p == null ? 0 : (int) p.pid()).zeros(0x24).u8(0).u8(0).u16(image.length())
                        .u16(command.length()).u16(0).utf16(image).utf16(command);
                return p != null;
            }
            case PROC_START: {
                String command = p == null ? "" : truncate(value(p, "Command line"));
                String directory = p == null ? "" : truncate(value(p, "Current directory"));
                String environment = p == null ? "" : environment(value(p, "Environment"));
                detail.i32(p == null ? 0 : (int) p.pid()).u16(command.length()).u16(directory.length())
                        .i32(environment.length()).utf16(command).utf16(directory).utf16(environment);
                return p != null;
            }
            case PROC_EXIT:
            case PROC_STATISTICS:
                if (p == null) {
                    return false;
                }
                detail.i32((int) Long.parseLong(value(p, "Exit Status"))).i64(ticks(value(p, "Kernel Time")))
                        .i64(ticks(value(p, "User Time"))).i64(grouped(value(p, "Working Set")))
                        .i64(grouped(value(p, "Peak Working Set"))).i64(grouped(value(p, "Private Bytes")))
                        .i64(grouped(value(p, "Peak Private Bytes")));
                return true;
            case THREAD_CREATE:
                detail.i32(p == null ? 0 : (int) p.pid());
                return p != null;
            case THREAD_EXIT:
                detail.i32(0).i64(p == null ? 0 : ticks(value(p, "Kernel Time")))
                        .i64(p == null ? 0 : ticks(value(p, "User Time")));
                return p != null;
            case LOAD_IMAGE: {
                String image = truncate(path);
                detail.pointer(p == null ? 0 : p.imageBase(), ptr).i32(p == null ? 0 : (int) p.imageSize())
                        .u16(image.length()).u16(0).utf16(image);
                return p != null;
            }
            default:
                return d instanceof Detail.None;
        }
    }

    /** procmon shows each environment entry after "\r;\t"; the driver stores them NUL-separated. */
    private static String environment(String shown) {
        StringBuilder s = new StringBuilder();
        for (String entry : shown.split(ENVIRONMENT_SEPARATOR, -1)) {
            if (!entry.isEmpty()) {
                s.append(entry).append('\0');
            }
        }
        return s.append('\0').toString();
    }

    private static String value(ProcessDetail p, String key) {
        String v = p.get(key);
        return v == null ? "" : v;
    }

    /** "0.0468750 seconds" or "0.0468750" back to 100 ns ticks. */
    private static long ticks(String seconds) {
        String s = seconds.endsWith(" seconds") ? seconds.substring(0, seconds.length() - 8) : seconds;
        if (s.isEmpty()) {
            return 0;
        }
        int dot = s.indexOf('.');
        long whole = Long.parseLong(dot < 0 ? s : s.substring(0, dot));
        long fraction = dot < 0 ? 0 : Long.parseLong((s.substring(dot + 1) + "0000000").substring(0, 7));
        return whole * 10_000_000L + fraction;
    }

    private static long grouped(String digits) {
        String s = digits.replace(",", "");
        return s.isEmpty() ? 0 : Long.parseLong(s);
    }

    // ---- strings ------------------------------------------------------------------------------

    /** u16 string info (UTF-16, char count), {@code pad} zero bytes, the characters. */
    private void string(String s, int pad) {
        String v = truncate(s);
        detail.u16(v.length()).zeros(pad).utf16(v);
    }

    private static String truncate(String s) {
        return s.length() > MAX_STRING_CHARS ? s.substring(0, MAX_STRING_CHARS) : s;
    }
}
