package io.lockscope.export.pml;

import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.ProcessDetail;

import static io.lockscope.export.pml.EventBlobs.truncate;
import static io.lockscope.format.procmon.pml.PmlOperations.*;

/** Process-class blobs, the inverse of the reader's {@code ProcessDetailDecoder}. */
final class ProcessDetailEncoder extends DetailEncoder {
    private static final String ENVIRONMENT_SEPARATOR = "\r;\t";

    ProcessDetailEncoder(EventBlobs blobs) {
        super(blobs);
    }

    boolean encode(int op, String path, Detail d) {
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
}
