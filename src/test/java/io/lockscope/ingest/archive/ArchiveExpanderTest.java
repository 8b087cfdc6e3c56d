package io.lockscope.ingest.archive;

import io.lockscope.ingest.BadInputException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchiveExpanderTest {
    private static final byte[] LOG = "2022-08-11 10:00:00, Info  CBS  Starting TrustedInstaller\r\n"
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private Path work() throws IOException {
        return Files.createDirectories(dir.resolve("work"));
    }

    private static List<String> names(Expansion e) {
        return e.files().stream().map(Expansion.File::displayName).toList();
    }

    @Test
    void zipSlipEntriesAreRefusedAndTheOthersRead() throws Exception {
        Path zip = dir.resolve("upload.zip");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            for (String name : List.of("logs/CBS.log", "../escaped.txt", "/etc/absolute.txt", "C:/Windows/drive.txt",
                    "logs/../../up.txt", "..\\backslash.txt", "logs/CBS.log:stream", "logs/setupapi.dev.log")) {
                out.putArchiveEntry(new ZipArchiveEntry(name));
                out.write(LOG);
                out.closeArchiveEntry();
            }
            Archives.addSymlink(out, "logs/link.log", "/etc/passwd");
        }
        Path work = work();
        Expansion e = ArchiveExpander.expand(zip, "upload.zip", work, ArchiveLimits.DEFAULT);

        // a streamed zip has no link flag (it is only in the central directory): the link entry becomes a
        // plain file holding the target's name, never a link
        assertEquals(List.of("upload.zip!/logs/CBS.log", "upload.zip!/logs/setupapi.dev.log", "upload.zip!/logs/link.log"),
                names(e));
        Path link = e.files().get(2).path();
        assertFalse(Files.isSymbolicLink(link));
        assertEquals("/etc/passwd", Files.readString(link));
        assertEquals(6, e.refused().size(), e.refused().toString());
        // Commons Compress turns the backslashes of a zip entry name into slashes
        for (String name : List.of("../escaped.txt", "/etc/absolute.txt", "C:/Windows/drive.txt", "logs/../../up.txt",
                "../backslash.txt", "logs/CBS.log:stream")) {
            assertTrue(e.refused().contains("upload.zip!/" + name + ": path escapes the extraction folder ('..', "
                    + "absolute path, drive letter or ':'); entry refused (zip-slip)"), name + " in " + e.refused());
        }
        // nothing was written beside or above the work folder
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("upload.zip", "work"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(new String(LOG, StandardCharsets.UTF_8), Files.readString(e.files().get(0).path()));
    }

    @Test
    void entryTargetsStayInsideTheFolder() {
        Path into = dir.resolve("x");
        assertEquals(into.resolve("a/b.log"), ArchiveExpander.targetOf(into, "./a//b.log"));
        assertEquals(into.resolve("a/b.log"), ArchiveExpander.targetOf(into, "a\\b.log"));
        for (String bad : List.of("..", "a/../..", "/a", "\\\\server\\share\\a", "D:a", "a/b:c", "", "./", "a\0b")) {
            assertNull(ArchiveExpander.targetOf(into, bad), bad);
        }
    }

    @Test
    void tenGibibyteBombIsStoppedEarlyAndTheNextEntryStillRead() throws Exception {
        Path zip = Archives.zeroBomb(dir.resolve("bomb.zip"), "logs/huge.log", 10 * 1024, "logs/CBS.log", LOG);
        assertTrue(Files.size(zip) < 32L << 20, "the bomb file itself is small: " + Files.size(zip));
        long start = System.nanoTime();
        Expansion e = ArchiveExpander.expand(zip, "bomb.zip", work(), ArchiveLimits.DEFAULT);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertEquals(List.of("bomb.zip!/logs/CBS.log"), names(e));
        assertEquals(1, e.refused().size(), e.refused().toString());
        String line = e.refused().get(0);
        assertTrue(line.startsWith("bomb.zip!/logs/huge.log: expands more than 250 times"), line);
        Matcher m = Pattern.compile("stopped after (\\d+) bytes from (\\d+) compressed").matcher(line);
        assertTrue(m.find(), line);
        long expanded = Long.parseLong(m.group(1));
        // stopped just past the 32 MiB ratio floor, not after 10 GiB
        assertTrue(expanded > ArchiveLimits.DEFAULT.ratioFloorBytes() && expanded < 40L << 20, line);
        assertTrue(seconds < 20, "took " + seconds + " s");
    }

    @Test
    void bombInATarGzEndsThatArchiveBecauseSkippingItMeansDecompressingIt() throws Exception {
        Path tgz = dir.resolve("bomb.tgz");
        try (OutputStream raw = Files.newOutputStream(tgz);
             TarArchiveOutputStream out = new TarArchiveOutputStream(new GzipCompressorOutputStream(raw))) {
            TarArchiveEntry first = new TarArchiveEntry("a/first.log");
            first.setSize(LOG.length);
            out.putArchiveEntry(first);
            out.write(LOG);
            out.closeArchiveEntry();
            TarArchiveEntry zeros = new TarArchiveEntry("a/zeros.log");
            zeros.setSize(4L << 20);
            out.putArchiveEntry(zeros);
            out.write(new byte[4 << 20]);
            out.closeArchiveEntry();
            TarArchiveEntry after = new TarArchiveEntry("a/after.log");
            after.setSize(LOG.length);
            out.putArchiveEntry(after);
            out.write(LOG);
            out.closeArchiveEntry();
        }
        Expansion e = ArchiveExpander.expand(tgz, "bomb.tgz", work(), ArchiveLimits.DEFAULT.withMaxRatio(100, 1 << 20));
        assertEquals(List.of("bomb.tgz!/a/first.log"), names(e));
        assertEquals(2, e.refused().size(), e.refused().toString());
        assertTrue(e.refused().get(0).startsWith("bomb.tgz!/a/zeros.log: expands more than 100 times"));
        assertEquals("bomb.tgz: the entries after a/zeros.log are not read: in this archive, the end of a refused "
                + "entry cannot be reached without reading it through", e.refused().get(1));
    }

    @Test
    void entriesThatCannotBeStreamedAreRefused() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("a.log", LOG);
        entries.put("b.log", LOG);
        entries.put("c.log", LOG);
        Path zip = Archives.zip(dir.resolve("odd.zip"), entries);
        // method 95 (XZ, APPNOTE 4.4.5) is not one Commons Compress streams; b.log's size stays in its header
        patchEntry(zip, "b.log", 8, 10, 95);
        Expansion e = ArchiveExpander.expand(zip, "odd.zip", work(), ArchiveLimits.DEFAULT);
        assertEquals(List.of("odd.zip!/a.log", "odd.zip!/c.log"), names(e));
        assertEquals(List.of("odd.zip!/b.log: encrypted, or stored in a way that cannot be streamed (compression "
                + "method, or uncompressed with its size only after the data); skipped"), e.refused());
    }

    @Test
    void storedEntryWithADataDescriptorIsRefusedNotBufferedInMemory() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("stored.log", LOG);
        entries.put("after.log", LOG);
        Path zip = Archives.zip(dir.resolve("stored-dd.zip"), entries);
        patchEntry(zip, "stored.log", 8, 10, ZipArchiveEntry.STORED);
        // general purpose bit 3: sizes and CRC follow the data (APPNOTE 4.4.4)
        patchEntry(zip, "stored.log", 6, 8, 1 << 3);
        Expansion e = ArchiveExpander.expand(zip, "stored-dd.zip", work(), ArchiveLimits.DEFAULT);
        assertTrue(e.files().isEmpty());
        assertEquals(2, e.refused().size(), e.refused().toString());
        assertTrue(e.refused().get(0).startsWith("stored-dd.zip!/stored.log: encrypted, or stored in a way"));
        assertEquals("stored-dd.zip: the entries after stored.log are not read: in this archive, the end of a "
                + "refused entry cannot be reached without reading it through", e.refused().get(1));
    }

    /**
     * Sets a 2-byte field of entry {@code name} in its local header (at {@code localOffset}) and its
     * central directory header (at {@code centralOffset}); APPNOTE 4.3.7 and 4.3.12: the name starts
     * 30 bytes into a local header and 46 bytes into a central one.
     */
    private static void patchEntry(Path zip, String name, int localOffset, int centralOffset, int value)
            throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        byte[] needle = name.getBytes(StandardCharsets.US_ASCII);
        int local = indexOf(bytes, needle, 0) - 30;
        int central = indexOf(bytes, needle, local + 31) - 46;
        for (int at : new int[] {local + localOffset, central + centralOffset}) {
            bytes[at] = (byte) value;
            bytes[at + 1] = (byte) (value >>> 8);
        }
        Files.write(zip, bytes);
    }

    @Test
    void refusedTarGzEntryIsReadPastUnderTheRatioCap() throws Exception {
        Path tgz = dir.resolve("slip.tgz");
        try (OutputStream raw = Files.newOutputStream(tgz);
             TarArchiveOutputStream out = new TarArchiveOutputStream(new GzipCompressorOutputStream(raw))) {
            for (String name : List.of("../up.log", "ok.log", "../../zeros.log", "never.log")) {
                byte[] content = name.contains("zeros") ? new byte[4 << 20] : LOG;
                TarArchiveEntry entry = new TarArchiveEntry(name, true);
                entry.setSize(content.length);
                out.putArchiveEntry(entry);
                out.write(content);
                out.closeArchiveEntry();
            }
        }
        Expansion e = ArchiveExpander.expand(tgz, "slip.tgz", work(), ArchiveLimits.DEFAULT.withMaxRatio(100, 1 << 20));
        assertEquals(List.of("slip.tgz!/ok.log"), names(e), "read past the first refused entry");
        assertEquals(4, e.refused().size(), e.refused().toString());
        assertTrue(e.refused().get(0).startsWith("slip.tgz!/../up.log: path escapes"));
        assertTrue(e.refused().get(1).startsWith("slip.tgz!/../../zeros.log: path escapes"));
        assertTrue(e.refused().get(2).startsWith("slip.tgz!/../../zeros.log: expands more than 100 times"));
        assertTrue(e.refused().get(3).startsWith("slip.tgz: the entries after ../../zeros.log are not read"));
    }

    @Test
    void hugePaxHeaderIsRefusedBeforeItIsBufferedInMemory() throws Exception {
        Path tgz = dir.resolve("pax.tar.gz");
        try (OutputStream raw = Files.newOutputStream(tgz);
             TarArchiveOutputStream out = new TarArchiveOutputStream(new GzipCompressorOutputStream(raw))) {
            TarArchiveEntry entry = new TarArchiveEntry("CBS.log");
            // Commons Compress would read this value whole; 600 MB of it cost 600 KB of tar.gz
            entry.addPaxHeader("comment", "a".repeat(4 << 20));
            entry.setSize(LOG.length);
            out.putArchiveEntry(entry);
            out.write(LOG);
            out.closeArchiveEntry();
        }
        assertTrue(Files.size(tgz) < 64 * 1024, "small upload: " + Files.size(tgz));
        BadInputException.Corrupt e = assertThrows(BadInputException.Corrupt.class,
                () -> ArchiveExpander.expand(tgz, "pax.tar.gz", work(), ArchiveLimits.DEFAULT));
        assertEquals("pax.tar.gz: at the first entry: broken archive: tar headers between two entries (pax extended "
                + "header or long name) longer than 1.0 MiB; refused", e.getMessage());
    }

    @Test
    void expandedSizeCapStopsTheCase() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(3);
        for (String name : List.of("a.bin", "b.bin", "c.bin")) {
            byte[] noise = new byte[600 * 1024];
            random.nextBytes(noise);
            entries.put(name, noise);
        }
        Path zip = Archives.zip(dir.resolve("big.zip"), entries);
        ArchiveLimits oneMebibyte = ArchiveLimits.DEFAULT.withMaxExpandedBytes(1 << 20);
        Expansion e = ArchiveExpander.expand(zip, "big.zip", work(), oneMebibyte);

        assertEquals(List.of("big.zip!/a.bin"), names(e));
        assertEquals(List.of("big.zip!/b.bin: the case expands to more than 1.0 MiB (expanded-size limit); this and "
                + "the remaining entries are not read"), e.refused());
        assertEquals(600 * 1024, Files.size(e.files().get(0).path()));
    }

    @Test
    void ratioLimitIsConfigurable() throws Exception {
        Path zip = Archives.zip(dir.resolve("zeros.zip"), Map.of("zeros.log", new byte[4 << 20]));
        Expansion strict = ArchiveExpander.expand(zip, "zeros.zip", work(),
                ArchiveLimits.DEFAULT.withMaxRatio(100, 1 << 20));
        assertTrue(strict.files().isEmpty());
        assertTrue(strict.refused().get(0).contains("decompression bomb"), strict.refused().toString());

        Expansion lenient = ArchiveExpander.expand(zip, "zeros.zip", Files.createDirectories(dir.resolve("w2")),
                ArchiveLimits.DEFAULT);
        assertEquals(List.of("zeros.zip!/zeros.log"), names(lenient), "4 MiB is under the default 32 MiB floor");
    }

    @Test
    void hundredThousandTinyEntriesAreCapped() throws Exception {
        Path zip = dir.resolve("many.zip");
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update('x');
        // stored entries with sizes up front, through a plain stream: quick to write
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(
                new java.io.BufferedOutputStream(Files.newOutputStream(zip), 1 << 16))) {
            for (int i = 0; i < 100_000; i++) {
                ZipArchiveEntry entry = new ZipArchiveEntry("f/" + i + ".txt");
                entry.setMethod(ZipArchiveEntry.STORED);
                entry.setSize(1);
                entry.setCrc(crc.getValue());
                out.putArchiveEntry(entry);
                out.write('x');
                out.closeArchiveEntry();
            }
        }
        Expansion e = ArchiveExpander.expand(zip, "many.zip", work(), ArchiveLimits.DEFAULT);
        assertEquals(10_000, e.files().size());
        assertEquals(List.of("many.zip!/f/10000.txt: more than 10000 entries in the case; this and the remaining "
                + "entries are not read"), e.refused());
    }

    @Test
    void truncatedZipIsCorruptNamingTheEntry() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        byte[] noise = new byte[200_000];
        random.nextBytes(noise);
        Path zip = Archives.zip(dir.resolve("whole.zip"), Map.of("logs/CBS.log", noise));
        Path truncated = dir.resolve("cut.zip");
        byte[] bytes = Files.readAllBytes(zip);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        BadInputException.Corrupt e = assertThrows(BadInputException.Corrupt.class,
                () -> ArchiveExpander.expand(truncated, "cut.zip", work(), ArchiveLimits.DEFAULT));
        assertEquals("cut.zip", e.file());
        assertEquals("entry logs/CBS.log", e.position());
        assertTrue(e.getMessage().startsWith("cut.zip: entry logs/CBS.log: broken archive: "), e.getMessage());
    }

    @Test
    void damagedDeflateDataIsCorrupt() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("a.log", LOG);
        entries.put("b.log", "line of a log that compresses ".repeat(2000).getBytes(StandardCharsets.UTF_8));
        Path zip = Archives.zip(dir.resolve("damaged.zip"), entries);
        byte[] bytes = Files.readAllBytes(zip);
        int dataOfB = indexOf(bytes, "b.log".getBytes(StandardCharsets.US_ASCII)) + 5;
        for (int i = dataOfB + 20; i < dataOfB + 60; i++) {
            bytes[i] = (byte) 0xFF;
        }
        Files.write(zip, bytes);

        BadInputException.Corrupt e = assertThrows(BadInputException.Corrupt.class,
                () -> ArchiveExpander.expand(zip, "damaged.zip", work(), ArchiveLimits.DEFAULT));
        assertEquals("entry b.log", e.position(), e.getMessage());
    }

    @Test
    void zipInsideZipIsExpandedWithNestedNames() throws Exception {
        Path inner = Archives.zip(dir.resolve("inner.zip"), Map.of("CBS.log", LOG));
        Map<String, byte[]> outer = new LinkedHashMap<>();
        outer.put("logs/", null);
        outer.put("logs/inner.zip", Files.readAllBytes(inner));
        outer.put("fltmc.txt", LOG);
        Path zip = Archives.zip(dir.resolve("outer.zip"), outer);

        Expansion e = ArchiveExpander.expand(zip, "outer.zip", work(), ArchiveLimits.DEFAULT);
        assertEquals(List.of("outer.zip!/logs/inner.zip!/CBS.log", "outer.zip!/fltmc.txt"), names(e));
        assertTrue(e.refused().isEmpty() && e.errors().isEmpty());
    }

    @Test
    void nestingDeeperThanTheCapIsNotExpanded() throws Exception {
        Path level = Archives.zip(dir.resolve("z4.zip"), Map.of("deep.log", LOG));
        for (int depth = 3; depth >= 1; depth--) {
            level = Archives.zip(dir.resolve("z" + depth + ".zip"), Map.of("z" + (depth + 1) + ".zip",
                    Files.readAllBytes(level)));
        }
        Expansion e = ArchiveExpander.expand(level, "z1.zip", work(), ArchiveLimits.DEFAULT);
        assertTrue(e.files().isEmpty());
        assertEquals(List.of("z1.zip!/z2.zip!/z3.zip!/z4.zip: archive nested more than 3 levels deep; not expanded"),
                e.refused());

        Expansion deeper = ArchiveExpander.expand(level, "z1.zip", Files.createDirectories(dir.resolve("w2")),
                ArchiveLimits.DEFAULT.withMaxDepth(4));
        assertEquals(List.of("z1.zip!/z2.zip!/z3.zip!/z4.zip!/deep.log"), names(deeper));
    }

    @Test
    void brokenNestedArchiveIsAnErrorLineAndTheRestIsRead() throws Exception {
        Map<String, byte[]> outer = new LinkedHashMap<>();
        outer.put("CBS.log", LOG);
        byte[] inner = Files.readAllBytes(Archives.zip(dir.resolve("inner.zip"), Map.of("x.log", LOG)));
        outer.put("inner.zip", java.util.Arrays.copyOf(inner, 40));
        Expansion e = ArchiveExpander.expand(Archives.zip(dir.resolve("outer.zip"), outer), "outer.zip", work(),
                ArchiveLimits.DEFAULT);
        assertEquals(List.of("outer.zip!/CBS.log"), names(e));
        assertEquals(1, e.errors().size());
        assertTrue(e.errors().get(0).startsWith("outer.zip!/inner.zip: at the first entry: broken archive"),
                e.errors().get(0));
    }

    @Test
    void tarGzSevenZAndTarListTheSameFilesAsTheFolder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("case/logs"));
        Files.write(folder.resolve("CBS.log"), LOG);
        Files.write(dir.resolve("case/fltmc.txt"), LOG);
        Path tgz = Archives.tarGzFolder(dir.resolve("case"), dir.resolve("case.tgz"));
        Path sevenZ = Archives.sevenZFolder(dir.resolve("case"), dir.resolve("case.7z"));
        assertEquals(ArchiveFormat.GZIP, ArchiveFormat.of(tgz));
        assertEquals(ArchiveFormat.SEVEN_Z, ArchiveFormat.of(sevenZ));

        Expansion t = ArchiveExpander.expand(tgz, "case.tgz", work(), ArchiveLimits.DEFAULT);
        Expansion s = ArchiveExpander.expand(sevenZ, "case.7z", Files.createDirectories(dir.resolve("w2")),
                ArchiveLimits.DEFAULT);
        assertEquals(List.of("case.tgz!/fltmc.txt", "case.tgz!/logs/CBS.log"), names(t));
        assertEquals(List.of("case.7z!/fltmc.txt", "case.7z!/logs/CBS.log"), names(s));
        Path tar = Archives.tarFolder(dir.resolve("case"), dir.resolve("case.tar"), false);
        assertEquals(ArchiveFormat.TAR, ArchiveFormat.of(tar));
        Expansion plain = ArchiveExpander.expand(tar, "case.tar", Files.createDirectories(dir.resolve("w3")),
                ArchiveLimits.DEFAULT);
        assertEquals(List.of("case.tar!/fltmc.txt", "case.tar!/logs/CBS.log"), names(plain));
        assertEquals(new String(LOG, StandardCharsets.UTF_8), Files.readString(s.files().get(1).path()));
    }

    @Test
    void tarLinkEntriesAreRefused() throws Exception {
        Path tgz = dir.resolve("links.tar.gz");
        try (OutputStream raw = Files.newOutputStream(tgz);
             TarArchiveOutputStream out = new TarArchiveOutputStream(new GzipCompressorOutputStream(raw))) {
            TarArchiveEntry link = new TarArchiveEntry("logs/CBS.log", TarConstants.LF_SYMLINK);
            link.setLinkName("/etc/shadow");
            out.putArchiveEntry(link);
            out.closeArchiveEntry();
            TarArchiveEntry file = new TarArchiveEntry("logs/setupapi.dev.log");
            file.setSize(LOG.length);
            out.putArchiveEntry(file);
            out.write(LOG);
            out.closeArchiveEntry();
        }
        Expansion e = ArchiveExpander.expand(tgz, "links.tar.gz", work(), ArchiveLimits.DEFAULT);
        assertEquals(List.of("links.tar.gz!/logs/setupapi.dev.log"), names(e));
        assertEquals(List.of("links.tar.gz!/logs/CBS.log: link entry refused (a symbolic or hard link could point "
                + "outside the extraction folder)"), e.refused());
    }

    @Test
    void aCabinetWithoutMembersExpandsToNothing() throws Exception {
        Path cab = dir.resolve("CbsPersist.cab");
        try (OutputStream out = Files.newOutputStream(cab)) {
            out.write("MSCF\0\0\0\0".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[64]);
        }
        Expansion e = ArchiveExpander.expand(cab, "CbsPersist.cab", work(), ArchiveLimits.DEFAULT);
        assertTrue(e.files().isEmpty() && e.refused().isEmpty() && e.errors().isEmpty());
    }

    @Test
    void gzipOfSomethingElseIsUnsupported() throws Exception {
        Path gz = dir.resolve("CBS.log.gz");
        try (OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(LOG);
        }
        BadInputException.Unsupported e = assertThrows(BadInputException.Unsupported.class,
                () -> ArchiveExpander.expand(gz, "CBS.log.gz", work(), ArchiveLimits.DEFAULT));
        assertFalse(e.getMessage().isBlank());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        return indexOf(haystack, needle, 0);
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
