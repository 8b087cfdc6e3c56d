package io.lockscope.ingest.archive;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * An LZX compressor for tests, laid out as {@link LzxDecoder} describes: it writes the blocks of a
 * given plan (verbatim, aligned offset, uncompressed, of given sizes), finds real matches with hash
 * chains, prefers the repeated offsets R0-R2, translates E8 calls when asked, and cuts its output into
 * one chunk per 32 KiB frame (a CFDATA block each), realigned to a 16-bit word. Its cabinets were
 * checked once against cabextract (libmspack), see src/test/resources/archive/cab/README.md.
 */
final class LzxEncoder {
    static final int FRAME = LzxDecoder.FRAME_BYTES;
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

    enum BlockType {
        VERBATIM(1), ALIGNED(2), UNCOMPRESSED(3);

        final int code;

        BlockType(int code) {
            this.code = code;
        }
    }

    /** One block of the plan: its type and how many bytes of output it covers. */
    record Block(BlockType type, int size) {
    }

    private final byte[] data;
    private final int windowSize;
    private final int mainSymbols;
    private final int e8FileSize;
    private final Bits out = new Bits();
    private final List<byte[]> chunks = new ArrayList<>();
    private final byte[] mainLengths;
    private final byte[] lengthLengths = new byte[249];
    private int r0 = 1;
    private int r1 = 1;
    private int r2 = 1;
    private int position;
    // hash chains over 3-byte prefixes
    private final int[] head = new int[1 << 15];
    private final int[] previous;
    private int hashed;

    private LzxEncoder(byte[] input, int windowBits, int e8FileSize) {
        this.windowSize = 1 << windowBits;
        this.e8FileSize = e8FileSize;
        this.data = e8FileSize == 0 ? input : translateE8(input, e8FileSize);
        int slots = 0;
        while (POSITION_BASE[slots] < windowSize) {
            slots++;
        }
        this.mainSymbols = 256 + 8 * slots;
        this.mainLengths = new byte[mainSymbols];
        this.previous = new int[input.length];
        Arrays.fill(head, -1);
    }

    /**
     * Compresses {@code input} block by block as {@code plan} says (its sizes add up to the input's).
     *
     * @param e8FileSize the E8 translation size written in the stream header; 0 for none
     * @return one chunk of compressed bytes per frame
     */
    static List<byte[]> compress(byte[] input, int windowBits, int e8FileSize, List<Block> plan) {
        if (plan.stream().mapToLong(Block::size).sum() != input.length) {
            throw new IllegalArgumentException("the plan covers other than " + input.length + " bytes");
        }
        LzxEncoder e = new LzxEncoder(input, windowBits, e8FileSize);
        e.out.write(e8FileSize == 0 ? 0 : 1, 1);
        if (e8FileSize != 0) {
            e.out.write(e8FileSize >>> 16, 16);
            e.out.write(e8FileSize & 0xFFFF, 16);
        }
        for (Block b : plan) {
            e.block(b);
        }
        if (e.position % FRAME != 0 || e.chunks.isEmpty()) {
            e.out.align();
            e.chunks.add(e.out.cut());
        }
        return e.chunks;
    }

    /** The forward E8 translation: relative CALL targets become absolute ones, frame by frame. */
    static byte[] translateE8(byte[] input, int fileSize) {
        byte[] d = input.clone();
        for (int frameAt = 0; frameAt < d.length; frameAt += FRAME) {
            int frameSize = Math.min(FRAME, d.length - frameAt);
            for (int i = 0; i < frameSize - 10; ) {
                int at = frameAt + i;
                if (d[at] != (byte) 0xE8) {
                    i++;
                    continue;
                }
                int relative = (d[at + 1] & 0xFF) | (d[at + 2] & 0xFF) << 8 | (d[at + 3] & 0xFF) << 16 | d[at + 4] << 24;
                int absolute = relative;
                if (relative >= -at && relative < fileSize - at) {
                    absolute = relative + at;
                } else if (relative >= fileSize - at && relative < fileSize) {
                    absolute = relative - fileSize;
                }
                for (int k = 0; k < 4; k++) {
                    d[at + 1 + k] = (byte) (absolute >>> (8 * k));
                }
                i += 5;
            }
        }
        return d;
    }

    private void block(Block b) {
        out.write(b.type().code, 3);
        out.write(b.size() >>> 8, 16);
        out.write(b.size() & 0xFF, 8);
        int end = position + b.size();
        if (b.type() == BlockType.UNCOMPRESSED) {
            out.write(0, out.aligned() ? 16 : 16 - out.used);
            for (int r : new int[] {r0, r1, r2}) {
                for (int k = 0; k < 4; k++) {
                    out.raw(r >>> (8 * k));
                }
            }
            while (position < end) {
                out.raw(data[position]);
                advance(1);
                frameEnd(true);
            }
            if ((b.size() & 1) == 1) {
                out.raw(0);
            }
            return;
        }
        List<int[]> tokens = tokens(end);
        boolean aligned = b.type() == BlockType.ALIGNED;
        int[] mainFreq = new int[mainSymbols];
        int[] lengthFreq = new int[249];
        int[] alignedFreq = new int[8];
        for (int[] t : tokens) {
            mainFreq[t[0]]++;
            if (t[1] >= 0) {
                lengthFreq[t[1]]++;
            }
            if (aligned && t[3] >= 3) {
                alignedFreq[t[2] & 7]++;
            }
        }
        int[] alignedCode = null;
        if (aligned) {
            byte[] alignedLengths = lengths(alignedFreq, 7, true);
            for (byte l : alignedLengths) {
                out.write(l, 3);
            }
            alignedCode = withLengths(codes(alignedLengths), alignedLengths);
        }
        byte[] newMain = lengths(mainFreq, 16, true);
        writeLengths(mainLengths, newMain, 0, 256);
        writeLengths(mainLengths, newMain, 256, mainSymbols);
        byte[] newLength = lengths(lengthFreq, 16, false);
        writeLengths(lengthLengths, newLength, 0, 249);
        int[] mainCode = withLengths(codes(mainLengths), mainLengths);
        int[] lengthCode = withLengths(codes(lengthLengths), lengthLengths);
        for (int[] t : tokens) {
            put(mainCode, t[0]);
            if (t[1] >= 0) {
                put(lengthCode, t[1]);
            }
            int extra = t[3];
            if (aligned && extra >= 3) {
                out.write(t[2] >>> 3, extra - 3);
                put(alignedCode, t[2] & 7);
            } else {
                out.write(t[2], extra);
            }
            advance(t[4]);
            frameEnd(false);
        }
    }

    /**
     * The symbols for {@code data[position..end)}: {main symbol, length symbol or -1, extra-bits value,
     * extra-bit count, bytes covered}, with the repeated-offset queue updated as the decoder will.
     */
    private List<int[]> tokens(int end) {
        List<int[]> tokens = new ArrayList<>();
        int p = position;
        while (p < end) {
            int limit = Math.min(end, (p / FRAME + 1) * FRAME); // no match crosses a block or frame end
            int bestLength = 1;
            int bestOffset = 0;
            for (int r : new int[] {r0, r1, r2}) {
                int l = matchLength(p, r, limit);
                if (l > bestLength) {
                    bestLength = l;
                    bestOffset = r;
                }
            }
            insertUpTo(p);
            int chain = 0;
            for (int c = p + 2 < data.length ? head[hash(p)] : -1; c >= 0 && chain < 64; c = previous[c], chain++) {
                int offset = p - c;
                if (offset > windowSize - 3) {
                    break;
                }
                int l = matchLength(p, offset, limit);
                if (l > bestLength + 1) {
                    bestLength = l;
                    bestOffset = offset;
                }
            }
            if (bestLength < 2 || bestLength == 2 && bestOffset != r0 && bestOffset != r1 && bestOffset != r2) {
                tokens.add(new int[] {data[p] & 0xFF, -1, 0, 0, 1});
                p++;
                continue;
            }
            int slot;
            int extraValue = 0;
            if (bestOffset == r0) {
                slot = 0;
            } else if (bestOffset == r1) {
                slot = 1;
                r1 = r0;
                r0 = bestOffset;
            } else if (bestOffset == r2) {
                slot = 2;
                r2 = r0;
                r0 = bestOffset;
            } else {
                int formatted = bestOffset + 2;
                slot = 3;
                while (POSITION_BASE[slot + 1] <= formatted) {
                    slot++;
                }
                extraValue = formatted - POSITION_BASE[slot];
                r2 = r1;
                r1 = r0;
                r0 = bestOffset;
            }
            int header = Math.min(bestLength - 2, 7);
            tokens.add(new int[] {256 + slot * 8 + header, header == 7 ? bestLength - 9 : -1, extraValue,
                EXTRA_BITS[slot], bestLength});
            p += bestLength;
        }
        return tokens;
    }

    private int matchLength(int p, int offset, int limit) {
        if (offset < 1 || offset > p || offset > windowSize - 3) {
            return 0;
        }
        int max = Math.min(257, limit - p);
        int l = 0;
        while (l < max && data[p + l] == data[p + l - offset]) {
            l++;
        }
        return l;
    }

    private void insertUpTo(int p) {
        for (; hashed < p && hashed + 2 < data.length; hashed++) {
            int h = hash(hashed);
            previous[hashed] = head[h];
            head[h] = hashed;
        }
    }

    private int hash(int p) {
        int three = (data[p] & 0xFF) << 16 | (data[p + 1] & 0xFF) << 8 | data[p + 2] & 0xFF;
        return three * 0x9E3779B1 >>> 17;
    }

    private void advance(int n) {
        position += n;
    }

    /** At a frame's end: realign the bit stream to a word (not inside raw bytes) and cut a chunk. */
    private void frameEnd(boolean raw) {
        if (position % FRAME == 0) {
            if (!raw) {
                out.align();
            }
            chunks.add(out.cut());
        }
    }

    /** Writes new lengths of {@code [from, to)} as pre-tree coded changes of {@code current}, which it updates. */
    private void writeLengths(byte[] current, byte[] next, int from, int to) {
        List<int[]> items = new ArrayList<>(); // {pre-tree symbol, extra value, extra bits}
        int x = from;
        while (x < to) {
            int v = next[x];
            int run = 1;
            while (x + run < to && next[x + run] == v) {
                run++;
            }
            if (v == 0 && run >= 20) {
                int n = Math.min(run, 51);
                items.add(new int[] {18, n - 20, 5});
                x += n;
            } else if (v == 0 && run >= 4) {
                int n = Math.min(run, 19);
                items.add(new int[] {17, n - 4, 4});
                x += n;
            } else if (run >= 4) {
                int n = Math.min(run, 5);
                items.add(new int[] {19, n - 4, 1});
                items.add(new int[] {(current[x] - v + 17) % 17, 0, 0});
                x += n;
            } else {
                items.add(new int[] {(current[x] - v + 17) % 17, 0, 0});
                x++;
            }
        }
        int[] freq = new int[20];
        for (int[] item : items) {
            freq[item[0]]++;
        }
        byte[] pretreeLengths = lengths(freq, 15, true);
        for (byte l : pretreeLengths) {
            out.write(l, 4);
        }
        int[] code = withLengths(codes(pretreeLengths), pretreeLengths);
        for (int[] item : items) {
            put(code, item[0]);
            out.write(item[1], item[2]);
        }
        System.arraycopy(next, from, current, from, to - from);
    }

    private void put(int[] codeWithLength, int symbol) {
        int c = codeWithLength[symbol];
        out.write(c >>> 5, c & 31);
    }

    /**
     * Huffman code lengths of at most {@code maxBits} for {@code freq}; with {@code complete}, at least
     * two symbols get codes so that the code is a complete prefix code (an unused tree stays empty otherwise).
     */
    static byte[] lengths(int[] freq, int maxBits, boolean complete) {
        int[] f = freq.clone();
        int used = (int) Arrays.stream(f).filter(x -> x > 0).count();
        if (used == 0 && !complete) {
            return new byte[f.length];
        }
        for (int s = 0; used < 2; s++) {
            if (f[s] == 0) {
                f[s] = 1;
                used++;
            }
        }
        while (true) {
            byte[] lengths = huffman(f);
            int max = 0;
            for (byte l : lengths) {
                max = Math.max(max, l);
            }
            if (max <= maxBits) {
                return lengths;
            }
            for (int s = 0; s < f.length; s++) {
                if (f[s] > 0) {
                    f[s] = Math.max(1, f[s] / 2);
                }
            }
        }
    }

    private static byte[] huffman(int[] f) {
        int n = f.length;
        int[] parent = new int[2 * n];
        long[] weight = new long[2 * n];
        PriorityQueue<Integer> queue = new PriorityQueue<>((a, b) -> weight[a] != weight[b]
                ? Long.compare(weight[a], weight[b]) : Integer.compare(a, b));
        for (int s = 0; s < n; s++) {
            if (f[s] > 0) {
                weight[s] = f[s];
                queue.add(s);
            }
        }
        int next = n;
        while (queue.size() > 1) {
            int a = queue.poll();
            int b = queue.poll();
            weight[next] = weight[a] + weight[b];
            parent[a] = next;
            parent[b] = next;
            queue.add(next++);
        }
        int root = next - 1;
        byte[] lengths = new byte[n];
        for (int s = 0; s < n; s++) {
            if (f[s] > 0) {
                int depth = 0;
                for (int x = s; x != root; x = parent[x]) {
                    depth++;
                }
                lengths[s] = (byte) depth;
            }
        }
        return lengths;
    }

    /** Canonical codes: shorter first, then by symbol. */
    private static int[] codes(byte[] lengths) {
        int[] count = new int[17];
        for (byte l : lengths) {
            count[l]++;
        }
        count[0] = 0;
        int[] nextCode = new int[18];
        int code = 0;
        for (int l = 1; l <= 16; l++) {
            nextCode[l] = code;
            code = (code + count[l]) << 1;
        }
        int[] codes = new int[lengths.length];
        for (int s = 0; s < lengths.length; s++) {
            if (lengths[s] > 0) {
                codes[s] = nextCode[lengths[s]]++;
            }
        }
        return codes;
    }

    private static int[] withLengths(int[] codes, byte[] lengths) {
        int[] c = new int[codes.length];
        for (int s = 0; s < codes.length; s++) {
            c[s] = codes[s] << 5 | lengths[s];
        }
        return c;
    }

    /** 16-bit little-endian words filled from their most significant bit; raw bytes between words. */
    private static final class Bits {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private int word;
        private int used;

        void write(int value, int n) {
            for (int i = n - 1; i >= 0; i--) {
                word = word << 1 | (value >>> i & 1);
                if (++used == 16) {
                    bytes.write(word & 0xFF);
                    bytes.write(word >>> 8 & 0xFF);
                    word = 0;
                    used = 0;
                }
            }
        }

        boolean aligned() {
            return used == 0;
        }

        void align() {
            if (used > 0) {
                write(0, 16 - used);
            }
        }

        void raw(int b) {
            if (used != 0) {
                throw new IllegalStateException("raw byte inside a word");
            }
            bytes.write(b & 0xFF);
        }

        byte[] cut() {
            byte[] chunk = bytes.toByteArray();
            bytes.reset();
            return chunk;
        }
    }
}
