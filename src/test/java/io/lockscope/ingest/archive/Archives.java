package io.lockscope.ingest.archive;

import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Builds test archives (zip, tar.gz, 7z, and hostile ones) from names and contents, or from a folder. */
public final class Archives {
    private Archives() {
    }

    /** A zip with the entries in map order; a null value makes a directory entry. */
    public static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(file)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.getKey() + (e.getValue() == null ? "/" : ""));
                out.putArchiveEntry(entry);
                if (e.getValue() != null) {
                    out.write(e.getValue());
                }
                out.closeArchiveEntry();
            }
        }
        return file;
    }

    public static Path zipFolder(Path folder, Path file) throws IOException {
        return zip(file, contents(folder));
    }

    public static Path tarGzFolder(Path folder, Path file) throws IOException {
        return tarFolder(folder, file, true);
    }

    public static Path tarFolder(Path folder, Path file, boolean gzip) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             TarArchiveOutputStream out = new TarArchiveOutputStream(gzip ? new GzipCompressorOutputStream(raw) : raw)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Map.Entry<String, byte[]> e : contents(folder).entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                out.putArchiveEntry(entry);
                out.write(e.getValue());
                out.closeArchiveEntry();
            }
        }
        return file;
    }

    public static Path sevenZFolder(Path folder, Path file) throws IOException {
        try (SevenZOutputFile out = new SevenZOutputFile(file.toFile())) {
            for (Map.Entry<String, byte[]> e : contents(folder).entrySet()) {
                SevenZArchiveEntry entry = new SevenZArchiveEntry();
                entry.setName(e.getKey());
                out.putArchiveEntry(entry);
                out.write(e.getValue());
                out.closeArchiveEntry();
            }
        }
        return file;
    }

    /** Adds a symbolic link entry {@code name → target} (Unix mode 0120777 in the external attributes). */
    public static void addSymlink(ZipArchiveOutputStream out, String name, String target) throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setUnixMode(0120777);
        out.putArchiveEntry(entry);
        out.write(target.getBytes(StandardCharsets.UTF_8));
        out.closeArchiveEntry();
    }

    /**
     * A zip whose entry {@code bombName} inflates to {@code mebibytes} MiB of zeros, followed by a
     * small entry {@code afterName}. The deflate stream is one compressed MiB of zeros (ended by a
     * full flush, so it depends on nothing before it) repeated, then an empty final block: a 10 GiB
     * entry costs about 10 MB on disk and no 10 GiB of compression work.
     */
    public static Path zeroBomb(Path file, String bombName, long mebibytes, String afterName, byte[] after)
            throws IOException {
        byte[] zeros = new byte[1 << 20];
        byte[] chunk = fullFlushedDeflate(zeros);
        byte[] finalBlock = {0x03, 0x00}; // BFINAL=1, fixed Huffman, end-of-block (RFC 1951 §3.2.6)
        CRC32 crc = new CRC32();
        for (long i = 0; i < mebibytes; i++) {
            crc.update(zeros);
        }
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(file)) {
            out.setUseZip64(Zip64Mode.AsNeeded);
            ZipArchiveEntry bomb = new ZipArchiveEntry(bombName);
            bomb.setMethod(ZipArchiveEntry.DEFLATED);
            bomb.setSize(mebibytes << 20);
            bomb.setCompressedSize(chunk.length * mebibytes + finalBlock.length);
            bomb.setCrc(crc.getValue());
            InputStream raw = new SequenceInputStream(Collections.enumeration(
                    Stream.concat(Stream.generate(() -> chunk).limit(mebibytes), Stream.of(finalBlock))
                            .map(b -> (InputStream) new java.io.ByteArrayInputStream(b)).toList()));
            out.addRawArchiveEntry(bomb, raw);
            ZipArchiveEntry next = new ZipArchiveEntry(afterName);
            out.putArchiveEntry(next);
            out.write(after);
            out.closeArchiveEntry();
        }
        return file;
    }

    private static byte[] fullFlushedDeflate(byte[] input) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(input);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length || !deflater.needsInput());
        deflater.end();
        return out.toByteArray();
    }

    /** Every regular file under {@code folder} by relative path ('/'-separated), sorted. */
    private static Map<String, byte[]> contents(Path folder) throws IOException {
        Map<String, byte[]> map = new java.util.LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(folder)) {
            List<Path> files = s.filter(Files::isRegularFile).sorted().toList();
            for (Path f : files) {
                map.put(folder.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        return map;
    }
}
