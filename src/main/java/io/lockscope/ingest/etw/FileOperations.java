package io.lockscope.ingest.etw;

import io.lockscope.ingest.etw.kernel.KernelEvent;
import io.lockscope.model.Operation;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.DispositionDetail;
import io.lockscope.model.detail.IoDetail;
import io.lockscope.model.detail.RenameDetail;
import io.lockscope.model.detail.SizeDetail;
import io.lockscope.model.vocab.IoControlCodes;

import static io.lockscope.ingest.etw.kernel.KernelGroups.*;

/**
 * FileIo request opcodes and information classes → procmon operations and details. Information
 * class numbers are FILE_INFORMATION_CLASS (wdm.h / ntifs.h).
 */
public final class FileOperations {
    static final int FILE_BASIC_INFORMATION = 4;
    static final int FILE_RENAME_INFORMATION = 10;
    static final int FILE_LINK_INFORMATION = 11;
    static final int FILE_DISPOSITION_INFORMATION = 13;
    static final int FILE_POSITION_INFORMATION = 14;
    static final int FILE_ALLOCATION_INFORMATION = 19;
    static final int FILE_END_OF_FILE_INFORMATION = 20;
    static final int FILE_PIPE_INFORMATION = 23;
    static final int FILE_VALID_DATA_LENGTH_INFORMATION = 39;
    static final int FILE_SHORT_NAME_INFORMATION = 40;
    static final int FILE_REPLACE_COMPLETION_INFORMATION = 61;
    static final int FILE_DISPOSITION_INFORMATION_EX = 64;
    static final int FILE_RENAME_INFORMATION_EX = 65;
    static final int FILE_RENAME_INFORMATION_EX_BYPASS_ACCESS_CHECK = 66;
    /** FILE_RENAME_INFORMATION_EX Flags: replace an existing target (MS-FSCC 2.4.43). */
    static final int FILE_RENAME_REPLACE_IF_EXISTS = 0x1;

    private FileOperations() {
    }

    /** The operation of a FileIo request other than Create. */
    public static Operation operation(KernelEvent.FileRequest q) {
        return switch (q.opcode()) {
            case FILE_CLEANUP -> Operation.CLOSE_FILE;
            case FILE_CLOSE -> Operation.IRP_MJ_CLOSE;
            case FILE_FLUSH -> Operation.FLUSH_BUFFERS_FILE;
            case FILE_READ -> Operation.READ_FILE;
            case FILE_WRITE -> Operation.WRITE_FILE;
            case FILE_SET_INFO -> setInformation(q.infoClass());
            case FILE_DELETE, FILE_DELETE_PATH -> q.infoClass() == FILE_DISPOSITION_INFORMATION_EX
                    ? Operation.SET_DISPOSITION_INFORMATION_EX : Operation.SET_DISPOSITION_INFORMATION_FILE;
            case FILE_RENAME, FILE_RENAME_PATH -> q.infoClass() == FILE_RENAME_INFORMATION_EX
                    ? Operation.SET_RENAME_INFORMATION_EX : Operation.SET_RENAME_INFORMATION_FILE;
            case FILE_SET_LINK_PATH -> Operation.SET_LINK_INFORMATION_FILE;
            case FILE_QUERY_INFO -> Operation.QUERY_INFORMATION_FILE;
            case FILE_FS_CONTROL -> Operation.FILE_SYSTEM_CONTROL;
            case FILE_DIR_ENUM -> Operation.QUERY_DIRECTORY;
            case FILE_DIR_NOTIFY -> Operation.NOTIFY_CHANGE_DIRECTORY;
            default -> Operation.OTHER;
        };
    }

    /** The SetInformationFile sub-operation procmon shows for an information class. */
    static Operation setInformation(int infoClass) {
        return switch (infoClass) {
            case FILE_BASIC_INFORMATION -> Operation.SET_BASIC_INFORMATION_FILE;
            case FILE_RENAME_INFORMATION -> Operation.SET_RENAME_INFORMATION_FILE;
            case FILE_LINK_INFORMATION -> Operation.SET_LINK_INFORMATION_FILE;
            case FILE_DISPOSITION_INFORMATION -> Operation.SET_DISPOSITION_INFORMATION_FILE;
            case FILE_POSITION_INFORMATION -> Operation.SET_POSITION_INFORMATION_FILE;
            case FILE_ALLOCATION_INFORMATION -> Operation.SET_ALLOCATION_INFORMATION_FILE;
            case FILE_END_OF_FILE_INFORMATION -> Operation.SET_END_OF_FILE_INFORMATION_FILE;
            case FILE_PIPE_INFORMATION -> Operation.SET_PIPE_INFORMATION;
            case FILE_VALID_DATA_LENGTH_INFORMATION -> Operation.SET_VALID_DATA_LENGTH_INFORMATION_FILE;
            case FILE_SHORT_NAME_INFORMATION -> Operation.SET_SHORT_NAME_INFORMATION;
            case FILE_REPLACE_COMPLETION_INFORMATION -> Operation.SET_REPLACE_COMPLETION_INFORMATION;
            case FILE_DISPOSITION_INFORMATION_EX -> Operation.SET_DISPOSITION_INFORMATION_EX;
            case FILE_RENAME_INFORMATION_EX -> Operation.SET_RENAME_INFORMATION_EX;
            case FILE_RENAME_INFORMATION_EX_BYPASS_ACCESS_CHECK -> Operation.SET_RENAME_INFORMATION_EX_BYPASS_ACCESS_CHECK;
            default -> Operation.SET_INFORMATION_FILE;
        };
    }

    /**
     * The detail of a request. For Info requests ExtraInfo carries the value being set (the delete
     * flag of a disposition, the new size of an end-of-file/allocation: FileIo_Info's documentation,
     * PerfView FileIOInfoTraceData); a rename target is only known from the v3 RenamePath/SetLinkPath
     * events. Two readings rest on that pattern and are UNVERIFIED on a real trace: a rename's or
     * link's ExtraInfo as its ReplaceIfExists (the Flags of the Ex classes), and an FSControl's
     * InfoClass as its FSCTL code (as other TraceEvent consumers read it), named as procmon names it.
     *
     * @param dosFileName the request's FileName through the volume map ("" when none)
     */
    public static Detail detail(KernelEvent.FileRequest q, Operation op, String dosFileName) {
        return switch (op) {
            case READ_FILE, WRITE_FILE -> new IoDetail(q.offset(), q.length(), q.ioFlags(), -1);
            case SET_DISPOSITION_INFORMATION_FILE ->
                    new DispositionDetail(q.opcode() != FILE_SET_INFO || q.extraInfo() != 0, -1);
            case SET_DISPOSITION_INFORMATION_EX ->
                    new DispositionDetail((q.extraInfo() & DispositionDetail.FLAG_DELETE) != 0, (int) q.extraInfo());
            case SET_RENAME_INFORMATION_FILE, SET_RENAME_INFORMATION_EX, SET_RENAME_INFORMATION_EX_BYPASS_ACCESS_CHECK,
                    SET_LINK_INFORMATION_FILE ->
                    new RenameDetail(replaceIfExists(q), dosFileName.isEmpty() ? null : dosFileName);
            case SET_END_OF_FILE_INFORMATION_FILE, SET_ALLOCATION_INFORMATION_FILE -> new SizeDetail(q.extraInfo());
            case FILE_SYSTEM_CONTROL -> new Detail.Text("Control: " + IoControlCodes.render(q.infoClass()));
            default -> Detail.None.INSTANCE;
        };
    }

    /** A rename's or link's ReplaceIfExists: the BOOLEAN of the plain classes, a flag of the Ex classes. */
    private static boolean replaceIfExists(KernelEvent.FileRequest q) {
        return q.infoClass() == FILE_RENAME_INFORMATION_EX || q.infoClass() == FILE_RENAME_INFORMATION_EX_BYPASS_ACCESS_CHECK
                ? (q.extraInfo() & FILE_RENAME_REPLACE_IF_EXISTS) != 0 : q.extraInfo() != 0;
    }
}
