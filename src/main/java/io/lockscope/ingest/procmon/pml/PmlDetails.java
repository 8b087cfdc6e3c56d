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
import io.lockscope.model.detail.ProcessDetail;
import io.lockscope.model.detail.RegKeyDetail;
import io.lockscope.model.detail.RegValueDetail;
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

import static io.lockscope.format.procmon.pml.PmlLayout.KEY_VALUE_FULL_INFORMATION;
import static io.lockscope.format.procmon.pml.PmlLayout.KEY_VALUE_PARTIAL_INFORMATION;
import static io.lockscope.format.procmon.pml.PmlLayout.REG_BINARY;
import static io.lockscope.format.procmon.pml.PmlLayout.REG_DWORD;
import static io.lockscope.format.procmon.pml.PmlLayout.REG_EXPAND_SZ;
import static io.lockscope.format.procmon.pml.PmlLayout.REG_MULTI_SZ;
import static io.lockscope.format.procmon.pml.PmlLayout.REG_SZ;
import static io.lockscope.format.procmon.pml.PmlOperations.*;

/**
 * Decodes the per-class detail blob of an event (procmon-formats.md §1.9–§1.13): the path, the
 * sub-operation, and the typed {@link Detail}. Every read is bounded by the blob (or the extra-detail
 * blob) it belongs to, so a damaged record throws {@link PmlFormatException} instead of reading its
 * neighbour.
 *
 * <p>File-system blob, offsets from the blob start, {@code P} = pointer size:
 * <pre>
 * 0x00      u8   sub-operation (information class / IRP minor; 0 = none)
 * 0x08      u32  IRP flags: I/O flags (mask 0xE000FF) and priority ((flags &gt;&gt; 17) &amp; 7)
 * 0x10      FLT_PARAMETERS, 5P + 8 bytes (fltKernel.h layouts; POINTER_ALIGNMENT slots are 8 bytes on x64)
 * 0x18+5P   u16  path string info (bit 15 = one byte per char, bits 0-14 = char count), u16 pad
 * 0x1C+5P   path, then operation-specific trailing data
 * </pre>
 * Registry blobs start with the u16 path string info, then an operation-specific fixed part, then
 * the path (value operations end it with the value name). Process-class blobs are described at their
 * decoders. Strings are never longer than 0x7FFF characters.
 */
final class PmlDetails {
    /** The outcome of one decode; one instance is reused for every event. */
    static final class Decoded {
        private int pathId;
        private int subOperation;
        private boolean tcp;
        private Detail detail;

        int pathId() {
            return pathId;
        }

        int subOperation() {
            return subOperation;
        }

        boolean tcp() {
            return tcp;
        }

        Detail detail() {
            return detail;
        }
    }

    static final int ACCESS_MAXIMUM_ALLOWED = 0x02000000;
    static final int BINARY_BYTES_SHOWN = 16;

    static final int KEY_BASIC_INFORMATION = 0;
    static final int KEY_NODE_INFORMATION = 1;
    static final int KEY_FULL_INFORMATION = 2;
    static final int KEY_CACHED_INFORMATION = 4;
    static final int KEY_FLAGS_INFORMATION = 5;
    static final int KEY_HANDLE_TAGS_INFORMATION = 7;
    /** KEY_INFORMATION_CLASS names as procmon shows them after "Query: ". */
    static final String[] KEY_INFORMATION_CLASSES = {"Basic", "Node", "Full", "Name", "Cached", "Flags",
        "Virtualization", "HandleTags", "Trust", "Layer"};
    static final String[] KEY_SET_INFORMATION_CLASSES = {"KeyWriteTimeInformation", "KeyWow64FlagsInformation",
        "KeyControlFlagsInformation", "KeySetVirtualizationInformation", "KeySetDebugInformation",
        "KeySetHandleTagsInformation", "KeySetLayerInformation"};
    /** FILE_NOTIFY_CHANGE_* bits (winnt.h) in procmon's order. */
    static final Flags NOTIFY_FILTERS = new Flags()
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
    static final Flags VOLUME_ATTRIBUTES = new Flags()
            .add(0x2, "Case Preserved").add(0x1, "Case Sensitive").add(0x4, "Unicode").add(0x8, "ACLs")
            .add(0x10, "Compression").add(0x40000, "Named Streams").add(0x20000, "EFS").add(0x10000, "Object IDs")
            .add(0x80, "Reparse Points").add(0x40, "Sparse Files").add(0x20, "Quotas").add(0x200000, "Transactions");
    /** FILE_ALIGNMENT_INFORMATION.AlignmentRequirement (wdm.h FILE_BYTE_ALIGNMENT 0 … FILE_512_BYTE_ALIGNMENT). */
    static final String[] ALIGNMENT = alignmentNames();
    /**
     * SECURITY_INFORMATION bits (winnt.h) in procmon's order: the corpus shows
     * "…, Label, DACL Protected, SACL Unprotected" and an unnamed 0x100 as hex at the end.
     */
    static final Flags SECURITY_INFORMATION = new Flags()
            .add(0x1, "Owner").add(0x2, "Group").add(0x4, "DACL").add(0x8, "SACL").add(0x10, "Label")
            .add(0x20, "Attribute").add(0x40, "Scope").add(0x80, "Process Trust Label").add(0x10000, "Backup")
            .add(0x80000000, "DACL Protected").add(0x40000000, "SACL Protected")
            .add(0x20000000, "DACL Unprotected").add(0x10000000, "SACL Unprotected");

    private final MappedFile in;
    private final boolean wide;
    private final int ptr;
    private final PmlTables tables;
    private final StringPool strings;
    private final PathInterner paths;
    private final int version;
    private final PmlHeader header;
    private Map<String, String> accountBySid;
    private final Decoded out = new Decoded();
    private final char[] chars = new char[0x8000];
    private final StringBuilder text = new StringBuilder();

    private long blob;
    private long blobEnd;
    private long extra;
    private long extraEnd;
    private int undecoded;
    private long firstUndecodedAt = -1;
    private String firstUndecodedReason;

    PmlDetails(MappedFile in, PmlHeader header, PmlTables tables, StringPool strings) {
        this.in = in;
        this.wide = header.is64bit();
        this.ptr = header.pointerSize();
        this.tables = tables;
        this.strings = strings;
        this.paths = new PathInterner(strings);
        this.version = header.version();
        this.header = header;
    }

    /** Events whose blob could not be decoded: detail left empty, path too when it was the unreadable part. */
    int undecoded() {
        return undecoded;
    }

    long firstUndecodedAt() {
        return firstUndecodedAt;
    }

    String firstUndecodedReason() {
        return firstUndecodedReason;
    }

    Decoded decode(int eventClass, int operation, int tid, long at, long size, long extraAt, int extraSize) {
        blob = at;
        blobEnd = at + size;
        extra = extraAt;
        extraEnd = extraAt < 0 ? -1 : extraAt + extraSize;
        out.pathId = 0;
        out.subOperation = 0;
        out.tcp = false;
        out.detail = Detail.None.INSTANCE;
        try {
            switch (eventClass) {
                case CLASS_FILE_SYSTEM:
                    fileSystem(operation);
                    break;
                case CLASS_REGISTRY:
                    registry(operation);
                    break;
                case CLASS_PROCESS:
                    process(operation, tid);
                    break;
                case CLASS_NETWORK:
                    network();
                    break;
                default:
                    break;
            }
        } catch (PmlFormatException | IllegalArgumentException e) {
            undecoded++;
            if (firstUndecodedAt < 0) {
                firstUndecodedAt = e instanceof PmlFormatException f ? f.offset() : at;
                firstUndecodedReason = e.getMessage();
            }
            out.detail = Detail.None.INSTANCE;
        }
        return out;
    }

    // ---- file system ---------------------------------------------------------------------------

    private void fileSystem(int operation) {
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
    static final class Flags {
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

    private static String name(String[] names, int code) {
        return code >= 0 && code < names.length ? names[code] : "<Unknown: " + code + ">";
    }

    /** en-US digit grouping, as procmon renders counts inside the texts this reader keeps verbatim. */
    static String grouped(long value) {
        String digits = Long.toString(Math.abs(value));
        StringBuilder s = new StringBuilder(digits.length() + 8);
        if (value < 0) {
            s.append('-');
        }
        int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        s.append(digits, 0, lead);
        for (int k = lead; k < digits.length(); k += 3) {
            s.append(',').append(digits, k, k + 3);
        }
        return s.toString();
    }

    // ---- registry -----------------------------------------------------------------------------

    private void registry(int operation) {
        int pathInfo = u16(blob);
        long pathAt;
        switch (operation) {
            case REG_OPEN_KEY:
            case REG_CREATE_KEY:
                pathAt = blob + 8;
                break;
            case REG_QUERY_KEY:
            case REG_QUERY_VALUE:
                pathAt = blob + 12;
                break;
            case REG_ENUM_VALUE:
            case REG_ENUM_KEY:
            case REG_SET_INFO_KEY:
            case REG_SET_VALUE:
                pathAt = blob + 16;
                break;
            case REG_LOAD_KEY:
            case REG_RENAME_KEY:
                pathAt = blob + 4;
                break;
            default:
                pathAt = blob + 2;
                break;
        }
        int n = string(pathAt, pathInfo);
        out.pathId = internPath(pathAt, pathInfo, n);
        long after = pathAt + stringBytes(pathInfo);
        switch (operation) {
            case REG_OPEN_KEY:
            case REG_CREATE_KEY:
                out.detail = openKey(i32(blob + 4));
                break;
            case REG_QUERY_VALUE:
                out.detail = queryValue(-1, u32(blob + 4), i32(blob + 8));
                break;
            case REG_ENUM_VALUE:
                out.detail = queryValue((int) u32(blob + 8), u32(blob + 4), i32(blob + 12));
                break;
            case REG_SET_VALUE: {
                int type = i32(blob + 4);
                long length = u32(blob + 8);
                // u16 bytes copied, then a u16 the driver leaves uninitialised (procmon-formats.md §1.11)
                long copied = Math.min(length, u16(blob + 12));
                need(after, copied, blobEnd);
                out.detail = new RegValueDetail(-1, null, type, length,
                        length == 0 ? null : registryData(type, after, copied, BINARY_BYTES_SHOWN));
                break;
            }
            case REG_QUERY_KEY:
                out.detail = keyInformation(false, 0, u32(blob + 4), i32(blob + 8));
                break;
            case REG_ENUM_KEY:
                out.detail = keyInformation(true, u32(blob + 8), u32(blob + 4), i32(blob + 12));
                break;
            case REG_SET_INFO_KEY: {
                int infoClass = i32(blob + 4);
                text.setLength(0);
                text.append("KeySetInformationClass: ").append(name(KEY_SET_INFORMATION_CLASSES, infoClass))
                        .append(", Length: ").append(u16(blob + 12));
                out.detail = new Detail.Text(text.toString());
                break;
            }
            case REG_LOAD_KEY:
            case REG_RENAME_KEY: {
                int m = string(after, u16(blob + 2));
                out.detail = new Detail.Text((operation == REG_LOAD_KEY ? "Hive Path: " : "New Name: ")
                        + new String(chars, 0, m));
                break;
            }
            default:
                break;
        }
    }

    /**
     * RegQueryKey ("Query: class") and RegEnumKey ("Index: n"): post data is the KEY_*_INFORMATION
     * the caller got; procmon shows its name (Basic, Node), SubKeys and Values (Full, Cached) or HandleTags,
     * and without post data the buffer length offered (procmon-parser stream_logs_detail_format.py,
     * checked against the corpus CSVs).
     */
    private Detail keyInformation(boolean enumerate, long index, long length, int infoClass) {
        text.setLength(0);
        if (enumerate) {
            text.append("Index: ").append(grouped(index));
        } else {
            text.append("Query: ").append(name(KEY_INFORMATION_CLASSES, infoClass));
        }
        if (extra < 0) {
            text.append(", Length: ").append(grouped(length));
            return new Detail.Text(text.toString());
        }
        switch (infoClass) {
            case KEY_BASIC_INFORMATION:
                appendKeyName(extra + 12);
                break;
            case KEY_NODE_INFORMATION:
                appendKeyName(extra + 20);
                break;
            case KEY_FULL_INFORMATION:
                needExtra(extra, 36);
                text.append(", SubKeys: ").append(grouped(in.u32(extra + 20))).append(", Values: ")
                        .append(grouped(in.u32(extra + 32)));
                break;
            case KEY_CACHED_INFORMATION:
                needExtra(extra, 24);
                text.append(", SubKeys: ").append(grouped(in.u32(extra + 12))).append(", Values: ")
                        .append(grouped(in.u32(extra + 20)));
                break;
            case KEY_FLAGS_INFORMATION:
                text.append(", UserFlags: 0x").append(Long.toHexString(u32x(extra)));
                break;
            case KEY_HANDLE_TAGS_INFORMATION:
                needExtra(extra, 4);
                text.append(", HandleTags: 0x").append(Long.toHexString(in.u32(extra)));
                break;
            default:
                break;
        }
        return new Detail.Text(text.toString());
    }

    /** u32 name length in bytes at {@code at}, the UTF-16 name after it. */
    private void appendKeyName(long at) {
        long bytes = u32x(at);
        needExtra(at + 4, bytes);
        int n = (int) Math.min(bytes / 2, chars.length);
        in.chars(at + 4, n, false, chars);
        text.append(", Name: ").append(chars, 0, n);
    }

    /** Post data: u32 GrantedAccess, u32 Disposition; procmon shows Granted Access only for MAXIMUM_ALLOWED. */
    private Detail openKey(int desired) {
        if (desired == 0) {
            return Detail.None.INSTANCE;
        }
        if (extra < 0 || extraEnd - extra < 8) {
            return new RegKeyDetail(desired, -1, -1);
        }
        int granted = desired == ACCESS_MAXIMUM_ALLOWED ? (int) u32x(extra) : -1;
        long disposition = u32x(extra + 4);
        return new RegKeyDetail(desired, granted, disposition == 1 || disposition == 2 ? (int) disposition : -1);
    }

    /**
     * Post data is the KEY_VALUE_*_INFORMATION the caller got: TitleIndex, Type, then for Full
     * DataOffset, DataLength, NameLength, Name; for Partial DataLength, Data. Without post data procmon
     * shows the buffer length the caller offered.
     */
    private Detail queryValue(int index, long requestedLength, int infoClass) {
        if (extra < 0) {
            return new RegValueDetail(index, null, -1, requestedLength, null);
        }
        int type = (int) u32x(extra + 4);
        long dataLength;
        long dataAt;
        long nameLength = 0;
        String name = null;
        if (infoClass == KEY_VALUE_FULL_INFORMATION) {
            long dataOffset = u32x(extra + 8);
            dataLength = u32x(extra + 12);
            nameLength = u32x(extra + 16);
            needExtra(extra + 20, nameLength);
            int n = (int) Math.min(nameLength / 2, PmlLayout.MAX_STRING_CHARS);
            in.chars(extra + 20, n, false, chars);
            name = new String(chars, 0, n);
            dataAt = extra + dataOffset;
        } else if (infoClass == KEY_VALUE_PARTIAL_INFORMATION) {
            dataLength = u32x(extra + 8);
            dataAt = extra + 12;
        } else {
            return new RegValueDetail(index, null, type, -1, null);
        }
        String data = null;
        if (dataLength > 0 && infoClass == KEY_VALUE_FULL_INFORMATION) {
            // procmon shows min(DataLength, stored size - (0x14 + NameLength / 2)) bytes from DataOffset: it
            // skips the name as if its byte length were a character count, so after a name it reads past
            // the stored buffer into the bytes that follow it in the log. This fits every Full-information
            // value of the corpus (a 44-byte REG_BINARY with an 8-byte name and 16 stored bytes shows 20)
            long shown = Math.max(0, Math.min(dataLength, extraEnd - extra - 0x14 - nameLength / 2));
            data = registryData(type, dataAt, in.fits(dataAt, shown) ? shown : Math.max(0, extraEnd - dataAt),
                    Integer.MAX_VALUE);
        } else if (dataLength > 0) {
            long available = Math.max(0, Math.min(dataLength, extraEnd - dataAt));
            data = registryData(type, dataAt, available, BINARY_BYTES_SHOWN);
        }
        // procmon names the value only for RegEnumValue; a query's path already ends with it
        return new RegValueDetail(index, index >= 0 ? name : null, type, dataLength, data);
    }

    /**
     * The Data procmon shows for {@code bytes} of a value; REG_BINARY shows at most {@code binaryShown} of
     * them (procmon-formats.md §1.11; procmon-parser logs.py).
     */
    private String registryData(int type, long at, long bytes, int binaryShown) {
        switch (type) {
            case REG_SZ:
            case REG_EXPAND_SZ: {
                int n = utf16z(at, bytes, 0);
                return new String(chars, 0, n);
            }
            case REG_DWORD:
                return bytes >= 4 ? Long.toString(in.u32(at)) : "";
            case REG_BINARY: {
                text.setLength(0);
                for (int k = 0; k < Math.min(bytes, binaryShown); k++) {
                    if (k > 0) {
                        text.append(' ');
                    }
                    int b = in.u8(at + k);
                    text.append(Character.toUpperCase(Character.forDigit(b >>> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
                return text.toString();
            }
            case REG_MULTI_SZ: {
                text.setLength(0);
                long p = at;
                long end = at + bytes;
                while (p + 2 <= end) {
                    int n = utf16z(p, end - p, 0);
                    if (n == 0) {
                        break;
                    }
                    if (p + 2L * n >= end - 1) {
                        // a last string without its NUL: procmon reads on past the value to the next NUL
                        // (odd-length values in the corpus end with the bytes that follow them in the log)
                        n = utf16z(p, Math.min(in.size() - p, 2L * DetailFormat.MAX_CHARS), 0);
                    }
                    if (text.length() > 0) {
                        text.append(", ");
                    }
                    text.append(chars, 0, n);
                    p += 2L * n + 2;
                }
                // procmon writes a line feed inside a Detail as ';'
                return text.toString().replace('\n', ';');
            }
            default:
                return "";
        }
    }

    /** UTF-16 characters at {@code at} up to a NUL or {@code bytes}, into {@link #chars}. */
    private int utf16z(long at, long bytes, int from) {
        int n = from;
        long end = at + (bytes & ~1L);
        for (long p = at; p < end && n < chars.length; p += 2) {
            char c = (char) in.u16(p);
            if (c == 0) {
                break;
            }
            chars[n++] = c;
        }
        return n;
    }

    // ---- process --------------------------------------------------------------------------------

    private void process(int operation, int tid) {
        switch (operation) {
            case PROC_DEFINED:
            case PROC_CREATE:
                processCreate();
                break;
            case PROC_START:
                processStart();
                break;
            case PROC_EXIT:
            case PROC_STATISTICS:
                processExit();
                break;
            case THREAD_CREATE: {
                long newTid = u32(blob);
                out.detail = new ProcessDetail(newTid, -1, -1, List.of(new ProcessDetail.Field("Thread ID",
                        Long.toString(newTid))));
                break;
            }
            case THREAD_EXIT: {
                long kernel = i64(blob + 4);
                long user = i64(blob + 12);
                out.detail = new ProcessDetail(tid & 0xFFFFFFFFL, -1, -1, List.of(
                        new ProcessDetail.Field("Thread ID", Integer.toUnsignedString(tid)),
                        new ProcessDetail.Field("User Time", seconds(user)),
                        new ProcessDetail.Field("Kernel Time", seconds(kernel))));
                break;
            }
            case LOAD_IMAGE: {
                long base = pointer(blob);
                long size = u32(blob + ptr);
                int info = u16(blob + ptr + 4);
                int n = string(blob + ptr + 8, info);
                out.pathId = paths.intern(chars, n);
                out.detail = new ProcessDetail(-1, base, size, List.of(
                        new ProcessDetail.Field("Image Base", "0x" + Long.toHexString(base)),
                        new ProcessDetail.Field("Image Size", "0x" + Long.toHexString(size))));
                break;
            }
            default:
                break;
        }
    }

    /**
     * LOG_PROCESSCREATE_INFO: u32 @0, u32 PID @4, … u8 SID length @0x2C, u8 integrity-SID length @0x2D,
     * u16 image path info @0x2E, u16 command line info @0x30, u16 @0x32, SIDs, image path, command line.
     */
    private void processCreate() {
        long pid = u32(blob + 4);
        int sidLengths = u8(blob + 0x2C) + u8(blob + 0x2D);
        int imageInfo = u16(blob + 0x2E);
        int commandInfo = u16(blob + 0x30);
        long imageAt = blob + 0x34 + sidLengths;
        int n = string(imageAt, imageInfo);
        out.pathId = paths.intern(chars, n);
        int m = string(imageAt + stringBytes(imageInfo), commandInfo);
        out.detail = new ProcessDetail(pid, -1, -1, List.of(new ProcessDetail.Field("PID", Long.toString(pid)),
                new ProcessDetail.Field("Command line", new String(chars, 0, m))));
    }

    /**
     * u32 parent PID, u16 command line info, u16 current directory info, u32 environment chars,
     * command line, current directory, environment (NUL-separated). Format 7 stores only the parent PID.
     */
    private void processStart() {
        long parent = u32(blob);
        List<ProcessDetail.Field> fields = new ArrayList<>(4);
        fields.add(new ProcessDetail.Field("Parent PID", Long.toString(parent)));
        if (version > 7 && blobEnd - blob >= 12) {
            int commandInfo = u16(blob + 4);
            int directoryInfo = u16(blob + 6);
            long environmentChars = u32(blob + 8);
            long p = blob + 12;
            int n = string(p, commandInfo);
            fields.add(new ProcessDetail.Field("Command line", new String(chars, 0, n)));
            p += stringBytes(commandInfo);
            n = string(p, directoryInfo);
            fields.add(new ProcessDetail.Field("Current directory", new String(chars, 0, n)));
            p += stringBytes(directoryInfo);
            need(p, environmentChars * 2, blobEnd);
            fields.add(new ProcessDetail.Field("Environment", environment(p, environmentChars)));
        }
        out.detail = new ProcessDetail(parent, -1, -1, fields);
    }

    /** procmon shows each environment entry after "\r;\t" (verified against the corpus CSV). */
    private String environment(long at, long count) {
        StringBuilder s = new StringBuilder((int) Math.min(count + 64, 1 << 16));
        long p = at;
        long end = at + 2 * count;
        while (p + 2 <= end) {
            int start = s.length();
            s.append("\r;\t");
            int len = 0;
            while (p + 2 <= end) {
                char c = (char) in.u16(p);
                p += 2;
                if (c == 0) {
                    break;
                }
                s.append(c);
                len++;
            }
            if (len == 0) {
                s.setLength(start);
                break;
            }
        }
        return s.toString();
    }

    /**
     * u32 exit status, u64 kernel time, u64 user time, u64 working set, peak, private bytes, peak. Byte
     * counts are kept as plain digits, the model's convention for {@link ProcessDetail} (procmon
     * groups them only when rendering).
     */
    private void processExit() {
        int status = i32(blob);
        long kernel = i64(blob + 4);
        long user = i64(blob + 12);
        long workingSet = i64(blob + 20);
        long peakWorkingSet = i64(blob + 28);
        long privateBytes = i64(blob + 36);
        long peakPrivate = i64(blob + 44);
        out.detail = new ProcessDetail(-1, -1, -1, List.of(
                new ProcessDetail.Field("Exit Status", Integer.toString(status)),
                new ProcessDetail.Field("User Time", seconds(user) + " seconds"),
                new ProcessDetail.Field("Kernel Time", seconds(kernel) + " seconds"),
                new ProcessDetail.Field("Private Bytes", Long.toString(privateBytes)),
                new ProcessDetail.Field("Peak Private Bytes", Long.toString(peakPrivate)),
                new ProcessDetail.Field("Working Set", Long.toString(workingSet)),
                new ProcessDetail.Field("Peak Working Set", Long.toString(peakWorkingSet))));
    }

    /** 100 ns ticks as seconds with 7 decimals ("0.0468750"). */
    static String seconds(long ticks) {
        String frac = Long.toString(Math.floorMod(ticks, 10_000_000L) + 10_000_000L).substring(1);
        return Math.floorDiv(ticks, 10_000_000L) + "." + frac;
    }

    // ---- network ------------------------------------------------------------------------------

    /**
     * u16 flags (bit 0 source IPv4, bit 1 destination IPv4, bit 2 TCP), u16, u32 length, u8[16]
     * source, u8[16] destination, u16 source port, u16 destination port, then name/value pairs as a
     * UTF-16 multi-string (procmon-formats.md §1.13).
     */
    private void network() {
        int flags = u16(blob);
        out.tcp = (flags & 4) != 0;
        long length = u32(blob + 4);
        need(blob + 8, 36, blobEnd);
        String path = endpoint(blob + 8, (flags & 1) != 0, u16(blob + 40), out.tcp) + " -> "
                + endpoint(blob + 24, (flags & 2) != 0, u16(blob + 42), out.tcp);
        out.pathId = strings.intern(path);
        text.setLength(0);
        text.append("Length: ").append(length);
        long p = blob + 44;
        boolean key = true;
        while (p + 2 <= blobEnd) {
            int n = utf16z(p, blobEnd - p, 0);
            if (n == 0) {
                break;
            }
            text.append(key ? ", " : ": ").append(chars, 0, n);
            key = !key;
            p += 2L * n + 2;
        }
        out.detail = new Detail.Text(text.toString());
    }

    private String endpoint(long at, boolean ipv4, int port, boolean tcp) {
        long high = Long.reverseBytes(in.i64(at));
        long low = Long.reverseBytes(in.i64(at + 8));
        String host = tables.host(high, low);
        if (host == null || host.isEmpty()) {
            host = ipv4 ? ipv4(in.i32(at)) : ipv6(high, low);
        }
        String portName = tables.port(port, tcp);
        return host + ":" + (portName == null || portName.isEmpty() ? Integer.toString(port) : portName);
    }

    private static String ipv4(int littleEndian) {
        return (littleEndian & 0xFF) + "." + ((littleEndian >>> 8) & 0xFF) + "." + ((littleEndian >>> 16) & 0xFF)
                + "." + (littleEndian >>> 24);
    }

    private static String ipv6(long high, long low) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < 8; k++) {
            long half = k < 4 ? high : low;
            int group = (int) (half >>> (48 - 16 * (k % 4))) & 0xFFFF;
            if (k > 0) {
                s.append(':');
            }
            s.append(Integer.toHexString(group));
        }
        return s.toString();
    }

    // ---- bounded reads ------------------------------------------------------------------------

    private static int stringBytes(int info) {
        int count = info & PmlLayout.MAX_STRING_CHARS;
        return (info & 0x8000) != 0 ? count : 2 * count;
    }

    /** Reads a detail string described by {@code info} into {@link #chars}; returns its length. */
    private int string(long at, int info) {
        need(at, stringBytes(info), blobEnd);
        return readChars(at, info, chars);
    }

    /** Interns the path just read by {@link #string} into {@link #chars}, hashing its bytes in the file. */
    private int internPath(long at, int info, int length) {
        return paths.intern(chars, length, in.hash(at, stringBytes(info)) ^ (info & 0x8000));
    }

    private int readChars(long at, int info, char[] into) {
        int count = info & PmlLayout.MAX_STRING_CHARS;
        need(at, stringBytes(info), blobEnd);
        in.chars(at, count, (info & 0x8000) != 0, into);
        int n = count;
        while (n > 0 && into[n - 1] == 0) {
            n--;
        }
        return n;
    }

    private void need(long at, long length, long end) {
        if (at < blob || length < 0 || at + length > end) {
            throw new PmlFormatException(at, "detail field of " + length + " bytes lies outside its "
                    + (end - blob) + "-byte blob at byte " + blob);
        }
    }

    private void needExtra(long at, long length) {
        if (extra < 0 || at < extra || length < 0 || at + length > extraEnd) {
            throw new PmlFormatException(at, "extra-detail field of " + length + " bytes lies outside its blob");
        }
    }

    private int u8(long at) {
        need(at, 1, blobEnd);
        return in.u8(at);
    }

    private int u16(long at) {
        need(at, 2, blobEnd);
        return in.u16(at);
    }

    private int i32(long at) {
        need(at, 4, blobEnd);
        return in.i32(at);
    }

    private long u32(long at) {
        need(at, 4, blobEnd);
        return in.u32(at);
    }

    private long i64(long at) {
        need(at, 8, blobEnd);
        return in.i64(at);
    }

    private long pointer(long at) {
        need(at, ptr, blobEnd);
        return in.pointer(at, wide);
    }

    private long u32x(long at) {
        needExtra(at, 4);
        return in.u32(at);
    }
}
