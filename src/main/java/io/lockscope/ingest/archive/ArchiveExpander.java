package io.lockscope.ingest.archive;

import io.lockscope.ingest.BadInputException;
import org.apache.commons.compress.MemoryLimitException;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.zip.CRC32;

/**
 * Expands an uploaded case archive (zip, 7z, tar, tar.gz; archives inside it too) into a work folder
 * so that every file in it can be sniffed and read like a file of a case folder.
 *
 * <p>Uploads are untrusted. Entries are streamed one at a time (never a whole entry in memory), and
 * every {@link ArchiveLimits limit} hit is reported as one line in {@link Expansion#refused()} while
 * the rest is still expanded where that is safe:
 * <ul>
 *   <li>an entry whose path would leave the extraction folder ({@code ../}, absolute paths, drive
 *       letters, {@code :} streams) is refused (zip-slip); so are tar and 7z link entries. Nothing is
 *       ever created as a link: a zip is streamed, and its link flag lives only in the central
 *       directory, so a zip link entry becomes a plain file holding the target's name;</li>
 *   <li>past the entry cap or the expanded-size cap of the case, nothing more is read;</li>
 *   <li>an entry expanding more than the ratio allows is abandoned as soon as that is seen;</li>
 *   <li>archives nested deeper than the depth cap are not expanded.</li>
 * </ul>
 * A structurally broken archive is a {@link BadInputException.Corrupt} naming the archive and the
 * entry; one broken nested archive is an {@link Expansion#errors() error line} instead.
 *
 * <p>Cabinets (CBS rotates its logs into {@code CbsPersist_*.cab}) are read by {@link Cabinet}, in pure
 * Java, under the same limits: stored and MSZIP folders; members of LZX and Quantum folders are each
 * refused with the reason.
 */
public final class ArchiveExpander {
    private static final int BUFFER_BYTES = 64 * 1024;
    /** The most memory a 7z decoder (mostly its LZMA dictionary) may take; 7-Zip's -mx9 uses 64 MiB. */
    private static final int SEVEN_Z_MEMORY_LIMIT_KB = 128 * 1024;

    private final ArchiveLimits limits;
    private final Path workRoot;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private final List<Expansion.File> files = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private long entries;
    private long expandedBytes;
    private int folders;
    /** A case-wide cap was reached: nothing more is read. */
    private boolean exhausted;

    private ArchiveExpander(ArchiveLimits limits, Path workRoot) {
        this.limits = limits;
        this.workRoot = workRoot;
    }

    /**
     * Expands {@code archive} into new folders under {@code workRoot} (which the caller deletes).
     *
     * @param displayName how the archive is named in messages and in the displayed entry names
     * @throws BadInputException.Unsupported when the file is not an archive lockscope expands
     * @throws BadInputException.Corrupt     when the archive is broken; names the entry
     */
    public static Expansion expand(Path archive, String displayName, Path workRoot, ArchiveLimits limits)
            throws BadInputException, IOException {
        return expand(archive, ArchiveFormat.of(archive), displayName, workRoot, limits);
    }

    /** {@link #expand(Path, String, Path, ArchiveLimits)} of an archive whose format is already known (null: none). */
    public static Expansion expand(Path archive, ArchiveFormat format, String displayName, Path workRoot,
                                   ArchiveLimits limits) throws BadInputException, IOException {
        if (format == null) {
            throw new BadInputException.Unsupported(displayName, null, "not a zip, 7z, tar, tar.gz or cab archive");
        }
        ArchiveExpander expander = new ArchiveExpander(limits, workRoot);
        expander.expand(archive, format, displayName, 1);
        return new Expansion(expander.files, expander.refused, expander.errors);
    }

    private void expand(Path archive, ArchiveFormat format, String display, int depth)
            throws BadInputException, IOException {
        Path into = Files.createDirectory(workRoot.resolve(Integer.toString(folders++)));
        try (EntryReader reader = open(archive, format, display)) {
            readEntries(reader, display, into, depth);
        }
    }

    private void readEntries(EntryReader reader, String display, Path into, int depth)
            throws BadInputException, IOException {
        String previous = null;
        while (!exhausted) {
            Entry entry = next(reader, display, previous);
            if (entry == null) {
                return;
            }
            previous = entry.name();
            String where = display + "!/" + entry.name();
            if (++entries > limits.maxEntries()) {
                refuse(where, "more than " + limits.maxEntries()
                        + " entries in the case; this and the remaining entries are not read");
                exhausted = true;
                return;
            }
            Outcome outcome = entry.kind() == Kind.DIRECTORY ? discard(entry, display, where)
                    : readEntry(entry, display, where, into, depth);
            if (outcome == Outcome.STOPPED) {
                if (!exhausted) {
                    refuse(display, "the entries after " + entry.name() + " are not read: in this archive, the end "
                            + "of a refused entry cannot be reached without reading it through");
                }
                return;
            }
        }
    }

    /** What became of one entry. STOPPED: the entries after it cannot be reached safely. */
    private enum Outcome { WRITTEN, SKIPPED, STOPPED }

    private Outcome readEntry(Entry entry, String display, String where, Path into, int depth)
            throws BadInputException, IOException {
        if (entry.kind() == Kind.UNREADABLE) {
            refuse(where, entry.unreadable());
            return entry.cheapToSkip() ? Outcome.SKIPPED : Outcome.STOPPED;
        }
        if (entry.kind() == Kind.LINK) {
            refuse(where, "link entry refused (a symbolic or hard link could point outside the extraction folder)");
            return discard(entry, display, where);
        }
        if (entry.kind() == Kind.OTHER) {
            refuse(where, "not a regular file (device, FIFO or 7z anti-item); skipped");
            return discard(entry, display, where);
        }
        Path target = targetOf(into, entry.name());
        if (target == null) {
            refuse(where, "path escapes the extraction folder ('..', absolute path, drive letter or ':'); "
                    + "entry refused (zip-slip)");
            return discard(entry, display, where);
        }
        String shown = display + "!/" + into.relativize(target).toString().replace('\\', '/');
        Outcome outcome = copy(entry, display, shown, target);
        if (outcome == Outcome.WRITTEN) {
            afterCopy(target, shown, depth);
        }
        return outcome;
    }

    /** A written entry is either a file of the case or an archive nested in it. */
    private void afterCopy(Path file, String shown, int depth) throws IOException {
        ArchiveFormat nested = Files.size(file) == 0 ? null : ArchiveFormat.of(file);
        if (nested == null) {
            files.add(new Expansion.File(file, shown));
            return;
        }
        try {
            if (depth >= limits.maxDepth()) {
                refuse(shown, "archive nested more than " + limits.maxDepth() + " levels deep; not expanded");
            } else {
                expand(file, nested, shown, depth + 1);
            }
        } catch (BadInputException e) {
            errors.add(e.getMessage());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Writes the entry's content to {@code target} under the caps; a refused entry's partial file is deleted. */
    private Outcome copy(Entry entry, String display, String shown, Path target) throws BadInputException, IOException {
        OutputStream out;
        try {
            Files.createDirectories(target.getParent());
            out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileSystemException e) {
            refuse(shown, "the same name as an earlier entry, or a folder of it; skipped");
            return discard(entry, display, shown);
        }
        CRC32 crc = entry.expectedCrc() >= 0 ? new CRC32() : null;
        long written = -1;
        try (out) {
            written = pump(entry, display, shown, out, crc);
        } finally {
            if (written < 0) {
                Files.deleteIfExists(target);
            }
        }
        if (written < 0) {
            return entry.cheapToSkip() && !exhausted ? Outcome.SKIPPED : Outcome.STOPPED;
        }
        expandedBytes += written;
        if (crc != null && crc.getValue() != entry.expectedCrc()) {
            throw new BadInputException.Corrupt(display, entryPosition(entry.name()), String.format(Locale.ROOT,
                    "CRC-32 mismatch: the archive says %08X, the content has %08X", entry.expectedCrc(), crc.getValue()));
        }
        return Outcome.WRITTEN;
    }

    /**
     * Moves past a refused entry. Where that costs decompression (tar.gz, 7z, zip entries sized after
     * their data) its content is read and dropped, under the ratio cap, so a refused bomb still stops.
     */
    private Outcome discard(Entry entry, String display, String shown) throws BadInputException, IOException {
        if (entry.cheapToSkip()) {
            return Outcome.SKIPPED;
        }
        return pump(entry, display, shown, null, null) < 0 ? Outcome.STOPPED : Outcome.SKIPPED;
    }

    /**
     * Reads the entry's content into {@code out} (null: dropped), stopping at the caps. Only written
     * bytes count against the expanded-size cap.
     *
     * @return the bytes read, or -1 when a cap stopped it (the refusal is recorded)
     */
    private long pump(Entry entry, String display, String shown, OutputStream out, CRC32 crc)
            throws BadInputException, IOException {
        long read = 0;
        int n;
        while ((n = read(entry, display)) > 0) {
            read += n;
            if (out != null && expandedBytes + read > limits.maxExpandedBytes()) {
                refuse(shown, "the case expands to more than " + bytes(limits.maxExpandedBytes())
                        + " (expanded-size limit); this and the remaining entries are not read");
                exhausted = true;
                return -1;
            }
            long compressed = Math.max(1, entry.compressedBytes().getAsLong());
            if (read > limits.ratioFloorBytes() && read / compressed > limits.maxRatio()) {
                refuse(shown, String.format(Locale.ROOT, "expands more than %d times (stopped after %d bytes "
                        + "from %d compressed bytes): a decompression bomb; entry not read", limits.maxRatio(),
                        read, compressed));
                return -1;
            }
            if (crc != null) {
                crc.update(buffer, 0, n);
            }
            if (out != null) {
                out.write(buffer, 0, n);
            }
        }
        return read;
    }

    private void refuse(String where, String why) {
        refused.add(where + ": " + why);
    }

    /**
     * The path under {@code into} where an entry named {@code name} goes, or null when the name is
     * absolute, has a drive letter or an NTFS stream ({@code :}), climbs out with {@code ..}, or
     * resolves outside {@code into} in any other way.
     */
    static Path targetOf(Path into, String name) {
        String path = name.replace('\\', '/');
        if (path.startsWith("/") || path.indexOf(':') >= 0 || path.indexOf('\0') >= 0) {
            return null;
        }
        StringBuilder relative = new StringBuilder();
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                return null;
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                relative.append(relative.length() == 0 ? "" : "/").append(segment);
            }
        }
        if (relative.length() == 0) {
            return null;
        }
        try {
            Path target = into.resolve(relative.toString()).normalize();
            return target.startsWith(into) && !target.equals(into) ? target : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    // ---- reading entries, any archive failure named by archive and entry

    private Entry next(EntryReader reader, String display, String previous) throws BadInputException {
        try {
            return reader.next();
        } catch (IOException | RuntimeException e) {
            String position = previous == null ? "at the first entry" : "after entry " + previous;
            throw new BadInputException.Corrupt(display, position, describe(e), e);
        }
    }

    private int read(Entry entry, String display) throws BadInputException {
        try {
            return entry.content().read(buffer, 0, buffer.length);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException.Corrupt(display, entryPosition(entry.name()), describe(e), e);
        }
    }

    private static String entryPosition(String entryName) {
        return "entry " + entryName;
    }

    /**
     * The archive's damage in words. Commons Compress says what is wrong in its IOExceptions; its
     * EOFExceptions have no message (the cabinet reader's say where the file ends), and a
     * RuntimeException's message describes the library's state, not the file, so neither is shown (nor
     * any class name).
     */
    private static String describe(Exception e) {
        if (e instanceof EOFException && (e.getMessage() == null || e.getMessage().isBlank())) {
            return "broken archive: it ends inside an entry or a header (cut short?)";
        }
        String message = e instanceof IOException ? e.getMessage() : null;
        return "broken archive: " + (message == null || message.isBlank() ? "its structure cannot be read" : message);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = n;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    // ---- one reader per archive format

    /**
     * UNREADABLE: a zip entry Commons Compress cannot stream (encrypted, unknown method, stored with a
     * data descriptor), or a cabinet member in an LZX or Quantum folder.
     */
    private enum Kind { FILE, DIRECTORY, LINK, OTHER, UNREADABLE }

    /**
     * One entry, its content read from {@code content} (not closed by the caller).
     *
     * @param compressedBytes the compressed bytes consumed so far for this entry
     * @param cheapToSkip     whether moving to the next entry without reading this one costs no
     *                        decompression (zip entries whose compressed size is in their header)
     * @param expectedCrc     the CRC-32 the archive states for the content, or -1 when it is checked by
     *                        the library or not known in advance
     * @param unreadable      why an UNREADABLE entry is not read (null for the other kinds)
     */
    private record Entry(String name, Kind kind, InputStream content, LongSupplier compressedBytes, boolean cheapToSkip,
                         long expectedCrc, String unreadable) {
        Entry(String name, Kind kind, InputStream content, LongSupplier compressedBytes, boolean cheapToSkip,
              long expectedCrc) {
            this(name, kind, content, compressedBytes, cheapToSkip, expectedCrc, null);
        }
    }

    private interface EntryReader extends Closeable {
        /** The next entry, or null at the end. */
        Entry next() throws IOException;
    }

    private static EntryReader open(Path archive, ArchiveFormat format, String display)
            throws BadInputException, IOException {
        try {
            switch (format) {
                case ZIP:
                    return zip(archive);
                case SEVEN_Z:
                    return sevenZ(archive);
                case TAR:
                    return tar(new BufferedInputStream(Files.newInputStream(archive), BUFFER_BYTES), null);
                case GZIP:
                    return tarGz(archive, display);
                case CAB:
                    return cab(archive);
                default:
                    throw new IllegalStateException("no reader for " + format);
            }
        } catch (MemoryLimitException e) {
            throw new BadInputException.Unsupported(display, null, "the archive needs more than "
                    + bytes(SEVEN_Z_MEMORY_LIMIT_KB * 1024L) + " of memory to decompress; refused");
        } catch (IOException | RuntimeException e) {
            throw new BadInputException.Corrupt(display, "at the archive header", describe(e), e);
        }
    }

    private static final String ZIP_UNREADABLE = "encrypted, or stored in a way that cannot be streamed (compression "
            + "method, or uncompressed with its size only after the data); skipped";

    private static EntryReader zip(Path archive) throws IOException {
        // streaming, not the central directory: memory stays bounded however many entries it lists.
        // Stored entries with a data descriptor are not allowed: Commons Compress would buffer each
        // one whole in memory to find its end.
        ZipArchiveInputStream in = new ZipArchiveInputStream(
                new BufferedInputStream(Files.newInputStream(archive), BUFFER_BYTES), "UTF-8", true, false);
        return new EntryReader() {
            @Override
            public Entry next() throws IOException {
                ZipArchiveEntry e = in.getNextEntry();
                if (e == null) {
                    return null;
                }
                boolean sizesInHeader = !e.getGeneralPurposeBit().usesDataDescriptor();
                Kind kind = !in.canReadEntryData(e) ? Kind.UNREADABLE : e.isUnixSymlink() ? Kind.LINK
                        : e.isDirectory() ? Kind.DIRECTORY : Kind.FILE;
                return new Entry(e.getName(), kind, in, in::getCompressedCount, sizesInHeader,
                        sizesInHeader ? e.getCrc() : -1, kind == Kind.UNREADABLE ? ZIP_UNREADABLE : null);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    private static EntryReader tarGz(Path archive, String display) throws IOException, BadInputException {
        GzipCompressorInputStream gz = new GzipCompressorInputStream(
                new BufferedInputStream(Files.newInputStream(archive), BUFFER_BYTES), true);
        BufferedInputStream tarBytes = new BufferedInputStream(gz, BUFFER_BYTES);
        tarBytes.mark(ArchiveFormat.SNIFF_BYTES);
        byte[] head = tarBytes.readNBytes(ArchiveFormat.SNIFF_BYTES);
        tarBytes.reset();
        if (!ArchiveFormat.isTarHeader(head, head.length)) {
            gz.close();
            throw new BadInputException.Unsupported(display, null,
                    "a gzip file that does not hold a tar archive; cases are read from .tar.gz, .zip and .7z archives");
        }
        return tar(tarBytes, gz::getCompressedCount);
    }

    /** @param compressedCount bytes of the gzip stream consumed so far, or null for an uncompressed tar */
    private static EntryReader tar(InputStream bytes, LongSupplier compressedCount) {
        HeaderGuard guard = new HeaderGuard(bytes);
        TarArchiveInputStream in = new TarArchiveInputStream(guard);
        return new EntryReader() {
            @Override
            public Entry next() throws IOException {
                // every entry before was read to its end, so what getNextEntry reads now is headers only
                guard.arm();
                TarArchiveEntry e;
                try {
                    e = in.getNextEntry();
                } finally {
                    guard.disarm();
                }
                if (e == null) {
                    return null;
                }
                Kind kind = e.isSymbolicLink() || e.isLink() ? Kind.LINK
                        : e.isDirectory() ? Kind.DIRECTORY : e.isFile() ? Kind.FILE : Kind.OTHER;
                LongSupplier compressed;
                if (compressedCount == null) {
                    compressed = () -> Long.MAX_VALUE;
                } else {
                    long start = compressedCount.getAsLong();
                    compressed = () -> compressedCount.getAsLong() - start;
                }
                // not cheap to skip: each entry is read to its end so that the guard sees headers only
                return new Entry(e.getName(), kind, in, compressed, false, -1);
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    /**
     * Bounds the bytes a tar reader consumes between two entries. Commons Compress reads a pax
     * extended header, or a GNU long name, into memory whole (POSIX.1-2001 pax records may be any
     * length), so a small tar.gz could declare a header of gigabytes of compressible bytes; real ones
     * are a few hundred bytes.
     */
    private static final class HeaderGuard extends FilterInputStream {
        static final long MAX_HEADER_BYTES = 1 << 20;
        private long budget = -1;

        HeaderGuard(InputStream in) {
            super(in);
        }

        void arm() {
            budget = MAX_HEADER_BYTES;
        }

        void disarm() {
            budget = -1;
        }

        private void spend(long n) throws IOException {
            if (budget >= 0 && n > 0) {
                budget -= n;
                if (budget < 0) {
                    throw new IOException("tar headers between two entries (pax extended header or long name) "
                            + "longer than " + bytes(MAX_HEADER_BYTES) + "; refused");
                }
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            spend(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            spend(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            spend(skipped);
            return skipped;
        }
    }

    /**
     * Members in folder order. Moving to the next member needs no reading of this one (the reader
     * seeks), so a refused member is skipped; skipping forward inside a folder decompresses, which is
     * bounded by a folder's 65,535 blocks of 32 KiB and writes nothing.
     */
    private static EntryReader cab(Path archive) throws IOException {
        Cabinet cab = Cabinet.open(archive);
        Iterator<Cabinet.Member> members = cab.members().iterator();
        return new EntryReader() {
            @Override
            public Entry next() throws IOException {
                if (!members.hasNext()) {
                    return null;
                }
                Cabinet.Member m = members.next();
                if (m.unreadable() != null) {
                    return new Entry(m.name(), Kind.UNREADABLE, InputStream.nullInputStream(), () -> 0, true, -1,
                            m.unreadable());
                }
                long before = cab.compressedBytesRead();
                // each data block's checksum is verified as it is read
                return new Entry(m.name(), Kind.FILE, cab.content(m), () -> cab.compressedBytesRead() - before, true, -1);
            }

            @Override
            public void close() throws IOException {
                cab.close();
            }
        };
    }

    private static EntryReader sevenZ(Path archive) throws IOException {
        SevenZFile file = SevenZFile.builder().setFile(archive.toFile())
                .setMaxMemoryLimitKb(SEVEN_Z_MEMORY_LIMIT_KB).get();
        InputStream current = new InputStream() {
            @Override
            public int read() throws IOException {
                return file.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return file.read(b, off, len);
            }
        };
        return new EntryReader() {
            @Override
            public Entry next() throws IOException {
                SevenZArchiveEntry e = file.getNextEntry();
                if (e == null) {
                    return null;
                }
                Kind kind = e.isAntiItem() ? Kind.OTHER : e.isDirectory() ? Kind.DIRECTORY
                        : isLink(e) ? Kind.LINK : Kind.FILE;
                // 7z checks each entry's CRC itself; entries of a solid block cannot be skipped without decoding
                return new Entry(e.getName(), kind, current, () -> file.getStatisticsForCurrentEntry().getCompressedCount(),
                        false, -1);
            }

            @Override
            public void close() throws IOException {
                file.close();
            }
        };
    }

    /**
     * 7-Zip stores a Unix mode in the high 16 bits of the Windows attributes when bit 0x8000
     * (FILE_ATTRIBUTE_UNIX_EXTENSION, p7zip) is set; 0xA000 in the mode is a symbolic link. A Windows
     * reparse point (0x400) is a link or junction.
     */
    private static boolean isLink(SevenZArchiveEntry e) {
        if (!e.getHasWindowsAttributes()) {
            return false;
        }
        int attributes = e.getWindowsAttributes();
        boolean unixSymlink = (attributes & 0x8000) != 0 && ((attributes >>> 16) & 0xF000) == 0xA000;
        return unixSymlink || (attributes & 0x400) != 0;
    }
}
