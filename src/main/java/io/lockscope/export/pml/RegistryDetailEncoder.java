package io.lockscope.export.pml;

import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.RegKeyDetail;
import io.lockscope.model.detail.RegValueDetail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.lockscope.export.pml.EventBlobs.truncate;
import static io.lockscope.format.procmon.pml.PmlLayout.KEY_VALUE_FULL_INFORMATION;
import static io.lockscope.format.procmon.pml.PmlLayout.KEY_VALUE_PARTIAL_INFORMATION;
import static io.lockscope.format.procmon.pml.PmlLayout.REG_BINARY;
import static io.lockscope.format.procmon.pml.PmlLayout.REG_DWORD;
import static io.lockscope.format.procmon.pml.PmlLayout.REG_EXPAND_SZ;
import static io.lockscope.format.procmon.pml.PmlLayout.REG_MULTI_SZ;
import static io.lockscope.format.procmon.pml.PmlLayout.REG_QWORD;
import static io.lockscope.format.procmon.pml.PmlLayout.REG_SZ;
import static io.lockscope.format.procmon.pml.PmlOperations.*;

/**
 * Registry blobs, the inverse of the reader's {@code RegistryDetailDecoder}: value data the model keeps as
 * procmon's rendered text is turned back into the bytes that render that way.
 */
final class RegistryDetailEncoder extends DetailEncoder {
    RegistryDetailEncoder(EventBlobs blobs) {
        super(blobs);
    }

    boolean encode(int op, String path, Detail d) {
        String p = truncate(path);
        detail.u16(p.length());
        switch (op) {
            case REG_OPEN_KEY:
            case REG_CREATE_KEY: {
                RegKeyDetail k = d instanceof RegKeyDetail r ? r : null;
                detail.u16(0).i32(k == null ? 0 : k.desiredAccess()).utf16(p);
                if (k != null && (k.grantedAccess() != -1 || k.disposition() != -1)) {
                    blobs.hasExtra = true;
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
                detail.bytes(copied == data.length ? data : Arrays.copyOf(data, copied));
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
        blobs.hasExtra = true;
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
        ByteBuffer bb = b.flip();
        byte[] out = new byte[Math.max(bb.limit(), v.type() == REG_BINARY ? (int) Math.min(v.length(), 1 << 16) : 0)];
        bb.get(out, 0, bb.limit());
        return out;
    }
}
