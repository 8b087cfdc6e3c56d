package io.lockscope.ingest.procmon.pml;

import io.lockscope.format.procmon.pml.PmlLayout;
import io.lockscope.model.StringPool;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.RegKeyDetail;
import io.lockscope.model.detail.RegValueDetail;
import io.lockscope.model.vocab.DetailFormat;
import io.lockscope.model.vocab.Numbers;

import static io.lockscope.format.procmon.pml.PmlLayout.KEY_VALUE_FULL_INFORMATION;
import static io.lockscope.format.procmon.pml.PmlLayout.KEY_VALUE_PARTIAL_INFORMATION;
import static io.lockscope.format.procmon.pml.PmlLayout.REG_BINARY;
import static io.lockscope.format.procmon.pml.PmlLayout.REG_DWORD;
import static io.lockscope.format.procmon.pml.PmlLayout.REG_EXPAND_SZ;
import static io.lockscope.format.procmon.pml.PmlLayout.REG_MULTI_SZ;
import static io.lockscope.format.procmon.pml.PmlLayout.REG_SZ;
import static io.lockscope.format.procmon.pml.PmlOperations.*;

/**
 * Registry blobs: the u16 path string info, then an operation-specific fixed part, then the path (value
 * operations end it with the value name), then operation-specific data; post data (what the caller got
 * back) is in the extra blob.
 */
final class RegistryDetailDecoder extends DetailDecoder {
    private static final int ACCESS_MAXIMUM_ALLOWED = 0x02000000;
    private static final int BINARY_BYTES_SHOWN = 16;

    private static final int KEY_BASIC_INFORMATION = 0;
    private static final int KEY_NODE_INFORMATION = 1;
    private static final int KEY_FULL_INFORMATION = 2;
    private static final int KEY_CACHED_INFORMATION = 4;
    private static final int KEY_FLAGS_INFORMATION = 5;
    private static final int KEY_HANDLE_TAGS_INFORMATION = 7;
    /** KEY_INFORMATION_CLASS names as procmon shows them after "Query: ". */
    private static final String[] KEY_INFORMATION_CLASSES = {"Basic", "Node", "Full", "Name", "Cached", "Flags",
        "Virtualization", "HandleTags", "Trust", "Layer"};
    private static final String[] KEY_SET_INFORMATION_CLASSES = {"KeyWriteTimeInformation", "KeyWow64FlagsInformation",
        "KeyControlFlagsInformation", "KeySetVirtualizationInformation", "KeySetDebugInformation",
        "KeySetHandleTagsInformation", "KeySetLayerInformation"};
    RegistryDetailDecoder(MappedFile in, PmlHeader header, StringPool strings, PathInterner paths,
            PmlDetails.Decoded out) {
        super(in, header, strings, paths, out);
    }

    @Override
    void decodeBlob(int operation, int tid) {
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
            text.append("Index: ").append(Numbers.grouped(index, ','));
        } else {
            text.append("Query: ").append(name(KEY_INFORMATION_CLASSES, infoClass));
        }
        if (extra < 0) {
            text.append(", Length: ").append(Numbers.grouped(length, ','));
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
                text.append(", SubKeys: ").append(Numbers.grouped(in.u32(extra + 20), ',')).append(", Values: ")
                        .append(Numbers.grouped(in.u32(extra + 32), ','));
                break;
            case KEY_CACHED_INFORMATION:
                needExtra(extra, 24);
                text.append(", SubKeys: ").append(Numbers.grouped(in.u32(extra + 12), ',')).append(", Values: ")
                        .append(Numbers.grouped(in.u32(extra + 20), ','));
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
}
