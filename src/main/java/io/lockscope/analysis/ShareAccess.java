package io.lockscope.analysis;

import io.lockscope.model.detail.CreateFileDetail;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Share-access arithmetic as the I/O manager's IoCheckShareAccess does it.
 *
 * <p>Only three kinds of access take part: read (FILE_READ_DATA or FILE_EXECUTE), write
 * (FILE_WRITE_DATA or FILE_APPEND_DATA) and delete (DELETE). An open that asks for none of them
 * (say, FILE_READ_ATTRIBUTES | SYNCHRONIZE) neither checks nor is checked. Otherwise an open fails
 * with SHARING VIOLATION when, against any other open of the same file, either direction fails:
 * the new open wants an access the holder does not share, or the holder has an access the new open
 * does not share. Generic bits are mapped through the file generic mapping first; MAXIMUM_ALLOWED
 * is taken as asking for everything, which is how it behaves against share modes.
 */
public final class ShareAccess {
    public static final int FILE_READ_DATA = 0x1;
    public static final int FILE_WRITE_DATA = 0x2;
    public static final int FILE_APPEND_DATA = 0x4;
    public static final int FILE_EXECUTE = 0x20;
    public static final int DELETE = 0x10000;
    public static final int MAXIMUM_ALLOWED = 0x2000000;
    public static final int GENERIC_ALL = 0x10000000;
    public static final int GENERIC_EXECUTE = 0x20000000;
    public static final int GENERIC_WRITE = 0x40000000;
    public static final int GENERIC_READ = 0x80000000;

    public static final int SHARE_READ = 1;
    public static final int SHARE_WRITE = 2;
    public static final int SHARE_DELETE = 4;
    public static final int SHARE_ALL = SHARE_READ | SHARE_WRITE | SHARE_DELETE;

    /** The three kinds of access that share modes govern. */
    public enum Kind {
        READ(SHARE_READ), WRITE(SHARE_WRITE), DELETE(SHARE_DELETE);

        private final int shareBit;

        Kind(int shareBit) {
            this.shareBit = shareBit;
        }

        public int shareBit() {
            return shareBit;
        }
    }

    /** One reason two opens cannot coexist. */
    public record Reason(Side side, Kind kind) {
    }

    /**
     * {@code HOLDER_DOES_NOT_SHARE}: the request wants {@code kind}, the holder's share mode lacks it.
     * {@code REQUEST_DOES_NOT_SHARE}: the holder has {@code kind}, the request's share mode lacks it.
     */
    public enum Side { HOLDER_DOES_NOT_SHARE, REQUEST_DOES_NOT_SHARE }

    private ShareAccess() {
    }

    /** The share-relevant kinds of access in an ACCESS_MASK. */
    public static Set<Kind> kinds(int desiredAccess) {
        int a = expandGeneric(desiredAccess);
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        if ((a & (FILE_READ_DATA | FILE_EXECUTE)) != 0) {
            kinds.add(Kind.READ);
        }
        if ((a & (FILE_WRITE_DATA | FILE_APPEND_DATA)) != 0) {
            kinds.add(Kind.WRITE);
        }
        if ((a & DELETE) != 0) {
            kinds.add(Kind.DELETE);
        }
        return kinds;
    }

    /**
     * Why an open with {@code requestAccess}/{@code requestShare} conflicts with an existing open
     * holding {@code holderAccess}/{@code holderShare}; empty when they are compatible.
     */
    public static Set<Reason> conflicts(int holderAccess, int holderShare, int requestAccess, int requestShare) {
        Set<Kind> holder = kinds(holderAccess);
        Set<Kind> request = kinds(requestAccess);
        Set<Reason> reasons = new LinkedHashSet<>();
        if (holder.isEmpty() || request.isEmpty()) {
            return reasons;
        }
        for (Kind k : request) {
            if ((holderShare & k.shareBit()) == 0) {
                reasons.add(new Reason(Side.HOLDER_DOES_NOT_SHARE, k));
            }
        }
        for (Kind k : holder) {
            if ((requestShare & k.shareBit()) == 0) {
                reasons.add(new Reason(Side.REQUEST_DOES_NOT_SHARE, k));
            }
        }
        return reasons;
    }

    /** CreateOptions FILE_DELETE_ON_CLOSE (wdm.h). */
    public static final int FILE_DELETE_ON_CLOSE = 0x1000;

    /**
     * Access an open must have been granted for its CreateOptions to be accepted, whatever
     * ACCESS_MASK it asked for: FILE_DELETE_ON_CLOSE requires DELETE (ZwCreateFile documentation).
     * 0 when the options imply nothing.
     */
    public static int impliedByCreate(CreateFileDetail create) {
        return (create.options() & FILE_DELETE_ON_CLOSE) != 0 ? DELETE : 0;
    }

    /** Maps GENERIC_* (file generic mapping, procmon-formats.md §1.15) and MAXIMUM_ALLOWED to specific rights. */
    static int expandGeneric(int access) {
        int a = access;
        if ((a & (GENERIC_ALL | MAXIMUM_ALLOWED)) != 0) {
            a |= 0x1F01FF;
        }
        if ((a & GENERIC_READ) != 0) {
            a |= 0x120089;
        }
        if ((a & GENERIC_WRITE) != 0) {
            a |= 0x120116;
        }
        if ((a & GENERIC_EXECUTE) != 0) {
            a |= 0x1200A0;
        }
        return a;
    }
}
