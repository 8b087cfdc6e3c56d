package io.lockscope.ingest.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * Writes single-folder cabinets for tests, stored, MSZIP or LZX ({@link LzxEncoder}), laid out as
 * [MS-CAB] describes (see {@link Cabinet}). Real cabinets made by gcab are in
 * src/test/resources/archive/cab; these are for what no tool writes (bombs, damage, LZX).
 */
public final class Cabinets {
    static final int BLOCK = 32 * 1024;

    private Cabinets() {
    }

    /** A cabinet of {@code files} (in map order) in one folder, MSZIP-compressed or stored. */
    public static Path write(Path file, Map<String, byte[]> files, boolean mszip) throws IOException {
        byte[] all = concatenate(files);
        List<byte[]> blocks = new ArrayList<>();
        byte[] history = null;
        for (int at = 0; at < all.length || blocks.isEmpty(); at += BLOCK) {
            byte[] plain = Arrays.copyOfRange(all, at, Math.min(all.length, at + BLOCK));
            blocks.add(dataBlock(mszip ? mszipBlock(plain, history) : plain, plain.length, true));
            history = plain;
        }
        return write(file, files, blocks, mszip ? 1 : 0);
    }

    /**
     * A cabinet of {@code files} in one LZX folder, as CBS's CbsPersist cabinets are; here with a window
     * of 2^21, E8 translation on, and blocks of 64 KiB alternately verbatim and aligned-offset.
     */
    public static Path writeLzx(Path file, Map<String, byte[]> files) throws IOException {
        int size = concatenate(files).length;
        List<LzxEncoder.Block> plan = new ArrayList<>();
        for (int at = 0; at < size; at += 2 * BLOCK) {
            LzxEncoder.BlockType type = plan.size() % 2 == 0 ? LzxEncoder.BlockType.VERBATIM : LzxEncoder.BlockType.ALIGNED;
            plan.add(new LzxEncoder.Block(type, Math.min(2 * BLOCK, size - at)));
        }
        return writeLzx(file, files, LzxDecoder.MAX_WINDOW_BITS, LzxFixtures.E8_FILE_SIZE, plan, true);
    }

    /**
     * A cabinet of {@code files} in one LZX folder, compressed block by block as {@code plan} says.
     *
     * @param e8FileSize the E8 translation size (0: none)
     * @param checksums  whether data blocks carry checksums (without, damage reaches the LZX decoder)
     */
    static Path writeLzx(Path file, Map<String, byte[]> files, int windowBits, int e8FileSize,
                         List<LzxEncoder.Block> plan, boolean checksums) throws IOException {
        List<byte[]> chunks = LzxEncoder.compress(concatenate(files), windowBits, e8FileSize, plan);
        return writeLzx(file, files, windowBits, chunks, checksums);
    }

    /** A cabinet of {@code files} in one LZX folder whose data blocks hold {@code chunks}, one per 32 KiB of output. */
    static Path writeLzx(Path file, Map<String, byte[]> files, int windowBits, List<byte[]> chunks, boolean checksums)
            throws IOException {
        int size = concatenate(files).length;
        List<byte[]> blocks = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            blocks.add(dataBlock(chunks.get(i), Math.min(BLOCK, size - i * BLOCK), checksums));
        }
        return write(file, files, blocks, 3 | windowBits << 8);
    }

    private static byte[] concatenate(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream folderData = new ByteArrayOutputStream();
        for (byte[] content : files.values()) {
            folderData.write(content);
        }
        return folderData.toByteArray();
    }

    private static Path write(Path file, Map<String, byte[]> files, List<byte[]> blocks, int typeCompress)
            throws IOException {
        int headerBytes = 36;
        int folderBytes = 8;
        List<byte[]> fileEntries = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            byte[] name = (e.getKey() + "\0").getBytes(StandardCharsets.UTF_8);
            ByteBuffer entry = le(16 + name.length);
            entry.putInt((int) e.getValue().length).putInt((int) offset).putShort((short) 0)
                    .putShort((short) 0x5B81).putShort((short) 0x4A00).putShort((short) 0x80).put(name);
            fileEntries.add(entry.array());
            offset += e.getValue().length;
        }
        int filesBytes = fileEntries.stream().mapToInt(b -> b.length).sum();
        int dataStart = headerBytes + folderBytes + filesBytes;
        int total = dataStart + blocks.stream().mapToInt(b -> b.length).sum();
        ByteBuffer out = le(total);
        out.put("MSCF".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(total).putInt(0)
                .putInt(headerBytes + folderBytes).putInt(0).put((byte) 3).put((byte) 1)
                .putShort((short) 1).putShort((short) files.size()).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0);
        out.putInt(dataStart).putShort((short) blocks.size()).putShort((short) typeCompress);
        fileEntries.forEach(out::put);
        blocks.forEach(out::put);
        return Files.write(file, out.array());
    }

    private static byte[] mszipBlock(byte[] plain, byte[] history) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        if (history != null) {
            deflater.setDictionary(history);
        }
        deflater.setInput(plain);
        deflater.finish();
        byte[] buffer = new byte[plain.length + 1024];
        buffer[0] = 'C';
        buffer[1] = 'K';
        int n = 2;
        while (!deflater.finished()) {
            n += deflater.deflate(buffer, n, buffer.length - n);
        }
        deflater.end();
        return Arrays.copyOf(buffer, n);
    }

    private static byte[] dataBlock(byte[] data, int uncompressed, boolean withChecksum) {
        ByteBuffer sizes = le(4).putShort((short) data.length).putShort((short) uncompressed);
        int checksum = withChecksum ? Cabinet.checksum(data, data.length, sizes.getInt(0)) : 0;
        return le(8 + data.length).putInt(checksum).putShort((short) data.length).putShort((short) uncompressed)
                .put(data).array();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
