package io.lockscope.ingest.archive;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;

/**
 * The LZX decompressor of one cabinet folder, as Windows writes {@code CbsPersist_*.cab}: frame after
 * frame of 32 KiB output, each from one CFDATA block, with the window, the Huffman code lengths and the
 * repeated-offset queue carried from frame to frame.
 *
 * <p>The format, from Microsoft's "LZX Data Compression Format" (1997) and [MS-PATCH] (LZX DELTA,
 * whose CAB subset this is), all codes read most significant bit first from 16-bit little-endian words:
 * <pre>
 * stream     E8 flag (1 bit) [E8 file size: high 16 bits, low 16 bits]  then blocks
 * block      type (3 bits: 1 verbatim, 2 aligned offset, 3 uncompressed) | size (24 bits, as 16 + 8)
 *   aligned  8 x 3-bit aligned-offset code lengths, then as verbatim
 *   verbatim main-tree lengths of the 256 literals, then of the 8 x slots match headers, then the
 *            249 length-tree lengths: each range as 20 x 4-bit pre-tree lengths followed by pre-tree
 *            symbols 0-16 (new length = (previous - symbol) mod 17), 17 (4 bits + 4 zeros), 18
 *            (5 bits + 20 zeros), 19 (1 bit + 4 copies of the next symbol's delta); the lengths of
 *            the previous block are the "previous" ones
 *   uncompressed  1 to 16 bits of padding to a word | R0 R1 R2 (u32 LE) | the bytes | a pad byte if odd
 * main symbol  a literal below 256; else 256 + slot*8 + length header: match length 2 + header, plus a
 *            length-tree symbol when the header is 7; slots 0-2 reuse R0-R2 (swapping the used one to
 *            the front), slot s &gt; 2 is offset POSITION_BASE[s] - 2 + EXTRA_BITS[s] verbatim bits (in
 *            aligned blocks, the low 3 of those from the aligned-offset tree)
 * </pre>
 * The bit stream is realigned to a word at the end of each frame; a match ends inside its block and its
 * frame. With the E8 flag set, each frame of the first 1 GiB is translated back after decoding: an 0xE8
 * byte more than 10 bytes before the frame's end is followed by an absolute 32-bit address, turned back
 * into the relative one of an x86 CALL.
 *
 * <p>Compressed data is consumed as one byte stream over the folder's CFDATA blocks, as libmspack (the
 * reference decoder of cabextract) reads it. Every structural fault is an {@link IOException} that names
 * the byte of the cabinet where it was found; work is bounded by the input (every step consumes bits or
 * produces output) and memory by the window (2 MiB at most).
 */
final class LzxDecoder {
    /** The output of one CFDATA block: every frame but a folder's last is this long. */
    static final int FRAME_BYTES = 32 * 1024;
    static final int MIN_WINDOW_BITS = 15;
    static final int MAX_WINDOW_BITS = 21;
    private static final int LITERALS = 256;
    private static final int LENGTH_HEADERS = 8;
    private static final int LENGTH_SYMBOLS = 249;
    private static final int PRETREE_SYMBOLS = 20;
    private static final int ALIGNED_SYMBOLS = 8;
    private static final int MIN_MATCH = 2;
    private static final int VERBATIM = 1;
    private static final int ALIGNED = 2;
    private static final int UNCOMPRESSED = 3;
    /**
     * How many blocks may be read ahead of the bits being decoded. A frame's bits lie in its own block
     * (the reader may peek one word into the next), so more than this is a damaged stream, and the
     * blocks it holds would otherwise pile up in memory.
     */
    private static final int MAX_BLOCKS_AHEAD = 2;
    /** E8 translation stops after this many frames (1 GiB of output). */
    private static final int E8_FRAMES = 32 * 1024;
    /** The last bytes of a frame where an 0xE8 is left as it is. */
    private static final int E8_TAIL = 10;
    private static final int[] EXTRA_BITS = new int[51];
    private static final int[] POSITION_BASE = new int[51];

    static {
        for (int slot = 0; slot < EXTRA_BITS.length; slot++) {
            EXTRA_BITS[slot] = slot < 4 ? 0 : Math.min(17, slot / 2 - 1);
            if (slot > 0) {
                POSITION_BASE[slot] = POSITION_BASE[slot - 1] + (1 << EXTRA_BITS[slot - 1]);
            }
        }
    }

    /** One CFDATA block's compressed bytes, the output it stands for, and where it starts in the file. */
    record Block(byte[] data, int uncompressedBytes, long at) {
    }

    /** The folder's CFDATA blocks in order. */
    interface Input {
        /** The next block, or null after the folder's last. */
        Block next() throws IOException;
    }

    private final Input input;
    private final byte[] window;
    private final int mainSymbols;
    private final ArrayDeque<Integer> frameSizes = new ArrayDeque<>();
    private final ArrayDeque<Block> unread = new ArrayDeque<>();
    private final byte[] mainLengths;
    private final byte[] lengthLengths = new byte[LENGTH_SYMBOLS];
    private final byte[] alignedLengths = new byte[ALIGNED_SYMBOLS];
    private final byte[] pretreeLengths = new byte[PRETREE_SYMBOLS];
    private final Huffman mainTree = new Huffman("main");
    private final Huffman lengthTree = new Huffman("length");
    private final Huffman alignedTree = new Huffman("aligned-offset");
    private final Huffman pretree = new Huffman("pre-tree");
    private int r0 = 1;
    private int r1 = 1;
    private int r2 = 1;
    private boolean streamHeaderRead;
    private int e8FileSize;
    private int blockType;
    private int blockSize;
    private int blockRemaining;
    private int windowPosition;
    private long framesDecoded;
    private long outputBytes;
    private boolean shortFrameSeen;

    // the bit stream: `bitCount` bits in the low end of `bits`, the next one highest; `missingBits` of them
    // are zeros standing for words past the end of the input, which a peek may see and no read may take
    private Block current;
    private int currentOffset;
    private boolean inputEnded;
    private long bits;
    private int bitCount;
    private int missingBits;

    LzxDecoder(int windowBits, Input input) {
        if (windowBits < MIN_WINDOW_BITS || windowBits > MAX_WINDOW_BITS) {
            throw new IllegalArgumentException("LZX window of 2^" + windowBits + " bytes");
        }
        this.input = input;
        this.window = new byte[1 << windowBits];
        int slots = 0;
        while (POSITION_BASE[slots] < window.length) {
            slots++;
        }
        this.mainSymbols = LITERALS + slots * LENGTH_HEADERS;
        this.mainLengths = new byte[mainSymbols];
    }

    /**
     * Decodes the next frame into {@code out} (at least {@link #FRAME_BYTES} long).
     *
     * @return the frame's length, or -1 after the folder's last block
     */
    int decodeFrame(byte[] out) throws IOException {
        if (frameSizes.isEmpty() && !pullBlock()) {
            return -1;
        }
        int frameSize = frameSizes.remove();
        if (shortFrameSeen) {
            throw corrupt("a data block follows one of less than %d bytes; only a folder's last may be short",
                    FRAME_BYTES);
        }
        if (frameSize == 0) {
            throw corrupt("an LZX data block that expands to 0 bytes");
        }
        shortFrameSeen = frameSize < FRAME_BYTES;
        if (!streamHeaderRead) {
            e8FileSize = readBits(1) == 1 ? readBits(16) << 16 | readBits(16) : 0;
            streamHeaderRead = true;
        }
        int frameStart = windowPosition;
        int frameEnd = frameStart + frameSize;
        while (windowPosition < frameEnd) {
            if (blockRemaining == 0) {
                startBlock();
                continue;
            }
            int run = Math.min(blockRemaining, frameEnd - windowPosition);
            if (blockType == UNCOMPRESSED) {
                for (int i = 0; i < run; i++) {
                    window[windowPosition++] = (byte) readRawByte();
                }
            } else {
                decodeSymbols(windowPosition + run, frameStart);
            }
            blockRemaining -= run;
        }
        removeBits(bitCount % 16);
        System.arraycopy(window, frameStart, out, 0, frameSize);
        if (e8FileSize != 0 && framesDecoded < E8_FRAMES) {
            translateE8(out, frameSize);
        }
        framesDecoded++;
        outputBytes += frameSize;
        if (windowPosition == window.length) {
            windowPosition = 0;
        }
        return frameSize;
    }

    private void startBlock() throws IOException {
        if (blockType == UNCOMPRESSED && (blockSize & 1) == 1) {
            readRawByte(); // the pad that keeps the stream word-aligned
        }
        blockType = readBits(3);
        blockSize = readBits(16) << 8 | readBits(8);
        blockRemaining = blockSize;
        switch (blockType) {
            case ALIGNED, VERBATIM -> {
                if (blockType == ALIGNED) {
                    for (int i = 0; i < ALIGNED_SYMBOLS; i++) {
                        alignedLengths[i] = (byte) readBits(3);
                    }
                    build(alignedTree, alignedLengths);
                }
                readLengths(mainLengths, 0, LITERALS);
                readLengths(mainLengths, LITERALS, mainSymbols);
                build(mainTree, mainLengths);
                readLengths(lengthLengths, 0, LENGTH_SYMBOLS);
                build(lengthTree, lengthLengths);
            }
            case UNCOMPRESSED -> {
                // padding to the next word: the rest of this one, or a whole word when already aligned
                if (bitCount == 0) {
                    readBits(16);
                } else {
                    removeBits(bitCount); // at most 15 after the header's 8-bit read
                }
                r0 = readRawInt();
                r1 = readRawInt();
                r2 = readRawInt();
            }
            default -> throw corrupt("LZX block type %d (1 to 3 are defined)", blockType);
        }
    }

    /** Decodes literals and matches up to window position {@code stop}, where the block or frame ends. */
    private void decodeSymbols(int stop, int frameStart) throws IOException {
        while (windowPosition < stop) {
            int symbol = mainTree.decode();
            if (symbol < LITERALS) {
                window[windowPosition++] = (byte) symbol;
                continue;
            }
            int header = symbol - LITERALS;
            int length = header & (LENGTH_HEADERS - 1);
            if (length == LENGTH_HEADERS - 1) {
                length += lengthTree.decode();
            }
            length += MIN_MATCH;
            int slot = header / LENGTH_HEADERS;
            int offset;
            switch (slot) {
                case 0 -> offset = r0;
                case 1 -> {
                    offset = r1;
                    r1 = r0;
                    r0 = offset;
                }
                case 2 -> {
                    offset = r2;
                    r2 = r0;
                    r0 = offset;
                }
                default -> {
                    int extra = EXTRA_BITS[slot];
                    int formatted = POSITION_BASE[slot];
                    if (blockType == ALIGNED && extra >= 3) {
                        formatted += readBits(extra - 3) << 3;
                        formatted += alignedTree.decode();
                    } else {
                        formatted += readBits(extra);
                    }
                    offset = formatted - 2;
                    r2 = r1;
                    r1 = r0;
                    r0 = offset;
                }
            }
            if (windowPosition + length > stop) {
                throw corrupt("a match of %d bytes runs %d bytes past the end of its LZX block or frame", length,
                        windowPosition + length - stop);
            }
            long decoded = outputBytes + windowPosition - frameStart;
            if (offset < 1 || offset > decoded || offset > window.length) {
                throw corrupt("a match %d bytes back, after %d bytes of output (window %d)", offset & 0xFFFFFFFFL,
                        decoded, window.length);
            }
            int mask = window.length - 1;
            for (int from = windowPosition - offset, end = windowPosition + length; windowPosition < end; from++) {
                window[windowPosition++] = window[from & mask];
            }
        }
    }

    /** Reads the lengths of {@code lengths[from..to)} as changes of the previous block's. */
    private void readLengths(byte[] lengths, int from, int to) throws IOException {
        for (int i = 0; i < PRETREE_SYMBOLS; i++) {
            pretreeLengths[i] = (byte) readBits(4);
        }
        build(pretree, pretreeLengths);
        int x = from;
        while (x < to) {
            int symbol = pretree.decode();
            if (symbol <= 16) {
                lengths[x] = (byte) ((lengths[x] - symbol + 17) % 17);
                x++;
                continue;
            }
            int run;
            int value;
            if (symbol == 17) {
                run = 4 + readBits(4);
                value = 0;
            } else if (symbol == 18) {
                run = 20 + readBits(5);
                value = 0;
            } else {
                run = 4 + readBits(1);
                int delta = pretree.decode();
                if (delta > 16) {
                    throw corrupt("pre-tree symbol %d where a code length change (0 to 16) belongs", delta);
                }
                value = (lengths[x] - delta + 17) % 17;
            }
            if (x + run > to) {
                throw corrupt("a run of %d code lengths past the end of a tree of %d", run, to);
            }
            Arrays.fill(lengths, x, x + run, (byte) value);
            x += run;
        }
    }

    private void build(Huffman tree, byte[] lengths) throws IOException {
        if (!tree.build(lengths)) {
            throw corrupt("the LZX %s tree's code lengths do not make a prefix code", tree.name);
        }
    }

    /** Turns the absolute addresses after 0xE8 bytes back into CALL-relative ones. */
    private void translateE8(byte[] out, int frameSize) {
        int frameAt = (int) outputBytes; // below 1 GiB: E8_FRAMES frames
        for (int i = 0; i < frameSize - E8_TAIL; ) {
            if (out[i] != (byte) 0xE8) {
                i++;
                continue;
            }
            int position = frameAt + i;
            int value = (out[i + 1] & 0xFF) | (out[i + 2] & 0xFF) << 8 | (out[i + 3] & 0xFF) << 16 | out[i + 4] << 24;
            if (value >= -position && value < e8FileSize) {
                int relative = value >= 0 ? value - position : value + e8FileSize;
                out[i + 1] = (byte) relative;
                out[i + 2] = (byte) (relative >>> 8);
                out[i + 3] = (byte) (relative >>> 16);
                out[i + 4] = (byte) (relative >>> 24);
            }
            i += 5;
        }
    }

    // ---- the bit stream over the folder's blocks

    private boolean pullBlock() throws IOException {
        if (inputEnded) {
            return false;
        }
        Block next = input.next();
        if (next == null) {
            inputEnded = true;
            return false;
        }
        frameSizes.add(next.uncompressedBytes());
        unread.add(next);
        if (unread.size() > MAX_BLOCKS_AHEAD) {
            throw corrupt("frame %d is still decoded from data %d blocks before its own", framesDecoded,
                    unread.size());
        }
        return true;
    }

    /** The next compressed byte, or -1 at the end of the folder's data. */
    private int nextByte() throws IOException {
        while (current == null || currentOffset == current.data().length) {
            if (unread.isEmpty() && !pullBlock()) {
                return -1;
            }
            current = unread.remove();
            currentOffset = 0;
        }
        return current.data()[currentOffset++] & 0xFF;
    }

    private void ensureBits(int n) throws IOException {
        while (bitCount < n) {
            int low = nextByte();
            int high = low < 0 ? -1 : nextByte();
            if (high < 0) {
                missingBits += 16;
                low = 0;
                high = 0;
            }
            bits = bits << 16 | high << 8 | low;
            bitCount += 16;
        }
    }

    /** The next 16 bits without taking them (zeros past the end). */
    private int peek16() throws IOException {
        ensureBits(16);
        return (int) (bits >>> (bitCount - 16)) & 0xFFFF;
    }

    private void removeBits(int n) throws IOException {
        bitCount -= n;
        if (bitCount < missingBits) {
            throw corrupt("the LZX data ends inside frame %d", framesDecoded);
        }
    }

    private int readBits(int n) throws IOException {
        if (n == 0) {
            return 0;
        }
        ensureBits(n);
        int value = (int) (bits >>> (bitCount - n)) & ((1 << n) - 1);
        removeBits(n);
        return value;
    }

    private int readRawByte() throws IOException {
        int b = nextByte();
        if (b < 0) {
            throw corrupt("the LZX data ends inside an uncompressed block of frame %d", framesDecoded);
        }
        return b;
    }

    private int readRawInt() throws IOException {
        return readRawByte() | readRawByte() << 8 | readRawByte() << 16 | readRawByte() << 24;
    }

    private IOException corrupt(String format, Object... args) {
        long at = current != null ? current.at() + currentOffset : unread.isEmpty() ? -1 : unread.peek().at();
        return new IOException(String.format(Locale.ROOT, "at byte %d: ", at) + String.format(Locale.ROOT, format, args));
    }

    /**
     * A canonical Huffman code of codes up to 16 bits (shorter codes numerically first, then by
     * symbol), decoded through a table indexed by its first {@link #TABLE_BITS} bits and, for longer
     * codes, by the first code of each length.
     */
    private final class Huffman {
        private static final int TABLE_BITS = 10;
        private static final int MAX_BITS = 16;
        private final String name;
        private final int[] table = new int[1 << TABLE_BITS];
        private final int[] count = new int[MAX_BITS + 1];
        private final int[] firstCode = new int[MAX_BITS + 1];
        private final int[] firstIndex = new int[MAX_BITS + 1];
        private int[] sorted = new int[0];
        private boolean empty = true;

        Huffman(String name) {
            this.name = name;
        }

        /**
         * Builds the code of {@code lengths} (0: symbol unused); false unless they make a complete
         * prefix code or none at all (a tree no symbol is then decoded from).
         */
        boolean build(byte[] lengths) {
            Arrays.fill(count, 0);
            for (byte length : lengths) {
                count[length]++;
            }
            count[0] = 0;
            int unused = 1;
            for (int length = 1; length <= MAX_BITS; length++) {
                unused = (unused << 1) - count[length];
                if (unused < 0) {
                    return false;
                }
            }
            empty = unused == 1 << MAX_BITS;
            if (empty) {
                return true;
            }
            if (unused != 0) {
                return false;
            }
            int code = 0;
            int index = 0;
            for (int length = 1; length <= MAX_BITS; length++) {
                firstCode[length] = code;
                firstIndex[length] = index;
                code = (code + count[length]) << 1;
                index += count[length];
            }
            if (sorted.length < index) {
                sorted = new int[lengths.length];
            }
            int[] next = firstIndex.clone();
            for (int symbol = 0; symbol < lengths.length; symbol++) {
                if (lengths[symbol] > 0) {
                    sorted[next[lengths[symbol]]++] = symbol;
                }
            }
            Arrays.fill(table, -1);
            for (int length = 1; length <= TABLE_BITS; length++) {
                int span = 1 << (TABLE_BITS - length);
                for (int i = 0; i < count[length]; i++) {
                    int start = (firstCode[length] + i) * span;
                    Arrays.fill(table, start, start + span, sorted[firstIndex[length] + i] << 5 | length);
                }
            }
            return true;
        }

        int decode() throws IOException {
            if (empty) {
                throw corrupt("a symbol of the LZX %s tree, which has no codes", name);
            }
            int peek = peek16();
            int entry = table[peek >>> (MAX_BITS - TABLE_BITS)];
            if (entry >= 0) {
                removeBits(entry & 31);
                return entry >>> 5;
            }
            for (int length = TABLE_BITS + 1; ; length++) {
                int i = (peek >>> (MAX_BITS - length)) - firstCode[length];
                if (i < count[length]) {
                    removeBits(length);
                    return sorted[firstIndex[length] + i];
                }
            }
        }
    }
}
