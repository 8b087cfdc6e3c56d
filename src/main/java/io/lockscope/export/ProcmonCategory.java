package io.lockscope.export;

import io.lockscope.format.procmon.pml.PmlOperations;
import io.lockscope.model.Operation;
import io.lockscope.model.detail.CreateFileDetail;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.RegKeyDetail;
import io.lockscope.model.vocab.IoControlCodes;

/**
 * procmon's derived Category column ("Read", "Write", "Read Metadata", "Write Metadata" or empty).
 * Registry and CreateFile rules from eronnen/procmon-parser stream_logs_detail_format.py: CreateFile is
 * "Write" when it created, overwrote or superseded, or when a create that is not an Open failed;
 * registry reads are "Read", a RegCreateKey that created a key is "Write".
 *
 * <p>File-system operations follow their IRP major function, as procmon's own CSV exports of the
 * corpus show for every event: QueryInformation (every class, also those procmon shows as
 * {@code <Unknown>}), QueryEA, DirectoryControl and QuerySecurity are "Read Metadata"; SetInformation,
 * SetEA and SetSecurity are "Write Metadata", except a disposition (delete), which is "Write"; volume
 * queries have none; a FileSystemControl's category depends on its control code
 * ({@link IoControlCodes#fileSystemControlCategory}).
 */
public final class ProcmonCategory {
    public static final String READ = "Read";
    public static final String WRITE = "Write";
    public static final String READ_METADATA = "Read Metadata";
    public static final String WRITE_METADATA = "Write Metadata";

    private static final String CONTROL_KEY = "Control: ";
    private static final int DISPOSITION_OPEN = 1;
    private static final int SUPERSEDED = 0;
    private static final int OPENED = 1;
    private static final int CREATED = 2;
    private static final int OVERWRITTEN = 3;
    private static final int EXISTS = 4;
    private static final int DOES_NOT_EXIST = 5;
    private static final int REG_CREATED_NEW_KEY = 1;

    private ProcmonCategory() {
    }

    public static String of(Operation operation, Detail detail) {
        switch (operation) {
            case CREATE_FILE:
                return createFile(detail);
            case READ_FILE:
            case REG_QUERY_KEY:
            case REG_ENUM_KEY:
            case REG_QUERY_VALUE:
            case REG_ENUM_VALUE:
            case REG_QUERY_MULTIPLE_VALUE_KEY:
                return READ;
            case REG_OPEN_KEY:
            case REG_CREATE_KEY:
                return detail instanceof RegKeyDetail k && k.disposition() == REG_CREATED_NEW_KEY ? WRITE : READ;
            case WRITE_FILE:
            case REG_SET_VALUE:
            case REG_DELETE_KEY:
            case REG_DELETE_VALUE:
            case REG_RENAME_KEY:
            case SET_RENAME_INFORMATION_FILE:
            case SET_RENAME_INFORMATION_EX:
            case SET_RENAME_INFORMATION_EX_BYPASS_ACCESS_CHECK:
            case SET_LINK_INFORMATION_FILE:
            case SET_DISPOSITION_INFORMATION_FILE:
            case SET_DISPOSITION_INFORMATION_EX:
                return WRITE;
            case REG_SET_INFO_KEY:
            case REG_SET_KEY_SECURITY:
                return WRITE_METADATA;
            case REG_QUERY_KEY_SECURITY:
                return READ_METADATA;
            case FILE_SYSTEM_CONTROL:
                return detail instanceof Detail.Text t && t.text().startsWith(CONTROL_KEY)
                        ? IoControlCodes.fileSystemControlCategory(controlName(t.text())) : "";
            default:
                return byMajorFunction(operation);
        }
    }

    private static String byMajorFunction(Operation operation) {
        PmlOperations.Code code = operation.isFileSystem() ? PmlOperations.code(operation.procmonName()) : null;
        if (code == null || code.eventClass() != PmlOperations.CLASS_FILE_SYSTEM) {
            return "";
        }
        switch (code.operation()) {
            case PmlOperations.FS_QUERY_INFORMATION:
            case PmlOperations.FS_QUERY_EA:
            case PmlOperations.FS_DIRECTORY_CONTROL:
            case PmlOperations.FS_QUERY_SECURITY:
                return READ_METADATA;
            case PmlOperations.FS_SET_INFORMATION:
            case PmlOperations.FS_SET_EA:
            case PmlOperations.FS_SET_SECURITY:
                return WRITE_METADATA;
            default:
                return "";
        }
    }

    /** {@code Control: FSCTL_OFFLOAD_READ, Offset: 0, …} → {@code FSCTL_OFFLOAD_READ}. */
    private static String controlName(String detail) {
        int end = detail.indexOf(", ", CONTROL_KEY.length());
        return detail.substring(CONTROL_KEY.length(), end < 0 ? detail.length() : end);
    }

    private static String createFile(Detail detail) {
        if (!(detail instanceof CreateFileDetail cf)) {
            return "";
        }
        int open = cf.openResult();
        if (open == SUPERSEDED || open == CREATED || open == OVERWRITTEN) {
            return WRITE;
        }
        if (open == OPENED || open == EXISTS || open == DOES_NOT_EXIST) {
            return "";
        }
        return cf.disposition() == DISPOSITION_OPEN ? "" : WRITE;
    }
}
