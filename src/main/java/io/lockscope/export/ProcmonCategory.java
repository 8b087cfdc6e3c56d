package io.lockscope.export;

import io.lockscope.model.Operation;
import io.lockscope.model.detail.CreateFileDetail;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.RegKeyDetail;

/**
 * procmon's derived Category column ("Read", "Write", "Read Metadata", "Write Metadata" or empty).
 * Rules from eronnen/procmon-parser stream_logs_detail_format.py (which is checked against procmon's own
 * CSV): CreateFile is "Write" when it created, overwrote or superseded, or when a create that is not an
 * Open failed; registry reads are "Read", RegCreateKey that created a key is "Write". The
 * SetInformationFile family as "Write" (and SetBasicInformationFile as "Write Metadata") follows the
 * Win10 sample row of SetDispositionInformationFile (procmon-formats.md §2.5); the query-information
 * family as "Read Metadata" follows procmon-parser's QueryIdInformation handler.
 */
public final class ProcmonCategory {
    public static final String READ = "Read";
    public static final String WRITE = "Write";
    public static final String READ_METADATA = "Read Metadata";
    public static final String WRITE_METADATA = "Write Metadata";

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
            case SET_END_OF_FILE_INFORMATION_FILE:
            case SET_ALLOCATION_INFORMATION_FILE:
                return WRITE;
            case REG_SET_INFO_KEY:
            case REG_SET_KEY_SECURITY:
            case SET_BASIC_INFORMATION_FILE:
                return WRITE_METADATA;
            case REG_QUERY_KEY_SECURITY:
            case QUERY_BASIC_INFORMATION_FILE:
            case QUERY_STANDARD_INFORMATION_FILE:
            case QUERY_NETWORK_OPEN_INFORMATION_FILE:
            case QUERY_ID_INFORMATION:
            case QUERY_REMOTE_PROTOCOL_INFORMATION:
                return READ_METADATA;
            default:
                return "";
        }
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
