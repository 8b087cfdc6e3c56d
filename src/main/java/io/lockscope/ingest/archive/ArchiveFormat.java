package io.lockscope.ingest.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The archive formats an uploaded case may come in, told apart by their first bytes (never by the
 * file name).
 *
 * <table>
 *   <caption>Signatures</caption>
 *   <tr><th>format</th><th>offset</th><th>bytes</th><th>source</th></tr>
 *   <tr><td>zip</td><td>0</td><td>{@code PK 03 04} (local file header), {@code PK 05 06} (empty
 *       archive: end of central directory), {@code PK 07 08} (split marker)</td><td>PKWARE APPNOTE.TXT
 *       §4.3.7, §4.3.16, §8.5.3</td></tr>
 *   <tr><td>7z</td><td>0</td><td>{@code 37 7A BC AF 27 1C}</td><td>7-Zip DOC/7zFormat.txt, SignatureHeader</td></tr>
 *   <tr><td>gzip</td><td>0</td><td>{@code 1F 8B}</td><td>RFC 1952 §2.3.1 (ID1, ID2)</td></tr>
 *   <tr><td>tar</td><td>257</td><td>{@code ustar} (POSIX ustar and GNU tar)</td><td>POSIX.1-2001 pax, ustar
 *       header "magic"</td></tr>
 *   <tr><td>cab</td><td>0</td><td>{@code MSCF}</td><td>[MS-CAB] §2.1 CFHEADER signature</td></tr>
 * </table>
 */
public enum ArchiveFormat {
    ZIP("zip"),
    SEVEN_Z("7z"),
    /** gzip; a case archive is a gzip-compressed tar (.tar.gz, .tgz). */
    GZIP("gzip"),
    TAR("tar"),
    /** Microsoft Cabinet, read by {@link Cabinet}. */
    CAB("cab");

    /** Enough for every signature above (the tar magic ends at byte 262). */
    static final int SNIFF_BYTES = 512;

    private static final byte[] SEVEN_Z_SIGNATURE = {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C};
    private static final int TAR_MAGIC_OFFSET = 257;

    private final String id;

    ArchiveFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The archive format of {@code file}'s content, or null when it is not an archive. */
    public static ArchiveFormat of(Path file) throws IOException {
        byte[] head = new byte[SNIFF_BYTES];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return sniff(head, n);
    }

    /** The archive format of content starting with {@code head[0..length)}, or null. */
    public static ArchiveFormat sniff(byte[] head, int length) {
        if (length >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6) || (head[2] == 7 && head[3] == 8))) {
            return ZIP;
        }
        if (startsWith(head, length, SEVEN_Z_SIGNATURE)) {
            return SEVEN_Z;
        }
        if (length >= 2 && head[0] == 0x1F && head[1] == (byte) 0x8B) {
            return GZIP;
        }
        if (isTarHeader(head, length)) {
            return TAR;
        }
        if (length >= 4 && head[0] == 'M' && head[1] == 'S' && head[2] == 'C' && head[3] == 'F') {
            return CAB;
        }
        return null;
    }

    static boolean isTarHeader(byte[] head, int length) {
        return length >= TAR_MAGIC_OFFSET + 5 && head[TAR_MAGIC_OFFSET] == 'u' && head[TAR_MAGIC_OFFSET + 1] == 's'
                && head[TAR_MAGIC_OFFSET + 2] == 't' && head[TAR_MAGIC_OFFSET + 3] == 'a'
                && head[TAR_MAGIC_OFFSET + 4] == 'r';
    }

    private static boolean startsWith(byte[] head, int length, byte[] signature) {
        if (length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (head[i] != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
