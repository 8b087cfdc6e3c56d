package io.lockscope.ingest.procmon.pml;

import io.lockscope.model.StringPool;
import io.lockscope.model.detail.ProcessDetail;

import java.util.ArrayList;
import java.util.List;

import static io.lockscope.format.procmon.pml.PmlOperations.*;

/** Process-class blobs (process and thread create, start and exit, image loads); layouts at each decoder. */
final class ProcessDetailDecoder extends DetailDecoder {
    private final int version;

    ProcessDetailDecoder(MappedFile in, PmlHeader header, StringPool strings, PathInterner paths,
            PmlDetails.Decoded out) {
        super(in, header, strings, paths, out);
        this.version = header.version();
    }

    @Override
    void decodeBlob(int operation, int tid) {
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
}
