package io.lockscope.ingest.procmon.pml;

import io.lockscope.format.procmon.pml.PmlLayout;
import io.lockscope.format.procmon.pml.PmlTime;
import io.lockscope.model.StringPool;
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
import io.lockscope.model.vocab.DetailFormat;
import io.lockscope.model.vocab.FileVocabulary;
import io.lockscope.model.vocab.IoControlCodes;
import io.lockscope.model.vocab.Numbers;
import io.lockscope.model.vocab.PageProtection;
import io.lockscope.model.vocab.WellKnownSids;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.lockscope.format.procmon.pml.PmlOperations.*;

/**
 * File-system blobs: the path, the sub-operation and the detail of each IRP and FastIO operation. Layout,
 * offsets from the blob start, {@code P} = pointer size:
 * <pre>
 * 0x00      u8   sub-operation (information class / IRP minor; 0 = none)
 * 0x08      u32  IRP flags: I/O flags (mask 0xE000FF) and priority ((flags &gt;&gt; 17) &amp; 7)
 * 0x10      FLT_PARAMETERS, 5P + 8 bytes (fltKernel.h layouts; POINTER_ALIGNMENT slots are 8 bytes on x64)
 * 0x18+5P   u16  path string info (bit 15 = one byte per char, bits 0-14 = char count), u16 pad
 * 0x1C+5P   path, then operation-specific trailing data
 * </pre>
 */
final class FileSystemDetailDecoder extends DetailDecoder {
    /** FILE_NOTIFY_CHANGE_* bits (winnt.h) in procmon's order. */
    private static final Flags NOTIFY_FILTERS = new Flags()
            .add(0x1, "FILE_NOTIFY_CHANGE_FILE_NAME").add(0x2, "FILE_NOTIFY_CHANGE_DIR_NAME")
            .add(0x4, "FILE_NOTIFY_CHANGE_ATTRIBUTES").add(0x8, "FILE_NOTIFY_CHANGE_SIZE")
            .add(0x10, "FILE_NOTIFY_CHANGE_LAST_WRITE").add(0x20, "FILE_NOTIFY_CHANGE_LAST_ACCESS")
            .add(0x40, "FILE_NOTIFY_CHANGE_CREATION").add(0x80, "FILE_NOTIFY_CHANGE_EA")
            .add(0x100, "FILE_NOTIFY_CHANGE_SECURITY").add(0x200, "FILE_NOTIFY_CHANGE_STREAM_NAME")
            .add(0x400, "FILE_NOTIFY_CHANGE_STREAM_SIZE").add(0x800, "FILE_NOTIFY_CHANGE_STREAM_WRITE");
    /**
     * FILE_FS_ATTRIBUTE_INFORMATION.FileSystemAttributes (ntifs.h FILE_CASE_SENSITIVE_SEARCH 0x1 …) in
     * procmon's order and words, as the corpus shows them ("Case Preserved, Case Sensitive, Unicode,
     * ACLs, Compression, Named Streams, EFS, Object IDs, Reparse Points, Sparse Files, Quotas,
     * Transactions, 0x3c00600"); bits procmon does not name end as one hex value.
     */
    private static final Flags VOLUME_ATTRIBUTES = new Flags()
            .add(0x2, "Case Preserved").add(0x1, "Case Sensitive").add(0x4, "Unicode").add(0x8, "ACLs")
            .add(0x10, "Compression").add(0x40000, "Named Streams").add(0x20000, "EFS").add(0x10000, "Object IDs")
            .add(0x80, "Reparse Points").add(0x40, "Sparse Files").add(0x20, "Quotas").add(0x200000, "Transactions");
    /** FILE_ALIGNMENT_INFORMATION.AlignmentRequirement (wdm.h FILE_BYTE_ALIGNMENT 0 … FILE_512_BYTE_ALIGNMENT). */
    private static final String[] ALIGNMENT = alignmentNames();
    /**
     * SECURITY_INFORMATION bits (winnt.h) in procmon's order: the corpus shows
     * "…, Label, DACL Protected, SACL Unprotected" and an unnamed 0x100 as hex at the end.
     */
    private static final Flags SECURITY_INFORMATION = new Flags()
            .add(0x1, "Owner").add(0x2, "Group").add(0x4, "DACL").add(0x8, "SACL").add(0x10, "Label")
            .add(0x20, "Attribute").add(0x40, "Scope").add(0x80, "Process Trust Label").add(0x10000, "Backup")
            .add(0x80000000, "DACL Protected").add(0x40000000, "SACL Protected")
            .add(0x20000000, "DACL Unprotected").add(0x10000000, "SACL Unprotected");

    private final PmlHeader header;
    private final PmlTables tables;
    private Map<String, String> accountBySid;

    FileSystemDetailDecoder(MappedFile in, PmlHeader header, PmlTables tables, StringPool strings, PathInterner paths,
            PmlDetails.Decoded out) {
        super(in, header, strings, paths, out);
        this.header = header;
        this.tables = tables;
    }

    @Override
    void decodeBlob(int operation, int tid) {
        if (blobEnd == blob) {
            return;
        }
        int sub = u8(blob);
        out.subOperation = hasSubOperations(operation) ? sub : 0;
        long params = blob + PmlLayout.FS_PARAMETERS;
        long pathInfoAt = blob + PmlLayout.fsPathInfo(ptr);
        int pathInfo = u16(pathInfoAt);
        long pathAt = pathInfoAt + 4;
        int n = string(pathAt, pathInfo);
        long after = pathAt + stringBytes(pathInfo);
        if (operation == FS_DIRECTORY_CONTROL && sub == SUB_QUERY_DIRECTORY && after + 2 <= blobEnd
                && stringBytes(u16(after)) > 0) {
            out.pathId = paths.intern(chars, appendFilter(n, after + 2, u16(after)));
        } else {
            out.pathId = internPath(pathAt, pathInfo, n);
        }
        switch (operation) {
            case FS_CREATE:
                out.detail = createFile(params, after);
                break;
            case FS_READ:
            case FS_WRITE:
                out.detail = readWrite(params);
                break;
            case FS_LOCK_CONTROL:
                if (sub == SUB_LOCK || sub == SUB_UNLOCK_SINGLE) {
                    // the LARGE_INTEGER length follows the path; procmon shows only its low 32 bits on
                    // 32-bit captures (a whole-file lock of -1 is "Length: 4,294,967,295" in the corpus)
                    long length = wide ? i64(after) : u32(after);
                    out.detail = new LockDetail(i64(params + (wide ? 0x10 : 8)), length, sub == SUB_LOCK,
                            u8(params + (wide ? 0x21 : 0x15)) != 0, u8(params + (wide ? 0x20 : 0x14)) != 0);
                }
                break;
            case FS_SET_INFORMATION:
                out.detail = sub == INFO_BASIC ? fileTimes(after, blobEnd) : setInformation(sub, params, after);
                break;
            case FS_QUERY_INFORMATION:
                out.detail = queryInformation(sub);
                break;
            case FS_DIRECTORY_CONTROL:
                if (sub == SUB_NOTIFY_CHANGE_DIRECTORY) {
                    out.detail = new Detail.Text("Filter: " + NOTIFY_FILTERS.render(i32(params + ptr)));
                } else if (sub == SUB_QUERY_DIRECTORY) {
                    out.detail = queryDirectory(params, after);
                }
                break;
            case FS_FILE_SYSTEM_CONTROL:
            case FS_DEVICE_IO_CONTROL:
                out.detail = ioControl(i32(params + (wide ? 0x10 : 8)), after);
                break;
            case FS_QUERY_SECURITY:
            case FS_SET_SECURITY:
                out.detail = new Detail.Text("Information: " + SECURITY_INFORMATION.render(i32(params)));
                break;
            case FS_QUERY_OPEN:
                out.detail = networkOpen();
                break;
            case FS_QUERY_VOLUME_INFORMATION:
                out.detail = queryVolume(sub);
                break;
            case FS_FASTIO_ACQUIRE_FOR_MOD_WRITE:
                // FsFilter AcquireForModWrite: the EndingOffset value follows the path
                out.detail = new SizeDetail(i64(after));
                break;
            case FS_FASTIO_MDL_READ_COMPLETE:
                // FastIoMdlReadComplete: the MdlChain pointer is the first parameter
                out.detail = new Detail.Text("MDL: 0x" + Long.toHexString(pointer(params)));
                break;
            case FS_CREATE_FILE_MAPPING:
                out.detail = fileMapping(params);
                break;
            default:
                break;
        }
    }

    /**
     * FsFilter AcquireForSectionSynchronization: SyncType u32 @0, PageProtection u32 @4. procmon reads
     * the protection from the second pointer-sized slot (@8 on x64, where it finds pointer bits; the
     * corpus shows "PAGE_EXECUTE_READ|PAGE_NOCACHE" for a stored 2) and names only the first matching
     * protection, so the model keeps that shown value (procmon-parser stream_logs_detail_format.py).
     */
    private Detail fileMapping(long params) {
        int syncType = i32(params);
        String shown = PageProtection.render(i32(params + ptr));
        Integer protection = shown == null ? null : PageProtection.parse(shown);
        return new FileMappingDetail(syncType, protection == null ? -1 : protection);
    }

    /**
     * QueryDirectory: the search pattern, the FileInformationClass (FLT_PARAMETERS QueryDirectory: u32
     * Length, FileName pointer, u32 class at 2 pointers) and the names the query returned, from the
     * post-operation output buffer: one FILE_*_DIR_INFORMATION record per name chained by
     * NextEntryOffset (procmon-parser stream_logs_detail_format.py; ntifs.h layouts).
     */
    private Detail queryDirectory(long params, long after) {
        String filter = null;
        if (after + 2 <= blobEnd && stringBytes(u16(after)) > 0) {
            int info = u16(after);
            char[] pattern = new char[info & PmlLayout.MAX_STRING_CHARS];
            filter = new String(pattern, 0, readChars(after + 2, info, pattern));
        }
        int infoClass = i32(params + 2L * ptr);
        int nameOffset = PmlLayout.directoryNameOffset(infoClass);
        List<String> names = new ArrayList<>();
        if (extra >= 0 && nameOffset > 0) {
            long entry = extra;
            int index = filter == null ? 0 : 1;
            int shown = 0;
            // the stored buffer may end inside a record (procmon keeps at most 64 KiB): list what fits, and
            // no more names than procmon's Detail buffer can show
            while (entry + nameOffset <= extraEnd && shown <= DetailFormat.MAX_CHARS) {
                long next = u32x(entry);
                long nameBytes = u32x(entry + PmlLayout.directoryNameLengthOffset(infoClass));
                if (entry + nameOffset + nameBytes > extraEnd) {
                    break;
                }
                int n = (int) Math.min(nameBytes / 2, chars.length);
                in.chars(entry + nameOffset, n, false, chars);
                names.add(strings.get(strings.intern(chars, 0, n))); // one copy of a name listed again and again
                shown += Integer.toString(index++).length() + n + 4; // "i: name, "
                if (next == 0 || entry + next >= extraEnd) {
                    break;
                }
                entry += next;
            }
        }
        return filter == null && names.isEmpty() ? Detail.None.INSTANCE
                : new DirectoryDetail(filter, names, infoClass);
    }

    /**
     * FileSystemControl/DeviceIoControl: the control code's name; FSCTL_OFFLOAD_READ adds the range of
     * its input buffer, which follows the path (FSCTL_OFFLOAD_READ_INPUT, winioctl.h: u32 Size, Flags,
     * TokenTimeToLive, Reserved, u64 FileOffset @16, u64 CopyLength @24). Numbers use en-US grouping.
     */
    private Detail ioControl(int code, long after) {
        String control = "Control: " + IoControlCodes.render(code);
        if (code == FSCTL_OFFLOAD_READ && after + 32 <= blobEnd) {
            control += ", Offset: " + Numbers.grouped(i64(after + 16), ',') + ", Length: "
                    + Numbers.grouped(i64(after + 24), ',');
        }
        return new Detail.Text(control);
    }

    private static final int FSCTL_OFFLOAD_READ = 0x94264;

    /** Query results are the post-operation output buffer: present only when the query succeeded. */
    private Detail queryInformation(int infoClass) {
        if (extra < 0) {
            return Detail.None.INSTANCE;
        }
        switch (infoClass) {
            case INFO_BASIC:
                return fileTimes(extra, extraEnd);
            case INFO_STANDARD:
                // FILE_STANDARD_INFORMATION: AllocationSize, EndOfFile, NumberOfLinks, DeletePending, Directory
                needExtra(extra, 22);
                return new StandardInfoDetail(in.i64(extra), in.i64(extra + 8), in.i32(extra + 16),
                        in.u8(extra + 20) != 0, in.u8(extra + 21) != 0);
            case INFO_NETWORK_OPEN:
                return networkOpen();
            case INFO_INTERNAL:
                needExtra(extra, 8);
                return new Detail.Text("IndexNumber: 0x" + Long.toHexString(in.i64(extra)));
            case INFO_ALL:
                return allInformation();
            case INFO_NAME: {
                // FILE_NAME_INFORMATION: u32 FileNameLength, name
                long bytes = u32x(extra);
                needExtra(extra + 4, bytes);
                int n = (int) Math.min(bytes / 2, chars.length);
                in.chars(extra + 4, n, false, chars);
                return new Detail.Text("Name: " + new String(chars, 0, n));
            }
            case INFO_ATTRIBUTE_TAG:
                // FILE_ATTRIBUTE_TAG_INFORMATION: u32 FileAttributes, u32 ReparseTag
                return new Detail.Text("Attributes: " + FileVocabulary.ATTRIBUTES.render((int) u32x(extra))
                        + ", ReparseTag: 0x" + Long.toHexString(u32x(extra + 4)));
            default:
                return Detail.None.INSTANCE;
        }
    }

    /** FILE_BASIC_INFORMATION: four FILETIMEs (creation, last access, last write, change), u32 attributes. */
    private Detail fileTimes(long at, long end) {
        if (at < 0 || at + 36 > end) {
            throw new PmlFormatException(at, "FILE_BASIC_INFORMATION needs 36 bytes");
        }
        return new FileTimesDetail(PmlTime.dateTime(in.i64(at)), PmlTime.dateTime(in.i64(at + 8)),
                PmlTime.dateTime(in.i64(at + 16)), PmlTime.dateTime(in.i64(at + 24)), in.i32(at + 32));
    }

    /** FILE_NETWORK_OPEN_INFORMATION post data: four FILETIMEs, AllocationSize, EndOfFile, u32 attributes. */
    private Detail networkOpen() {
        if (extra < 0) {
            return Detail.None.INSTANCE;
        }
        needExtra(extra, 52);
        return new NetworkOpenDetail(PmlTime.dateTime(in.i64(extra)), PmlTime.dateTime(in.i64(extra + 8)),
                PmlTime.dateTime(in.i64(extra + 16)), PmlTime.dateTime(in.i64(extra + 24)), in.i64(extra + 32),
                in.i64(extra + 40), in.i32(extra + 48));
    }

    private String fileTimesText(long at) {
        return "CreationTime: " + PmlTime.dateTime(in.i64(at)) + ", LastAccessTime: " + PmlTime.dateTime(in.i64(at + 8))
                + ", LastWriteTime: " + PmlTime.dateTime(in.i64(at + 16)) + ", ChangeTime: "
                + PmlTime.dateTime(in.i64(at + 24));
    }

    /**
     * FILE_ALL_INFORMATION (wdm.h): Basic (4 FILETIMEs, attributes) @0, Standard @0x28, Internal
     * IndexNumber @0x40, EaSize @0x48, Access flags @0x4C, CurrentByteOffset @0x50, Mode @0x58,
     * AlignmentRequirement @0x5C, then the name (procmon does not show it). Numbers use en-US grouping.
     */
    private Detail allInformation() {
        needExtra(extra, 0x60);
        long at = extra;
        return new Detail.Text(fileTimesText(at)
                + ", FileAttributes: " + FileVocabulary.ATTRIBUTES.render(in.i32(at + 32))
                + ", AllocationSize: " + Numbers.grouped(in.i64(at + 0x28), ',')
                + ", EndOfFile: " + Numbers.grouped(in.i64(at + 0x30), ',')
                + ", NumberOfLinks: " + Numbers.grouped(in.u32(at + 0x38), ',')
                + ", DeletePending: " + FileVocabulary.bool(in.u8(at + 0x3C) != 0)
                + ", Directory: " + FileVocabulary.bool(in.u8(at + 0x3D) != 0)
                + ", IndexNumber: 0x" + Long.toHexString(in.i64(at + 0x40))
                + ", EaSize: " + Numbers.grouped(in.u32(at + 0x48), ',')
                + ", Access: " + FileVocabulary.DESIRED_ACCESS.render(in.i32(at + 0x4C))
                + ", Position: " + Numbers.grouped(in.i64(at + 0x50), ',')
                + ", Mode: " + FileVocabulary.CREATE_OPTIONS.render(in.i32(at + 0x58))
                + ", AlignmentRequirement: " + name(ALIGNMENT, in.i32(at + 0x5C)));
    }

    /**
     * Volume queries show the post-operation FILE_FS_*_INFORMATION (ntifs.h), present only when the
     * query succeeded. Numbers use en-US grouping.
     */
    private Detail queryVolume(int infoClass) {
        if (extra < 0) {
            return Detail.None.INSTANCE;
        }
        switch (infoClass) {
            case VOLUME_INFORMATION: {
                // VolumeCreationTime, u32 VolumeSerialNumber, u32 VolumeLabelLength, u8 SupportsObjects, label @0x12
                needExtra(extra, 0x12);
                long labelBytes = in.u32(extra + 0xC);
                needExtra(extra + 0x12, labelBytes);
                int n = (int) Math.min(labelBytes / 2, chars.length);
                in.chars(extra + 0x12, n, false, chars);
                int serial = in.i32(extra + 8);
                return new Detail.Text("VolumeCreationTime: " + PmlTime.dateTime(in.i64(extra))
                        + ", VolumeSerialNumber: " + String.format("%04X-%04X", serial >>> 16, serial & 0xFFFF)
                        + ", SupportsObjects: " + FileVocabulary.bool(in.u8(extra + 0x10) != 0)
                        + ", VolumeLabel: " + new String(chars, 0, n));
            }
            case VOLUME_SIZE_INFORMATION:
                // TotalAllocationUnits, AvailableAllocationUnits, u32 SectorsPerAllocationUnit, u32 BytesPerSector
                needExtra(extra, 24);
                return new Detail.Text("TotalAllocationUnits: " + Numbers.grouped(in.i64(extra), ',')
                        + ", AvailableAllocationUnits: " + Numbers.grouped(in.i64(extra + 8), ',')
                        + ", SectorsPerAllocationUnit: " + Numbers.grouped(in.u32(extra + 16), ',')
                        + ", BytesPerSector: " + Numbers.grouped(in.u32(extra + 20), ','));
            case VOLUME_ATTRIBUTE_INFORMATION: {
                // u32 FileSystemAttributes, i32 MaximumComponentNameLength, u32 FileSystemNameLength, name
                needExtra(extra, 12);
                long nameBytes = in.u32(extra + 8);
                needExtra(extra + 12, nameBytes);
                int n = (int) Math.min(nameBytes / 2, chars.length);
                in.chars(extra + 12, n, false, chars);
                return new Detail.Text("FileSystemAttributes: " + VOLUME_ATTRIBUTES.render(in.i32(extra))
                        + ", MaximumComponentNameLength: " + Numbers.grouped(in.i32(extra + 4), ',')
                        + ", FileSystemName: " + new String(chars, 0, n));
            }
            case VOLUME_FULL_SIZE_INFORMATION:
                // Total, CallerAvailable, ActualAvailable allocation units, SectorsPerAllocationUnit, BytesPerSector
                needExtra(extra, 32);
                return new Detail.Text("TotalAllocationUnits: " + Numbers.grouped(in.i64(extra), ',')
                        + ", CallerAvailableAllocationUnits: " + Numbers.grouped(in.i64(extra + 8), ',')
                        + ", ActualAvailableAllocationUnits: " + Numbers.grouped(in.i64(extra + 16), ',')
                        + ", SectorsPerAllocationUnit: " + Numbers.grouped(in.u32(extra + 24), ',')
                        + ", BytesPerSector: " + Numbers.grouped(in.u32(extra + 28), ','));
            case VOLUME_OBJECT_ID_INFORMATION: {
                // ObjectId (16 bytes), ExtendedInfo (48): procmon shows the ObjectId bytes in upper-case hex
                needExtra(extra, 16);
                StringBuilder id = new StringBuilder("ObjectId: ");
                for (int k = 0; k < 16; k++) {
                    id.append(String.format("%02X", in.u8(extra + k)));
                }
                return new Detail.Text(id.toString());
            }
            default:
                return Detail.None.INSTANCE;
        }
    }

    /** QueryDirectory shows its search pattern appended to the directory path. */
    private int appendFilter(int n, long at, int info) {
        int m = n;
        if (m == 0 || chars[m - 1] != '\\') {
            chars[m++] = '\\';
        }
        int count = info & PmlLayout.MAX_STRING_CHARS;
        if (m + count > chars.length) {
            throw new PmlFormatException(at, "directory filter too long");
        }
        char[] tmp = new char[count];
        readChars(at, info, tmp);
        System.arraycopy(tmp, 0, chars, m, count);
        return m + count;
    }

    private Detail createFile(long params, long after) {
        int access = i32(after);
        int sidLength = u8(after + 4);
        String impersonating = sidLength == 0 ? null : account(sid(after + 8, sidLength));
        int dispositionAndOptions = i32(params + (wide ? 8 : 4));
        int disposition = dispositionAndOptions >>> 24;
        int attributes = u16(params + (wide ? 0x10 : 8));
        int share = u16(params + (wide ? 0x12 : 0xA));
        long allocation = u32(params + (wide ? 0x28 : 0x18));
        boolean showsAllocation = disposition == 0 || disposition == 2 || disposition == 3 || disposition == 5;
        int openResult = -1;
        if (extra >= 0 && extraEnd - extra >= 4) {
            long r = u32x(extra);
            openResult = r <= 14 ? (int) r : -1;
        }
        return new CreateFileDetail(access, disposition, dispositionAndOptions & 0xFFFFFF, attributes, share,
                showsAllocation ? allocation : -1, openResult, impersonating);
    }

    private Detail readWrite(long params) {
        int flags = i32(blob + PmlLayout.FS_IRP_FLAGS);
        int ioFlags = flags & 0xE000FF;
        int priority = (flags >>> 17) & 7;
        long length = u32(params);
        long offset = i64(params + (wide ? 0x10 : 8));
        if (extra >= 0 && extraEnd - extra >= 4) {
            length = u32x(extra);
        }
        return new IoDetail(offset, length, ioFlags == 0 ? -1 : ioFlags, priority == 0 ? -1 : priority);
    }

    /** Trailing data = the caller's information buffer (FILE_*_INFORMATION) of FLT_PARAMETERS.Length bytes. */
    private Detail setInformation(int infoClass, long params, long after) {
        switch (infoClass) {
            case INFO_DISPOSITION:
                return new DispositionDetail(u8(after) != 0, -1);
            case INFO_DISPOSITION_EX: {
                int flags = i32(after);
                return new DispositionDetail((flags & DispositionDetail.FLAG_DELETE) != 0, flags);
            }
            case INFO_ALLOCATION:
            case INFO_END_OF_FILE:
                return new SizeDetail(i64(after));
            case INFO_RENAME:
            case INFO_LINK:
            case INFO_RENAME_EX:
            case INFO_RENAME_EX_BYPASS:
                return rename(infoClass, params, after);
            default:
                return Detail.None.INSTANCE;
        }
    }

    /**
     * FILE_RENAME_INFORMATION: ReplaceIfExists u8 (Ex: u32 Flags, bit 0 = replace) padded to a
     * pointer, RootDirectory handle, u32 FileNameLength, FileName; after the buffer, procmon appends
     * u16 char count + the normalized destination (openprocmon kernel/procmon.c), shown as FileName.
     */
    private Detail rename(int infoClass, long params, long after) {
        boolean replace = infoClass == INFO_RENAME_EX || infoClass == INFO_RENAME_EX_BYPASS
                ? (i32(after) & 1) != 0 : u8(after) != 0;
        long bufferLength = u32(params);
        long normalizedAt = after + bufferLength;
        if (normalizedAt + 2 <= blobEnd) {
            int count = u16(normalizedAt);
            if (count > 0) {
                int n = string(normalizedAt + 2, count);
                return new RenameDetail(replace, new String(chars, 0, n));
            }
        }
        long nameBytes = u32(after + 2L * ptr);
        long nameAt = after + 2L * ptr + 4;
        int n = string(nameAt, (int) Math.min(nameBytes / 2, PmlLayout.MAX_STRING_CHARS));
        return new RenameDetail(replace, new String(chars, 0, n));
    }

    /**
     * The account procmon shows for an impersonated SID: a well-known name, else the user of a process
     * this capture saw created with that SID (procmon asks the capturing machine's account database;
     * a PML keeps only the SID, but a Process Create event carries the new process's user SID and the
     * process table its domain-and-user name), else the SID itself.
     */
    private String account(String sid) {
        String known = WellKnownSids.account(sid);
        if (!known.equals(sid)) {
            return known;
        }
        if (accountBySid == null) {
            accountBySid = createdProcessAccounts();
        }
        return accountBySid.getOrDefault(sid, sid);
    }

    /** SID → user name of the processes created in this file; scanned once, when first needed. */
    private Map<String, String> createdProcessAccounts() {
        Map<String, Integer> pidBySid = new HashMap<>();
        long offsets = header.eventOffsetsOffset();
        for (long i = 0; i < header.eventCount(); i++) {
            long at = in.u32(offsets + PmlLayout.EVENT_OFFSET_ENTRY * i);
            if (!in.fits(at, PmlLayout.EVENT_HEADER_SIZE) || in.u16(at + PmlLayout.E_CLASS) != CLASS_PROCESS
                    || in.u16(at + PmlLayout.E_OPERATION) != PROC_CREATE) {
                continue;
            }
            long create = at + PmlLayout.EVENT_HEADER_SIZE + (long) in.u16(at + PmlLayout.E_STACK_DEPTH) * ptr;
            long size = in.u32(at + PmlLayout.E_DETAIL_SIZE);
            int sidLength = size < 0x34 || !in.fits(create, size) ? 0 : in.u8(create + 0x2C);
            if (sidLength > 0 && 0x34 + sidLength <= size) {
                String sid = sidText(create + 0x34, sidLength);
                if (!sid.isEmpty()) {
                    pidBySid.putIfAbsent(sid, in.i32(create + 4));
                }
            }
        }
        if (pidBySid.isEmpty()) {
            return Map.of();
        }
        Map<Integer, String> userByPid = new HashMap<>();
        Set<Integer> ambiguous = new HashSet<>();
        for (PmlTables.ProcessEntry entry : tables.processes()) {
            String user = entry.info().user();
            String before = user == null || user.isEmpty() ? null : userByPid.putIfAbsent(entry.info().pid(), user);
            if (before != null && !before.equals(user)) {
                ambiguous.add(entry.info().pid());
            }
        }
        Map<String, String> out = new HashMap<>();
        pidBySid.forEach((sid, pid) -> {
            String user = ambiguous.contains(pid) ? null : userByPid.get(pid);
            if (user != null) {
                out.put(sid, user);
            }
        });
        return out;
    }

    private String sid(long at, int length) {
        need(at, length, blobEnd);
        return sidText(at, length);
    }

    /** A binary SID (checked to lie in the file) as S-1-…; "" when it is not a revision-1 SID of that length. */
    private String sidText(long at, int length) {
        int revision = in.u8(at);
        int count = in.u8(at + 1);
        if (revision != 1 || length != 8 + 4 * count) {
            return "";
        }
        long authority = 0;
        for (int k = 2; k < 8; k++) {
            authority = (authority << 8) | in.u8(at + k);
        }
        StringBuilder s = new StringBuilder("S-1-").append(authority);
        for (int k = 0; k < count; k++) {
            s.append('-').append(in.u32(at + 8 + 4L * k));
        }
        return s.toString();
    }

    /** Named bits in display order joined by ", "; bits without a name as one hex value last. */
    private static final class Flags {
        private final List<Integer> masks = new ArrayList<>();
        private final List<String> names = new ArrayList<>();

        Flags add(int mask, String name) {
            masks.add(mask);
            names.add(name);
            return this;
        }

        String render(int value) {
            StringBuilder s = new StringBuilder();
            int unnamed = value;
            for (int k = 0; k < masks.size(); k++) {
                if ((value & masks.get(k)) != 0) {
                    if (s.length() > 0) {
                        s.append(", ");
                    }
                    s.append(names.get(k));
                    unnamed &= ~masks.get(k);
                }
            }
            if (unnamed != 0) {
                s.append(s.length() > 0 ? ", " : "").append("0x").append(Integer.toHexString(unnamed));
            }
            return s.toString();
        }
    }

    private static String[] alignmentNames() {
        String[] names = new String[0x200];
        names[0] = "Byte";
        names[1] = "Word";
        names[3] = "Long";
        names[7] = "Quad";
        names[0xF] = "Octa";
        names[0x1F] = "32 Bytes";
        names[0x3F] = "64 Bytes";
        names[0x7F] = "128 Bytes";
        names[0xFF] = "256 Bytes";
        names[0x1FF] = "512 Bytes";
        return names;
    }
}
