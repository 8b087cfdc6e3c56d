package io.lockscope.model.detail;

import io.lockscope.model.StringPool;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Packs a {@link Detail} into four primitive columns of the event store and back. The columns are
 * {@code a, b} (long) and {@code c, d} (int); string fields are {@link StringPool} ids, -1 for null.
 * The kind number is kept by the store next to the operation.
 *
 * <pre>
 * kind             a                                   b                         c                      d
 * 0 NONE           -                                   -                         -                      -
 * 1 TEXT           -                                   -                         -                      text id
 * 2 CREATE         access&lt;&lt;32 | disposition&lt;&lt;24 | options  see below                 attributes             impersonating id
 * 3 IO             offset                              length                    ioFlags                priority
 * 4 LOCK           offset                              length                    1 hasFlags|2 excl|4 failImm  -
 * 5 DISPOSITION    -                                   -                         delete 0/1             flags
 * 6 RENAME         -                                   -                         replaceIfExists 0/1    target id
 * 7 SIZE           size                                -                         -                      -
 * 8 REG_KEY        desired&lt;&lt;32 | granted               -                         disposition            -
 * 9 REG_VALUE      index&lt;&lt;32 | type                    length                    name id                data id
 * 10 RICH          index into the store's object list  -                         -                      -
 *                  (ProcessDetail, HandleDetail, FilterDetail, DirectoryDetail)
 * 11 MAPPING       -                                   -                         syncType               pageProtection
 * 12 FILE_TIMES    creation id&lt;&lt;32 | lastAccess id     lastWrite id&lt;&lt;32 | change id  attributes             -
 * 13 STANDARD_INFO allocationSize                      endOfFile                 numberOfLinks          1 deletePending|2 directory
 * 14 NETWORK_OPEN  allocationSize                      endOfFile                 attributes             id of the 4 times joined by LF
 * </pre>
 * CREATE's {@code b} is {@code (allocationSize + 1) | share << 56 | (openResult + 1) << 59}: an
 * allocation size needs far fewer than 56 bits, and this keeps a CreateFile in the same 24 bytes as
 * every other event.
 */
public final class DetailCodec {
    public static final int NONE = 0;
    public static final int TEXT = 1;
    public static final int CREATE = 2;
    public static final int IO = 3;
    public static final int LOCK = 4;
    public static final int DISPOSITION = 5;
    public static final int RENAME = 6;
    public static final int SIZE = 7;
    public static final int REG_KEY = 8;
    public static final int REG_VALUE = 9;
    public static final int RICH = 10;
    public static final int MAPPING = 11;
    public static final int FILE_TIMES = 12;
    public static final int STANDARD_INFO = 13;
    public static final int NETWORK_OPEN = 14;

    private static final long SIZE_MASK = (1L << 56) - 1;

    private final StringPool strings;
    private final List<Detail> rich;

    /** Packed form of one detail; reused by the writer, so not thread-safe. */
    public static final class Packed {
        public int kind;
        public long a;
        public long b;
        public int c;
        public int d;
    }

    public DetailCodec(StringPool strings, List<Detail> rich) {
        this.strings = strings;
        this.rich = rich;
    }

    public void pack(Detail detail, Packed out) {
        out.a = 0;
        out.b = 0;
        out.c = 0;
        out.d = 0;
        if (detail instanceof Detail.None) {
            out.kind = NONE;
        } else if (detail instanceof Detail.Text t) {
            out.kind = TEXT;
            out.d = strings.intern(t.text());
        } else if (detail instanceof CreateFileDetail cf) {
            if (cf.allocationSize() < -1 || cf.allocationSize() >= SIZE_MASK) {
                throw new IllegalArgumentException("allocation size out of range: " + cf.allocationSize());
            }
            out.kind = CREATE;
            out.a = ((long) cf.desiredAccess() << 32) | ((long) cf.disposition() << 24) | cf.options();
            out.b = (cf.allocationSize() + 1) | ((long) cf.shareMode() << 56) | ((long) (cf.openResult() + 1) << 59);
            out.c = cf.attributes();
            out.d = id(cf.impersonating());
        } else if (detail instanceof IoDetail io) {
            out.kind = IO;
            out.a = io.offset();
            out.b = io.length();
            out.c = io.ioFlags();
            out.d = io.priority();
        } else if (detail instanceof LockDetail l) {
            out.kind = LOCK;
            out.a = l.offset();
            out.b = l.length();
            out.c = (l.hasFlags() ? 1 : 0) | (l.exclusive() ? 2 : 0) | (l.failImmediately() ? 4 : 0);
        } else if (detail instanceof DispositionDetail dd) {
            out.kind = DISPOSITION;
            out.c = dd.delete() ? 1 : 0;
            out.d = dd.flags();
        } else if (detail instanceof RenameDetail r) {
            out.kind = RENAME;
            out.c = r.replaceIfExists() ? 1 : 0;
            out.d = id(r.target());
        } else if (detail instanceof SizeDetail s) {
            out.kind = SIZE;
            out.a = s.size();
        } else if (detail instanceof RegKeyDetail k) {
            out.kind = REG_KEY;
            out.a = ((long) k.desiredAccess() << 32) | (k.grantedAccess() & 0xFFFFFFFFL);
            out.c = k.disposition();
        } else if (detail instanceof RegValueDetail v) {
            out.kind = REG_VALUE;
            out.a = ((long) v.index() << 32) | (v.type() & 0xFFFFFFFFL);
            out.b = v.length();
            out.c = id(v.name());
            out.d = id(v.data());
        } else if (detail instanceof FileMappingDetail m) {
            out.kind = MAPPING;
            out.c = m.syncType();
            out.d = m.pageProtection();
        } else if (detail instanceof FileTimesDetail t) {
            out.kind = FILE_TIMES;
            out.a = ((long) id(t.creationTime()) << 32) | (id(t.lastAccessTime()) & 0xFFFFFFFFL);
            out.b = ((long) id(t.lastWriteTime()) << 32) | (id(t.changeTime()) & 0xFFFFFFFFL);
            out.c = t.attributes();
        } else if (detail instanceof StandardInfoDetail s) {
            out.kind = STANDARD_INFO;
            out.a = s.allocationSize();
            out.b = s.endOfFile();
            out.c = s.numberOfLinks();
            out.d = (s.deletePending() ? 1 : 0) | (s.directory() ? 2 : 0);
        } else if (detail instanceof NetworkOpenDetail n) {
            out.kind = NETWORK_OPEN;
            out.a = n.allocationSize();
            out.b = n.endOfFile();
            out.c = n.attributes();
            char sep = NetworkOpenDetail.TIME_SEPARATOR;
            out.d = strings.intern(n.creationTime() + sep + n.lastAccessTime() + sep + n.lastWriteTime() + sep
                    + n.changeTime());
        } else if (rich(detail)) {
            out.kind = RICH;
            out.a = rich.size();
            rich.add(detail);
        } else {
            throw new IllegalArgumentException("unknown detail " + detail.getClass());
        }
    }

    /** Whether {@link #pack} keeps {@code detail} as an object (kind {@link #RICH}) in the store's list. */
    public static boolean rich(Detail detail) {
        return detail instanceof ProcessDetail || detail instanceof HandleDetail || detail instanceof FilterDetail
                || detail instanceof DirectoryDetail;
    }

    /**
     * Maps the text ids of {@code packed}, made with another pool, through {@code ids} (which keeps -1, no
     * text): how a detail packed on another thread goes into this store. Not for a {@link #rich} detail.
     */
    public static void mapTexts(Packed packed, IntUnaryOperator ids) {
        switch (packed.kind) {
            case TEXT, CREATE, RENAME, NETWORK_OPEN -> packed.d = ids.applyAsInt(packed.d);
            case REG_VALUE -> {
                packed.c = ids.applyAsInt(packed.c);
                packed.d = ids.applyAsInt(packed.d);
            }
            case FILE_TIMES -> {
                packed.a = mapTextPair(packed.a, ids);
                packed.b = mapTextPair(packed.b, ids);
            }
            case RICH -> throw new IllegalArgumentException("a rich detail is an object, not texts");
            default -> {
            }
        }
    }

    private static long mapTextPair(long pair, IntUnaryOperator ids) {
        return (long) ids.applyAsInt((int) (pair >>> 32)) << 32 | (ids.applyAsInt((int) pair) & 0xFFFFFFFFL);
    }

    public Detail unpack(int kind, long a, long b, int c, int d) {
        return switch (kind) {
            case NONE -> Detail.None.INSTANCE;
            case TEXT -> new Detail.Text(strings.get(d));
            case CREATE -> new CreateFileDetail((int) (a >>> 32), (int) (a >>> 24) & 0xFF, (int) a & 0xFFFFFF, c,
                    (int) (b >>> 56) & 7, (b & SIZE_MASK) - 1, (int) (b >>> 59) - 1, str(d));
            case IO -> new IoDetail(a, b, c, d);
            case LOCK -> new LockDetail(a, b, (c & 1) != 0, (c & 2) != 0, (c & 4) != 0);
            case DISPOSITION -> new DispositionDetail(c != 0, d);
            case RENAME -> new RenameDetail(c != 0, str(d));
            case SIZE -> new SizeDetail(a);
            case REG_KEY -> new RegKeyDetail((int) (a >>> 32), (int) a, c);
            case REG_VALUE -> new RegValueDetail((int) (a >>> 32), str(c), (int) a, b, str(d));
            case RICH -> rich.get((int) a);
            case MAPPING -> new FileMappingDetail(c, d);
            case FILE_TIMES -> new FileTimesDetail(str((int) (a >>> 32)), str((int) a), str((int) (b >>> 32)),
                    str((int) b), c);
            case STANDARD_INFO -> new StandardInfoDetail(a, b, c, (d & 1) != 0, (d & 2) != 0);
            case NETWORK_OPEN -> networkOpen(a, b, c, strings.get(d));
            default -> throw new IllegalArgumentException("unknown detail kind " + kind);
        };
    }

    private static NetworkOpenDetail networkOpen(long allocationSize, long endOfFile, int attributes, String times) {
        String[] t = times.split(String.valueOf(NetworkOpenDetail.TIME_SEPARATOR), -1);
        return new NetworkOpenDetail(t[0], t[1], t[2], t[3], allocationSize, endOfFile, attributes);
    }

    private int id(String s) {
        return s == null ? -1 : strings.intern(s);
    }

    private String str(int id) {
        return id < 0 ? null : strings.get(id);
    }

    /** A fresh object list for {@link #RICH} details. */
    public static List<Detail> newRichList() {
        return new ArrayList<>();
    }
}
