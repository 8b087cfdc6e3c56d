package io.lockscope.ingest.etw.export;

import io.lockscope.ingest.etw.kernel.KernelEvent;
import io.lockscope.ingest.etw.kernel.KernelGroups;

import java.util.Map;

import static io.lockscope.ingest.etw.kernel.KernelGroups.*;

/**
 * The payload of an exported kernel event, by MOF field name (etw-formats.md §2; the names tracerpt's
 * XML gives in {@code <Data Name=…>} and its CSV gives by position), turned into the same
 * {@link KernelEvent} the ETL decoder makes, so both paths share one mapping into the model. A field the
 * export lacks reads as 0 or "" as a field the payload version lacks does in the ETL decoder.
 */
final class NamedFields {
    private final Map<String, String> values;

    NamedFields(Map<String, String> values) {
        this.values = values;
    }

    String text(String name) {
        String v = values.get(name);
        return v == null ? "" : v;
    }

    boolean has(String name) {
        String v = values.get(name);
        return v != null && !v.isEmpty();
    }

    /** A number as exports write it: {@code 0x} hex (pointers, flags), or decimal, possibly negative. */
    long number(String name) throws BadValueException {
        String v = text(name);
        return v.isEmpty() ? 0 : parseNumber(name, v);
    }

    int int32(String name) throws BadValueException {
        return (int) number(name);
    }

    static long parseNumber(String name, String v) throws BadValueException {
        try {
            if (v.length() > 2 && v.charAt(0) == '0' && (v.charAt(1) == 'x' || v.charAt(1) == 'X')) {
                return Long.parseUnsignedLong(v.substring(2), 16);
            }
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new BadValueException(name + " is not a number: \"" + shorten(v) + "\"");
        }
    }

    static String shorten(String v) {
        return v.length() <= 40 ? v : v.substring(0, 40) + "…";
    }

    /**
     * The kernel event of class {@code group}, event type {@code opcode}; null for one lockscope does
     * not decode (it stays an "other" event).
     */
    KernelEvent decode(int group, int opcode) throws BadValueException {
        switch (group) {
            case KernelGroups.PROCESS:
                if (opcode == PROCESS_LOAD_IMAGE) {
                    return image(opcode);
                }
                return opcode <= 4 || opcode == 39 ? new KernelEvent.Process(opcode, number("UniqueProcessKey"),
                        int32("ProcessId"), int32("ParentId"), int32("SessionId"), int32("ExitStatus"),
                        number("DirectoryTableBase"), int32("Flags"), text("ImageFileName"), text("CommandLine"),
                        text("PackageFullName"), text("ApplicationId")) : null;
            case KernelGroups.THREAD:
                return opcode >= 1 && opcode <= 4 ? new KernelEvent.Thread(opcode, int32("ProcessId"),
                        int32("TThreadId"), number("StackBase"), number("StackLimit"), number("UserStackBase"),
                        number("UserStackLimit"), number("Affinity"), number("Win32StartAddr"), number("TebBase"),
                        int32("SubProcessTag"), int32("BasePriority"), int32("PagePriority"), int32("IoPriority"),
                        int32("ThreadFlags")) : null;
            case KernelGroups.IMAGE:
                return opcode >= 2 && opcode <= 4 || opcode == PROCESS_LOAD_IMAGE ? image(opcode) : null;
            case KernelGroups.FILE_IO:
                return fileIo(opcode);
            case KernelGroups.REGISTRY:
                return opcode >= 10 && opcode <= 27 ? new KernelEvent.Registry(opcode, number("InitialTime"),
                        int32("Status"), int32("Index"), number("KeyHandle"), text("KeyName")) : null;
            case KernelGroups.OBJECT:
                return object(opcode);
            default:
                return null;
        }
    }

    /** A SysConfig VolumeMapping event; null when the fields are not both there. */
    KernelEvent.VolumeMapping volumeMapping() {
        return has("NtPath") && has("DosPath") ? new KernelEvent.VolumeMapping(text("NtPath"), text("DosPath")) : null;
    }

    private KernelEvent image(int opcode) throws BadValueException {
        return new KernelEvent.Image(opcode, number("ImageBase"), number("ImageSize"), int32("ProcessId"),
                int32("ImageChecksum"), int32("TimeDateStamp"), number("DefaultBase"), text("FileName"));
    }

    private KernelEvent fileIo(int opcode) throws BadValueException {
        switch (opcode) {
            case FILE_NAME, FILE_CREATE_NAME, FILE_DELETE_NAME, FILE_RUNDOWN:
                return new KernelEvent.FileName(opcode, number("FileObject"), text("FileName"));
            case FILE_CREATE:
                return new KernelEvent.FileCreate(number("IrpPtr"), number("FileObject"), int32("TTID"),
                        int32("CreateOptions"), int32("FileAttributes"), int32("ShareAccess"), text("OpenPath"));
            case FILE_CLEANUP, FILE_CLOSE, FILE_FLUSH:
                return request(opcode, 0, -1, -1, -1, -1, "");
            case FILE_READ, FILE_WRITE:
                return request(opcode, 0, -1, number("Offset"), number("IoSize") & 0xFFFFFFFFL, int32("IoFlags"), "");
            case FILE_SET_INFO, FILE_DELETE, FILE_RENAME, FILE_QUERY_INFO, FILE_FS_CONTROL:
                return request(opcode, number("ExtraInfo"), int32("InfoClass"), -1, -1, -1, "");
            case FILE_DIR_ENUM, FILE_DIR_NOTIFY:
                return request(opcode, 0, int32("InfoClass"), -1, number("Length") & 0xFFFFFFFFL, int32("FileIndex"),
                        text("FileName"));
            case FILE_DELETE_PATH, FILE_RENAME_PATH, FILE_SET_LINK_PATH:
                return request(opcode, number("ExtraInfo"), int32("InfoClass"), -1, -1, -1, text("FileName"));
            case FILE_OP_END:
                return new KernelEvent.FileOpEnd(number("IrpPtr"), number("ExtraInfo"), int32("NtStatus"));
            default:
                if (opcode >= FLT_PRE_OP_INIT && opcode <= FLT_POST_OP_FAILURE) {
                    return new KernelEvent.FltIo(opcode, number("InitialTime"), number("RoutineAddr"),
                            number("FileObject"), number("FileContext"), number("IrpPtr"), number("CallbackDataPtr"),
                            int32("MajorFunction"), has("Status"), int32("Status"));
                }
                return null;
        }
    }

    private KernelEvent.FileRequest request(int opcode, long extraInfo, int infoClass, long offset, long length,
                                            int ioFlags, String fileName) throws BadValueException {
        return new KernelEvent.FileRequest(opcode, number("IrpPtr"), number("FileObject"), number("FileKey"),
                int32("TTID"), extraInfo, infoClass, offset, length, ioFlags, fileName);
    }

    private KernelEvent object(int opcode) throws BadValueException {
        switch (opcode) {
            case 32, 33:
                return new KernelEvent.Handle(opcode, number("Object"), int32("Handle"), int32("ObjectType"),
                        text("ObjectName"), -1);
            case 38, 39:
                return new KernelEvent.Handle(opcode, number("Object"), int32("Handle"), int32("ObjectType"),
                        text("ObjectName"), int32("ProcessId"));
            case 34:
                return new KernelEvent.DuplicateHandle(number("Object"), int32("SourceHandle"), int32("TargetHandle"),
                        int32("TargetProcessId"), int32("ObjectType"), int32("SourceProcessId"));
            case 36, 37:
                return new KernelEvent.ObjectType(int32("ObjectType"), text("TypeName"));
            default:
                return null;
        }
    }
}
