package io.lockscope.ingest.procmon.pml;

import io.lockscope.model.StringPool;
import io.lockscope.model.detail.Detail;

/** Network blobs: the endpoints (shown as the path) and procmon's name/value pairs. */
final class NetworkDetailDecoder extends DetailDecoder {
    private final PmlTables tables;

    NetworkDetailDecoder(MappedFile in, PmlHeader header, PmlTables tables, StringPool strings, PathInterner paths,
            PmlDetails.Decoded out) {
        super(in, header, strings, paths, out);
        this.tables = tables;
    }

    /**
     * u16 flags (bit 0 source IPv4, bit 1 destination IPv4, bit 2 TCP), u16, u32 length, u8[16]
     * source, u8[16] destination, u16 source port, u16 destination port, then name/value pairs as a
     * UTF-16 multi-string (procmon-formats.md §1.13).
     */
    @Override
    void decodeBlob(int operation, int tid) {
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
}
