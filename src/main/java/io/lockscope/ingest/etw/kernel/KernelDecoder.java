package io.lockscope.ingest.etw.kernel;

import io.lockscope.ingest.etw.etl.TraceRecord;

import static io.lockscope.ingest.etw.kernel.KernelGroups.*;

/**
 * Decodes the payloads of the kernel (MOF) classes lockscope uses. The MOF schemas are not in the file;
 * the layouts below come from etw-formats.md §2 (PerfView KernelTraceEventParser, ntwmi.h, dissect.etl
 * manifests), with P = pointer size of the record (4 or 8) and offsets in bytes.
 */
public final class KernelDecoder {
    private KernelDecoder() {
    }

    /**
     * The decoded event, or null when the record is not one of the decoded classes.
     *
     * @throws TraceRecord.PayloadTooShortException when the payload is shorter than its layout
     */
    public static KernelEvent decode(TraceRecord r) {
        if (r.kind() == TraceRecord.Kind.CLASSIC) {
            return r.guidEquals(EventNames.SYS_CONFIG) && r.type() == 35 ? volumeMapping(r) : null;
        }
        if (r.kind() != TraceRecord.Kind.KERNEL) {
            return null;
        }
        int t = r.type();
        switch (r.group()) {
            case PROCESS:
                if (t == PROCESS_LOAD_IMAGE) {
                    return image(r);
                }
                return t == 1 || t == 2 || t == 3 || t == 4 || t == 39 ? process(r) : null;
            case THREAD:
                return t >= 1 && t <= 4 ? thread(r) : null;
            case IMAGE:
                return t == 2 || t == 3 || t == 4 || t == PROCESS_LOAD_IMAGE ? image(r) : null;
            case FILE_IO:
                return fileIo(r);
            case REGISTRY:
                return r.version() >= 2 && t >= 10 && t <= 27 ? registry(r) : null;
            case OBJECT:
                return object(r);
            case DISK_IO:
                return t >= 10 && t <= 13 ? diskIo(r) : null;
            default:
                return null;
        }
    }

    /**
     * Process, v3 and later:
     * <pre>
     * 0     ptr UniqueProcessKey      P     u32 ProcessId       P+4  u32 ParentId
     * P+8   u32 SessionId             P+12  i32 ExitStatus      P+16 ptr DirectoryTableBase
     * 2P+16 u32 Flags (v4+)           then  UserSID (variable), ImageFileName (ANSI), CommandLine,
     *                                       PackageFullName and ApplicationId (v4+; UTF-16)
     * </pre>
     */
    private static KernelEvent process(TraceRecord r) {
        int p = r.pointerSize();
        int at = 2 * p + 16;
        int flags = 0;
        if (r.version() >= 4) {
            flags = r.i32(at);
            at += 4;
        }
        at = skipSid(r, at);
        String image = r.ansiz(at);
        at += r.ansizSize(at);
        String commandLine = "";
        String packageFullName = "";
        String applicationId = "";
        if (at < r.payloadLength()) {
            commandLine = r.utf16z(at);
            at += r.utf16zSize(at);
        }
        if (r.version() >= 4 && at < r.payloadLength()) {
            packageFullName = r.utf16z(at);
            at += r.utf16zSize(at);
            if (at < r.payloadLength()) {
                applicationId = r.utf16z(at);
            }
        }
        return new KernelEvent.Process(r.type(), r.pointer(0), r.i32(p), r.i32(p + 4), r.i32(p + 8), r.i32(p + 12),
                r.pointer(p + 16), flags, image, commandLine, packageFullName, applicationId);
    }

    /**
     * UserSID: a null TOKEN_USER is 4 zero bytes; otherwise TOKEN_USER (2 pointers) then a SID whose
     * second byte counts its 4-byte sub-authorities after 8 fixed bytes (PerfView {@code SkipSID}).
     */
    private static int skipSid(TraceRecord r, int at) {
        if (r.i32(at) == 0) {
            return at + 4;
        }
        int token = 2 * r.pointerSize();
        int subAuthorities = r.u8(at + token + 1);
        return at + token + 8 + 4 * subAuthorities;
    }

    /**
     * Thread v3:
     * <pre>
     * 0 u32 ProcessId  4 u32 TThreadId  8 ptr StackBase  8+P StackLimit  8+2P UserStackBase
     * 8+3P UserStackLimit  8+4P Affinity  8+5P Win32StartAddr (TraceEvent labels the Affinity slot StartAddr)  8+6P TebBase  8+7P u32 SubProcessTag
     * 12+7P u8 BasePriority, u8 PagePriority, u8 IoPriority, u8 ThreadFlags
     * </pre>
     * Versions 1–2 stop after the pointers (only ProcessId/TThreadId are needed from them).
     */
    private static KernelEvent thread(TraceRecord r) {
        int p = r.pointerSize();
        if (r.version() < 3) {
            return new KernelEvent.Thread(r.type(), r.i32(0), r.i32(4), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new KernelEvent.Thread(r.type(), r.i32(0), r.i32(4), r.pointer(8), r.pointer(8 + p),
                r.pointer(8 + 2 * p), r.pointer(8 + 3 * p), r.pointer(8 + 4 * p), r.pointer(8 + 5 * p),
                r.pointer(8 + 6 * p), r.i32(8 + 7 * p), r.u8(12 + 7 * p), r.u8(13 + 7 * p), r.u8(14 + 7 * p),
                r.u8(15 + 7 * p));
    }

    /**
     * Image v2/v3:
     * <pre>
     * 0 ptr ImageBase  P ptr ImageSize  2P u32 ProcessId  2P+4 u32 ImageChecksum  2P+8 u32 TimeDateStamp
     * 2P+12 u8 SignatureLevel, u8 SignatureType, u16 Reserved0   2P+16 ptr DefaultBase
     * 3P+16 u32 Reserved1..4   3P+32 FileName (UTF-16, NT path)
     * </pre>
     */
    private static KernelEvent image(TraceRecord r) {
        int p = r.pointerSize();
        int op = r.group() == PROCESS ? PROCESS_LOAD_IMAGE : r.type();
        return new KernelEvent.Image(op, r.pointer(0), r.pointer(p), r.i32(2 * p), r.i32(2 * p + 4),
                r.i32(2 * p + 8), r.pointer(2 * p + 16), r.utf16z(3 * p + 32));
    }

    /**
     * FileIo. Version 2 puts TTID as a pointer right after IrpPtr; version 3 moves it to a u32 after the
     * pointers (etw-formats.md §2.1 table; PerfView decides by {@code Version <= 2}):
     * <pre>
     * Name/FileCreate/FileDelete/FileRundown  ptr FileKey, FileName
     * Create   v3: ptr Irp, ptr FileObject, u32 TTID, u32 CreateOptions, u32 FileAttributes, u32 ShareAccess, OpenPath
     *          v2: ptr Irp, ptr TTID, ptr FileObject, u32 CreateOptions, u32 FileAttributes, u32 ShareAccess, OpenPath
     * Simple   v3: ptr Irp, ptr FileObject, ptr FileKey, u32 TTID         v2: ptr Irp, ptr TTID, ptr FileObject, ptr FileKey
     * ReadWrite   u64 Offset, then v3: ptr Irp, ptr FileObject, ptr FileKey, u32 TTID, u32 IoSize, u32 IoFlags
     *                             v2: ptr Irp, ptr TTID, ptr FileObject, ptr FileKey, u32 IoSize, u32 IoFlags
     * Info     v3: ptr Irp, ptr FileObject, ptr FileKey, ptr ExtraInfo, u32 TTID, u32 InfoClass
     *          v2: ptr Irp, ptr TTID, ptr FileObject, ptr FileKey, ptr ExtraInfo, u32 InfoClass
     * DirEnum  v3: ptr Irp, ptr FileObject, ptr FileKey, u32 TTID, u32 Length, u32 InfoClass, u32 FileIndex, FileName
     *          v2: ptr Irp, ptr TTID, ptr FileObject, ptr FileKey, u32 Length, u32 InfoClass, u32 FileIndex, FileName
     * PathOp   v3: ptr Irp, ptr FileObject, ptr FileKey, ptr ExtraInfo, u32 TTID, u32 InfoClass, FileName
     * OpEnd    ptr Irp, ptr ExtraInfo, u32 NtStatus
     * MapFile  ptr ViewBase, ptr FileKey, u64 MiscInfo (the view's byte offset), ptr ViewSize, u32 ProcessId
     * </pre>
     */
    private static KernelEvent fileIo(TraceRecord r) {
        int p = r.pointerSize();
        int t = r.type();
        boolean v2 = r.version() <= 2;
        switch (t) {
            case FILE_NAME, FILE_CREATE_NAME, FILE_DELETE_NAME, FILE_RUNDOWN:
                return new KernelEvent.FileName(t, r.pointer(0), r.utf16z(p));
            case FILE_CREATE:
                if (v2) {
                    return new KernelEvent.FileCreate(r.pointer(0), r.pointer(2 * p), (int) r.pointer(p),
                            r.i32(3 * p), r.i32(3 * p + 4), r.i32(3 * p + 8), r.utf16z(3 * p + 12));
                }
                return new KernelEvent.FileCreate(r.pointer(0), r.pointer(p), r.i32(2 * p), r.i32(2 * p + 4),
                        r.i32(2 * p + 8), r.i32(2 * p + 12), r.utf16z(2 * p + 16));
            case FILE_CLEANUP, FILE_CLOSE, FILE_FLUSH:
                if (v2) {
                    return request(t, r.pointer(0), r.pointer(2 * p), r.pointer(3 * p), (int) r.pointer(p), 0, -1, -1, -1, -1, "");
                }
                return request(t, r.pointer(0), r.pointer(p), r.pointer(2 * p), r.i32(3 * p), 0, -1, -1, -1, -1, "");
            case FILE_READ, FILE_WRITE:
                if (v2) {
                    return request(t, r.pointer(8), r.pointer(8 + 2 * p), r.pointer(8 + 3 * p), (int) r.pointer(8 + p),
                            0, -1, r.i64(0), r.u32(8 + 4 * p), r.i32(12 + 4 * p), "");
                }
                return request(t, r.pointer(8), r.pointer(8 + p), r.pointer(8 + 2 * p), r.i32(8 + 3 * p),
                        0, -1, r.i64(0), r.u32(12 + 3 * p), r.i32(16 + 3 * p), "");
            case FILE_SET_INFO, FILE_DELETE, FILE_RENAME, FILE_QUERY_INFO, FILE_FS_CONTROL:
                if (v2) {
                    return request(t, r.pointer(0), r.pointer(2 * p), r.pointer(3 * p), (int) r.pointer(p),
                            r.pointer(4 * p), r.i32(5 * p), -1, -1, -1, "");
                }
                return request(t, r.pointer(0), r.pointer(p), r.pointer(2 * p), r.i32(4 * p), r.pointer(3 * p),
                        r.i32(4 * p + 4), -1, -1, -1, "");
            case FILE_DIR_ENUM, FILE_DIR_NOTIFY:
                if (v2) {
                    return request(t, r.pointer(0), r.pointer(2 * p), r.pointer(3 * p), (int) r.pointer(p), 0,
                            r.i32(4 * p + 4), -1, r.u32(4 * p), r.i32(4 * p + 8), r.utf16z(4 * p + 12));
                }
                return request(t, r.pointer(0), r.pointer(p), r.pointer(2 * p), r.i32(3 * p), 0, r.i32(3 * p + 8),
                        -1, r.u32(3 * p + 4), r.i32(3 * p + 12), r.utf16z(3 * p + 16));
            case FILE_DELETE_PATH, FILE_RENAME_PATH, FILE_SET_LINK_PATH:
                return request(t, r.pointer(0), r.pointer(p), r.pointer(2 * p), r.i32(4 * p), r.pointer(3 * p),
                        r.i32(4 * p + 4), -1, -1, -1, r.utf16z(4 * p + 8));
            case FILE_OP_END:
                return new KernelEvent.FileOpEnd(r.pointer(0), r.pointer(p), r.i32(2 * p));
            case FILE_MAP, FILE_UNMAP, FILE_MAP_DC_START, FILE_MAP_DC_END:
                return new KernelEvent.MapFile(t, r.pointer(0), r.pointer(p), r.i64(2 * p), r.pointer(2 * p + 8),
                        r.i32(3 * p + 8));
            default:
                return t >= FLT_PRE_OP_INIT && t <= FLT_POST_OP_FAILURE ? fltIo(r) : null;
        }
    }

    private static KernelEvent request(int opcode, long irp, long fileObject, long fileKey, int ttid, long extraInfo,
                                       int infoClass, long offset, long length, int ioFlags, String fileName) {
        return new KernelEvent.FileRequest(opcode, irp, fileObject, fileKey, ttid, extraInfo, infoClass, offset,
                length, ioFlags, fileName);
    }

    /**
     * FltIo (PERFINFO_FLT_OPERATION[_STATUS]): [u64 InitialTime (completions 98/99)], ptr RoutineAddr,
     * ptr FileObject, ptr FileContext, ptr IrpPtr, ptr CallbackDataPtr, i32 MajorFunction, [u32 Status].
     * Sources disagree on which opcodes carry Status (etw-formats.md §2.1), so its presence is read from
     * the payload length.
     */
    private static KernelEvent fltIo(TraceRecord r) {
        int p = r.pointerSize();
        int t = r.type();
        int at = t == 98 || t == 99 ? 8 : 0;
        long initialTime = at == 8 ? r.i64(0) : 0;
        int fixed = at + 5 * p + 4;
        boolean hasStatus = r.payloadLength() >= fixed + 4;
        return new KernelEvent.FltIo(t, initialTime, r.pointer(at), r.pointer(at + p), r.pointer(at + 2 * p),
                r.pointer(at + 3 * p), r.pointer(at + 4 * p), r.i32(at + 5 * p), hasStatus,
                hasStatus ? r.i32(fixed) : 0);
    }

    /** Registry v2 (WMI_REGISTRY): i64 InitialTime, u32 Status, u32 Index, ptr KeyHandle (KCB), KeyName. */
    private static KernelEvent registry(TraceRecord r) {
        int p = r.pointerSize();
        return new KernelEvent.Registry(r.type(), r.i64(0), r.i32(8), r.i32(12), r.pointer(16),
                r.payloadLength() > 16 + p ? r.utf16z(16 + p) : "");
    }

    /**
     * ObTrace:
     * <pre>
     * 32/33 Create/CloseHandle     ptr Object, u32 Handle, u16 ObjectType, ObjectName
     * 34    DuplicateHandle        ptr Object, u32 SourceHandle, u32 TargetHandle, u32 TargetProcessId,
     *                              u16 ObjectType, u32 SourceProcessId (packed)
     * 36/37 TypeDCStart/DCStop     u16 ObjectType, u16 Reserved, TypeName
     * 38/39 HandleDCStart/DCStop   ptr Object, u32 ProcessId, u32 Handle, u16 ObjectType, ObjectName
     * </pre>
     */
    private static KernelEvent object(TraceRecord r) {
        int p = r.pointerSize();
        switch (r.type()) {
            case 32, 33:
                return new KernelEvent.Handle(r.type(), r.pointer(0), r.i32(p), r.u16(p + 4),
                        r.payloadLength() > p + 6 ? r.utf16z(p + 6) : "", -1);
            case 34:
                return new KernelEvent.DuplicateHandle(r.pointer(0), r.i32(p), r.i32(p + 4), r.i32(p + 8),
                        r.u16(p + 12), r.i32(p + 14));
            case 36, 37:
                return new KernelEvent.ObjectType(r.u16(0), r.utf16z(4));
            case 38, 39:
                return new KernelEvent.Handle(r.type(), r.pointer(0), r.i32(p + 4), r.u16(p + 8),
                        r.payloadLength() > p + 10 ? r.utf16z(p + 10) : "", r.i32(p));
            default:
                return null;
        }
    }

    /** SysConfig VolumeMapping (classic type 35): NtPath, DosPath (UTF-16). */
    private static KernelEvent volumeMapping(TraceRecord r) {
        String nt = r.utf16z(0);
        return new KernelEvent.VolumeMapping(nt, r.utf16z(r.utf16zSize(0)));
    }

    /**
     * DiskIo v2/v3. Read/Write (10/11): u32 DiskNumber, u32 IrpFlags, u32 TransferSize, u32 Reserved,
     * i64 ByteOffset, ptr FileObject (the FileKey), ptr Irp, u64 HighResResponseTime, u32 IssuingThreadId (v3).
     * ReadInit/WriteInit (12/13): ptr Irp, u32 IssuingThreadId (v3).
     */
    private static KernelEvent diskIo(TraceRecord r) {
        int p = r.pointerSize();
        int t = r.type();
        if (t >= 12) {
            return new KernelEvent.DiskIo(t, 0, 0, 0, 0, 0, r.pointer(0), 0, r.payloadLength() >= p + 4 ? r.i32(p) : -1);
        }
        return new KernelEvent.DiskIo(t, r.i32(0), r.i32(4), r.i32(8), r.i64(16), r.pointer(24), r.pointer(24 + p),
                r.i64(24 + 2 * p), r.payloadLength() >= 36 + 2 * p ? r.i32(32 + 2 * p) : -1);
    }
}
