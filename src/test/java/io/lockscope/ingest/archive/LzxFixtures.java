package io.lockscope.ingest.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.lockscope.ingest.archive.LzxEncoder.BlockType.ALIGNED;
import static io.lockscope.ingest.archive.LzxEncoder.BlockType.UNCOMPRESSED;
import static io.lockscope.ingest.archive.LzxEncoder.BlockType.VERBATIM;

/**
 * The LZX cabinets of src/test/resources/archive/cab and their members' content, made from fixed seeds
 * so that a test can rebuild what each member must decode to. {@code main} writes the cabinets (they
 * were checked once with cabextract, see that folder's README).
 */
public final class LzxFixtures {
    /** The E8 translation size of the fixtures: larger than any of them, so that translation applies throughout. */
    static final int E8_FILE_SIZE = 12_000_000;

    /** One fixture: its file name, window, E8 size, members and block plan. */
    record Fixture(String name, int windowBits, int e8FileSize, Map<String, byte[]> members,
                   List<LzxEncoder.Block> plan) {
    }

    private LzxFixtures() {
    }

    static List<Fixture> all() {
        Map<String, byte[]> big = new LinkedHashMap<>();
        big.put("oposdrv.sys", x86Like(90_000, 2));
        big.put("CbsPersist_20261130101010.log", cbsLog(2_600, 1));
        int bigSize = big.values().stream().mapToInt(b -> b.length).sum();
        Map<String, byte[]> wrap = new LinkedHashMap<>();
        wrap.put("FilterList.log", "WdFilter 328010\r\noposflt 370010\r\n".getBytes(StandardCharsets.US_ASCII));
        wrap.put("CBS.log", cbsLog(1_300, 3));
        int wrapSize = wrap.values().stream().mapToInt(b -> b.length).sum();
        Map<String, byte[]> small = new LinkedHashMap<>();
        small.put("setupapi.offline.log", cbsLog(40, 4));
        int smallSize = small.values().stream().mapToInt(b -> b.length).sum();
        return List.of(
                new Fixture("lzx21-e8.cab", 21, E8_FILE_SIZE, big, List.of(
                        new LzxEncoder.Block(VERBATIM, 32_767),
                        new LzxEncoder.Block(UNCOMPRESSED, 32_769), // odd, ends on a frame's end
                        new LzxEncoder.Block(ALIGNED, 100_001),
                        new LzxEncoder.Block(VERBATIM, 50_000),
                        new LzxEncoder.Block(UNCOMPRESSED, 1_001),
                        new LzxEncoder.Block(ALIGNED, bigSize - 216_538))),
                new Fixture("lzx15.cab", 15, 0, wrap, List.of(
                        new LzxEncoder.Block(ALIGNED, 70_000),
                        new LzxEncoder.Block(VERBATIM, wrapSize - 70_000))),
                new Fixture("lzx16-short.cab", 16, E8_FILE_SIZE, small, List.of(
                        new LzxEncoder.Block(VERBATIM, 1_000),
                        new LzxEncoder.Block(UNCOMPRESSED, 999),
                        new LzxEncoder.Block(ALIGNED, smallSize - 1_999))));
    }

    /** CBS-like log lines, CRLF: much repetition at many distances, as in a real CBS.log. */
    static byte[] cbsLog(int lines, long seed) {
        Random random = new Random(seed);
        String[] packages = {"Package_for_KB5034441~31bf3856ad364e35~amd64~~19041.3920.1.2",
            "Package_for_RollupFix~31bf3856ad364e35~amd64~~19041.3930.1.7",
            "Microsoft-Windows-Client-LanguagePack-Package~31bf3856ad364e35~amd64~zh-CN~10.0.19041.3930"};
        String[] states = {"Staged", "Installed", "Install Pending", "Absent"};
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            log.append(String.format("2026-11-30 10:%02d:%02d, Info                  CBS    ", i / 60 % 60, i % 60));
            switch (random.nextInt(4)) {
                case 0 -> log.append("Exec: Processing package ").append(packages[random.nextInt(packages.length)])
                        .append(", state: ").append(states[random.nextInt(states.length)]);
                case 1 -> log.append("DriverUpdateInstallUpdates: Installing driver oposdrv.inf, hr: 0x")
                        .append(Integer.toHexString(random.nextInt(3) == 0 ? 0x80070020 : 0));
                case 2 -> log.append("Perf: InstallUninstallChain complete. step ").append(i);
                default -> log.append("Session: ").append(30_000_000 + random.nextInt(1000)).append('_')
                        .append(Long.toHexString(random.nextLong())).append(" initialized by client WindowsUpdateAgent.");
            }
            log.append("\r\n");
        }
        return log.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Code-like bytes: x86 CALLs (0xE8 and a relative target) among repeated instruction patterns. */
    static byte[] x86Like(int size, long seed) {
        Random random = new Random(seed);
        byte[] b = new byte[size];
        byte[] prologue = {0x48, (byte) 0x89, 0x5C, 0x24, 0x08, 0x57, 0x48, (byte) 0x83, (byte) 0xEC, 0x20};
        int i = 0;
        while (i < size) {
            int kind = random.nextInt(5);
            if (kind == 0 && i + prologue.length <= size) {
                System.arraycopy(prologue, 0, b, i, prologue.length);
                i += prologue.length;
            } else if (kind <= 2 && i + 5 <= size) {
                int target = random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(40_000) - 20_000;
                b[i] = (byte) 0xE8;
                for (int k = 0; k < 4; k++) {
                    b[i + 1 + k] = (byte) (target >>> (8 * k));
                }
                i += 5;
            } else {
                b[i++] = (byte) random.nextInt(random.nextBoolean() ? 256 : 8);
            }
        }
        return b;
    }

    /**
     * The fuzz seeds made from the fixtures: each cabinet for {@code ArchiveFuzzTest#expand}, and its
     * folder's LZX stream, in {@code ArchiveFuzzTest#lzx}'s input layout, for that target.
     */
    public static void writeFuzzSeeds(Path expandSeeds, Path lzxSeeds) throws IOException {
        Files.createDirectories(expandSeeds);
        Files.createDirectories(lzxSeeds);
        for (Fixture f : all()) {
            write(f, expandSeeds);
            byte[] all = f.members().values().stream().reduce(new byte[0], LzxFixtures::concat);
            byte[] stream = LzxEncoder.compress(all, f.windowBits(), f.e8FileSize(), f.plan()).stream()
                    .reduce(new byte[0], LzxFixtures::concat);
            byte[] header = {(byte) (f.windowBits() - LzxDecoder.MIN_WINDOW_BITS), (byte) all.length,
                (byte) (all.length >>> 8), (byte) (all.length >>> 16)};
            Files.write(lzxSeeds.resolve(f.name().replace(".cab", ".lzx")), concat(header, stream));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static Path write(Fixture f, Path dir) throws IOException {
        return Cabinets.writeLzx(dir.resolve(f.name()), f.members(), f.windowBits(), f.e8FileSize(), f.plan(), true);
    }

    /** Writes every fixture cabinet into the folder {@code args[0]}, with each member's plain content. */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        for (Fixture f : all()) {
            Path cab = write(f, dir);
            Path plain = Files.createDirectories(dir.resolve(f.name() + ".plain"));
            for (Map.Entry<String, byte[]> m : f.members().entrySet()) {
                Files.write(plain.resolve(m.getKey()), m.getValue());
            }
            System.out.println(cab + " " + Files.size(cab) + " bytes");
        }
    }
}
