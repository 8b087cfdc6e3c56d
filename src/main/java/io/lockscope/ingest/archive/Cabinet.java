package io.lockscope.ingest.archive;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A Microsoft Cabinet (.cab) file read in pure Java, as Windows rotates CBS logs into
 * {@code CbsPersist_*.cab}: its members are listed from the header, and each member's content is
 * decompressed on demand from its folder's data blocks. Stored, MSZIP and LZX folders are read
 * ({@link LzxDecoder}); members of Quantum folders are listed with the reason they are not.
 *
 * <p>Layout ([MS-CAB] "Cabinet File Format", all integers little-endian):
 * <pre>
 * CFHEADER  0 'MSCF' | 4 reserved | 8 cbCabinet u32 | 12 reserved | 16 coffFiles u32 | 20 reserved
 *           24 versionMinor u8 | 25 versionMajor u8 | 26 cFolders u16 | 28 cFiles u16 | 30 flags u16
 *           32 setID u16 | 34 iCabinet u16 | [36 cbCFHeader u16, cbCFFolder u8, cbCFData u8, reserve]
 *           [szCabinetPrev, szDiskPrev if flags&amp;1] [szCabinetNext, szDiskNext if flags&amp;2]
 * CFFOLDER  coffCabStart u32 | cCFData u16 | typeCompress u16 (low 4 bits: 0 none, 1 MSZIP, 2 Quantum,
 *           3 LZX; bits 8-12: LZX window bits, 15-21) | reserve[cbCFFolder]
 * CFFILE    cbFile u32 | uoffFolderStart u32 | iFolder u16 (0xFFFD-0xFFFF: continued across
 *           cabinets) | date u16 | time u16 | attribs u16 (0x80: name is UTF-8) | szName NUL-terminated
 * CFDATA    csum u32 | cbData u16 | cbUncomp u16 | reserve[cbCFData] | ab[cbData]
 * </pre>
 * An MSZIP block is 'CK' and a raw deflate stream whose back-references may reach into the previous
 * block's 32 KiB of output ([MS-MCI] §2.1), so each block is inflated with that history as dictionary.
 *
 * <p>Every count and offset is checked against the file's size before it sizes anything, and a
 * data block's checksum, when it has one, is verified. Errors are {@link IOException}s that say at
 * which byte.
 */
final class Cabinet implements Closeable {
    private static final int HEADER_BYTES = 36;
    private static final int FOLDER_BYTES = 8;
    private static final int FILE_FIXED_BYTES = 16;
    private static final int DATA_FIXED_BYTES = 8;
    private static final int FLAG_PREV_CABINET = 0x1;
    private static final int FLAG_NEXT_CABINET = 0x2;
    private static final int FLAG_RESERVE_PRESENT = 0x4;
    private static final int ATTRIBUTE_NAME_IS_UTF8 = 0x80;
    private static final int FIRST_CONTINUED_FOLDER = 0xFFFD;
    /** A data block never expands to more than 32 KiB ([MS-CAB] 2.5: cbUncomp). */
    private static final int MAX_BLOCK_BYTES = 32 * 1024;
    private static final int MAX_NAME_BYTES = 1024;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** A folder's compression: how its data blocks are stored. */
    enum Compression { NONE, MSZIP, QUANTUM, LZX, UNKNOWN }

    /**
     * One member file.
     *
     * @param unreadable why its content is not read (null when it is)
     */
    record Member(String name, int folder, long offset, long size, String unreadable) {
    }

    /** @param windowBits an LZX folder's window: 2^windowBits bytes */
    private record Folder(long firstBlock, int blocks, Compression compression, int windowBits) {
    }

    /** One CFDATA block as stored: its compressed bytes, its cbUncomp, and where those bytes start. */
    private record DataBlock(byte[] data, int uncompressedLength, long dataAt) {
    }

    private final FileChannel channel;
    private final long fileSize;
    private final int dataReserve;
    private final List<Folder> folders = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();
    private FolderStream current;
    private long compressedRead;

    private Cabinet(FileChannel channel) throws IOException {
        this.channel = channel;
        this.fileSize = channel.size();
        ByteBuffer header = read(0, HEADER_BYTES, "CFHEADER");
        if (header.getInt(0) != 0x4643534D) { // "MSCF"
            throw new IOException("at byte 0: not a cabinet (no MSCF signature)");
        }
        long filesAt = Integer.toUnsignedLong(header.getInt(16));
        int folderCount = Short.toUnsignedInt(header.getShort(26));
        int fileCount = Short.toUnsignedInt(header.getShort(28));
        int flags = Short.toUnsignedInt(header.getShort(30));
        long at = HEADER_BYTES;
        int folderReserve = 0;
        int reserveData = 0;
        if ((flags & FLAG_RESERVE_PRESENT) != 0) {
            ByteBuffer reserve = read(at, 4, "CFHEADER reserve sizes");
            int headerReserve = Short.toUnsignedInt(reserve.getShort(0));
            folderReserve = Byte.toUnsignedInt(reserve.get(2));
            reserveData = Byte.toUnsignedInt(reserve.get(3));
            at += 4 + headerReserve;
        }
        this.dataReserve = reserveData;
        if ((flags & FLAG_PREV_CABINET) != 0) {
            at = skipString(skipString(at));
        }
        if ((flags & FLAG_NEXT_CABINET) != 0) {
            at = skipString(skipString(at));
        }
        long folderBytes = (long) folderCount * (FOLDER_BYTES + folderReserve);
        ByteBuffer table = read(at, folderBytes, folderCount + " CFFOLDER entries");
        for (int i = 0; i < folderCount; i++) {
            int o = i * (FOLDER_BYTES + folderReserve);
            long firstBlock = Integer.toUnsignedLong(table.getInt(o));
            int blocks = Short.toUnsignedInt(table.getShort(o + 4));
            int typeCompress = Short.toUnsignedInt(table.getShort(o + 6));
            int type = typeCompress & 0xF;
            if (firstBlock > fileSize) {
                throw new IOException(String.format(Locale.ROOT, "at byte %d: folder %d's data starts at byte %d, past "
                        + "the end of the file (%d bytes)", at + o, i, firstBlock, fileSize));
            }
            Compression compression = type < 4 ? Compression.values()[type] : Compression.UNKNOWN;
            int windowBits = (typeCompress >>> 8) & 0x1F;
            if (compression == Compression.LZX
                    && (windowBits < LzxDecoder.MIN_WINDOW_BITS || windowBits > LzxDecoder.MAX_WINDOW_BITS)) {
                throw new IOException(String.format(Locale.ROOT, "at byte %d: folder %d is LZX with a window of 2^%d "
                        + "bytes (2^%d to 2^%d are defined)", at + o + 6, i, windowBits, LzxDecoder.MIN_WINDOW_BITS,
                        LzxDecoder.MAX_WINDOW_BITS));
            }
            folders.add(new Folder(firstBlock, blocks, compression, windowBits));
        }
        readMembers(filesAt, fileCount);
    }

    /** Opens {@code file} and reads its header and member list. */
    static Cabinet open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new Cabinet(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The members in the order their content is best read: by folder, then by offset in it. */
    List<Member> members() {
        return members;
    }

    /** The compressed bytes read so far, over all members. */
    long compressedBytesRead() {
        return compressedRead;
    }

    /**
     * The content of {@code member}, read from its folder's blocks. Reading the members in the order
     * of {@link #members()} decompresses each folder once; going back in a folder starts it again.
     */
    InputStream content(Member member) throws IOException {
        if (member.unreadable() != null) {
            throw new IllegalArgumentException(member.name() + " is not readable: " + member.unreadable());
        }
        if (current == null || current.folderIndex != member.folder() || current.position > member.offset()) {
            endFolder();
            current = new FolderStream(member.folder());
        }
        current.skipTo(member.offset());
        return current.slice(member.size());
    }

    @Override
    public void close() throws IOException {
        endFolder();
        channel.close();
    }

    /** Frees the inflater of the folder being read (native memory). */
    private void endFolder() {
        if (current != null && current.inflater != null) {
            current.inflater.end();
        }
        current = null;
    }

    private void readMembers(long at, int count) throws IOException {
        List<Member> listed = new ArrayList<>(Math.min(count, 4096));
        for (int i = 0; i < count; i++) {
            ByteBuffer fixed = read(at, FILE_FIXED_BYTES, "CFFILE " + i);
            long size = Integer.toUnsignedLong(fixed.getInt(0));
            long offset = Integer.toUnsignedLong(fixed.getInt(4));
            int folder = Short.toUnsignedInt(fixed.getShort(8));
            int attributes = Short.toUnsignedInt(fixed.getShort(14));
            long nameAt = at + FILE_FIXED_BYTES;
            byte[] nameBytes = readString(nameAt);
            String name = new String(nameBytes, (attributes & ATTRIBUTE_NAME_IS_UTF8) != 0 ? StandardCharsets.UTF_8
                    : WINDOWS_1252);
            listed.add(new Member(name, folder, offset, size, unreadable(folder, at)));
            at = nameAt + nameBytes.length + 1;
        }
        listed.sort(Comparator.comparingInt(Member::folder).thenComparingLong(Member::offset));
        members.addAll(listed);
    }

    private String unreadable(int folder, long fileEntryAt) throws IOException {
        if (folder >= FIRST_CONTINUED_FOLDER) {
            return "continued from or into another cabinet of a set; only single cabinets are read";
        }
        if (folder >= folders.size()) {
            throw new IOException(String.format(Locale.ROOT, "at byte %d: the file is in folder %d of %d",
                    fileEntryAt, folder, folders.size()));
        }
        return switch (folders.get(folder).compression()) {
            case NONE, MSZIP, LZX -> null;
            case QUANTUM -> "Quantum-compressed; lockscope reads stored, MSZIP and LZX cabinets (expand it on "
                    + "Windows: expand -F:* FILE.cab FOLDER)";
            case UNKNOWN -> "compressed with an unknown method";
        };
    }

    /** The uncompressed data of one folder, block after block. */
    private final class FolderStream {
        final int folderIndex;
        final Folder folder;
        long position;
        private long blockAt;
        private int blocksRead;
        private final byte[] block = new byte[MAX_BLOCK_BYTES];
        private int blockLength;
        private int blockOffset;
        private final byte[] history = new byte[MAX_BLOCK_BYTES];
        private int historyLength;
        private final Inflater inflater;
        private final LzxDecoder lzx;

        FolderStream(int folderIndex) {
            this.folderIndex = folderIndex;
            this.folder = folders.get(folderIndex);
            this.blockAt = folder.firstBlock();
            this.inflater = folder.compression() == Compression.MSZIP ? new Inflater(true) : null;
            this.lzx = folder.compression() != Compression.LZX ? null : new LzxDecoder(folder.windowBits(), () -> {
                DataBlock b = nextDataBlock();
                return b == null ? null : new LzxDecoder.Block(b.data(), b.uncompressedLength(), b.dataAt());
            });
        }

        void skipTo(long offset) throws IOException {
            while (position < offset) {
                if (blockOffset == blockLength && !nextBlock()) {
                    throw new EOFException("folder " + folderIndex + " ends at byte " + position
                            + " of its data, before a member that starts at " + offset);
                }
                int n = (int) Math.min(blockLength - blockOffset, offset - position);
                blockOffset += n;
                position += n;
            }
        }

        InputStream slice(long size) {
            return new InputStream() {
                private long left = size;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left == 0) {
                        return -1;
                    }
                    if (blockOffset == blockLength && !nextBlock()) {
                        throw new EOFException("folder " + folderIndex + " ends " + left + " bytes before the end of "
                                + "a member");
                    }
                    int n = (int) Math.min(Math.min(len, left), blockLength - blockOffset);
                    System.arraycopy(block, blockOffset, b, off, n);
                    blockOffset += n;
                    position += n;
                    left -= n;
                    return n;
                }
            };
        }

        /** Decompresses the next CFDATA block (an LZX frame); false after the folder's last one. */
        private boolean nextBlock() throws IOException {
            int length = lzx != null ? lzx.decodeFrame(block) : storedOrInflated();
            if (length < 0) {
                return false;
            }
            blockLength = length;
            blockOffset = 0;
            return true;
        }

        /** The next block of a stored or MSZIP folder into {@code block}: its length, or -1 after the last. */
        private int storedOrInflated() throws IOException {
            DataBlock data = nextDataBlock();
            if (data == null) {
                return -1;
            }
            int length = data.uncompressedLength();
            if (folder.compression() == Compression.MSZIP) {
                inflate(data.data(), length, data.dataAt());
            } else if (data.data().length != length) {
                throw new IOException(String.format(Locale.ROOT, "at byte %d: a stored block of %d bytes says it "
                        + "holds %d", data.dataAt() - DATA_FIXED_BYTES - dataReserve, data.data().length, length));
            } else {
                System.arraycopy(data.data(), 0, block, 0, length);
            }
            return length;
        }

        /** Reads the next CFDATA block and verifies its checksum; null after the folder's last one. */
        private DataBlock nextDataBlock() throws IOException {
            if (blocksRead == folder.blocks()) {
                return null;
            }
            ByteBuffer fixed = read(blockAt, DATA_FIXED_BYTES, "CFDATA " + blocksRead + " of folder " + folderIndex);
            int checksum = fixed.getInt(0);
            int compressedLength = Short.toUnsignedInt(fixed.getShort(4));
            int uncompressedLength = Short.toUnsignedInt(fixed.getShort(6));
            long dataAt = blockAt + DATA_FIXED_BYTES + dataReserve;
            if (uncompressedLength > MAX_BLOCK_BYTES) {
                throw new IOException(String.format(Locale.ROOT, "at byte %d: a data block of %d bytes (at most %d)",
                        blockAt, uncompressedLength, MAX_BLOCK_BYTES));
            }
            ByteBuffer data = read(dataAt, compressedLength, "the data of CFDATA " + blocksRead);
            byte[] compressed = new byte[compressedLength];
            data.get(0, compressed);
            if (checksum != 0) {
                int expected = checksum(compressed, compressedLength, fixed.getInt(4));
                if (expected != checksum) {
                    throw new IOException(String.format(Locale.ROOT, "at byte %d: data block checksum %08X, the block "
                            + "has %08X", blockAt, checksum, expected));
                }
            }
            blocksRead++;
            compressedRead += compressedLength;
            blockAt = dataAt + compressedLength;
            return new DataBlock(compressed, uncompressedLength, dataAt);
        }

        private void inflate(byte[] compressed, int uncompressedLength, long dataAt) throws IOException {
            if (compressed.length < 2 || compressed[0] != 'C' || compressed[1] != 'K') {
                throw new IOException("at byte " + dataAt + ": an MSZIP block without its 'CK' signature");
            }
            inflater.reset();
            if (historyLength > 0) {
                inflater.setDictionary(history, 0, historyLength);
            }
            inflater.setInput(compressed, 2, compressed.length - 2);
            int n = 0;
            try {
                while (n < uncompressedLength) {
                    int got = inflater.inflate(block, n, uncompressedLength - n);
                    if (got == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    n += got;
                }
            } catch (DataFormatException e) {
                throw new IOException("at byte " + dataAt + ": broken MSZIP block: " + e.getMessage(), e);
            }
            if (n != uncompressedLength) {
                throw new IOException(String.format(Locale.ROOT, "at byte %d: an MSZIP block gave %d bytes, it says %d",
                        dataAt, n, uncompressedLength));
            }
            System.arraycopy(block, 0, history, 0, n);
            historyLength = n;
        }
    }

    /**
     * The CFDATA checksum ([MS-CAB] 2.5, "Checksum Method"): the data XORed as little-endian 32-bit
     * words, a 1–3 byte tail folded in high byte first, then the block's cbData/cbUncomp word.
     */
    static int checksum(byte[] data, int length, int sizesWord) {
        int sum = 0;
        int words = length / 4;
        int i = 0;
        for (int w = 0; w < words; w++, i += 4) {
            sum ^= (data[i] & 0xFF) | (data[i + 1] & 0xFF) << 8 | (data[i + 2] & 0xFF) << 16 | (data[i + 3] & 0xFF) << 24;
        }
        int tail = 0;
        switch (length % 4) {
            case 3:
                tail |= (data[i++] & 0xFF) << 16;
                // fall through
            case 2:
                tail |= (data[i++] & 0xFF) << 8;
                // fall through
            case 1:
                tail |= data[i] & 0xFF;
                break;
            default:
                break;
        }
        return sum ^ tail ^ sizesWord;
    }

    private ByteBuffer read(long at, long length, String what) throws IOException {
        if (at < 0 || length < 0 || at + length > fileSize) {
            throw new EOFException(String.format(Locale.ROOT, "at byte %d: %s needs %d bytes, the file has %d",
                    at, what, length, Math.max(0, fileSize - at)));
        }
        ByteBuffer b = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (channel.read(b, at + b.position()) < 0) {
                throw new EOFException("at byte " + (at + b.position()) + ": unexpected end of " + what);
            }
        }
        return b.flip();
    }

    private byte[] readString(long at) throws IOException {
        int length = (int) Math.min(MAX_NAME_BYTES + 1, fileSize - at);
        ByteBuffer b = read(at, Math.max(length, 0), "a name");
        for (int i = 0; i < length; i++) {
            if (b.get(i) == 0) {
                byte[] s = new byte[i];
                b.get(0, s);
                return s;
            }
        }
        throw new IOException("at byte " + at + ": a name without its terminating NUL in " + MAX_NAME_BYTES + " bytes");
    }

    private long skipString(long at) throws IOException {
        return at + readString(at).length + 1;
    }
}
