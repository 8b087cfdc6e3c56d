package io.lockscope.analysis;

import io.lockscope.analysis.ShareAccess.Kind;
import io.lockscope.analysis.ShareAccess.Reason;
import io.lockscope.analysis.ShareAccess.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Set;

import static io.lockscope.analysis.ShareAccess.DELETE;
import static io.lockscope.analysis.ShareAccess.FILE_READ_DATA;
import static io.lockscope.analysis.ShareAccess.GENERIC_READ;
import static io.lockscope.analysis.ShareAccess.GENERIC_WRITE;
import static io.lockscope.analysis.ShareAccess.SHARE_DELETE;
import static io.lockscope.analysis.ShareAccess.SHARE_READ;
import static io.lockscope.analysis.ShareAccess.SHARE_WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShareAccessTest {
    private static final int READ_ATTRIBUTES = 0x80;
    private static final int SYNCHRONIZE = 0x100000;

    @Test
    void readerWithoutShareDeleteBlocksADelete() {
        // the DESIGN case: ntrtscan.exe has Read Data, shares Read/Write; TiWorker asks Delete, shares Read
        Set<Reason> r = ShareAccess.conflicts(FILE_READ_DATA, SHARE_READ | SHARE_WRITE, DELETE, SHARE_READ);
        assertEquals(Set.of(new Reason(Side.HOLDER_DOES_NOT_SHARE, Kind.DELETE)), r);
    }

    @Test
    void holderSharingEverythingIsCompatibleWithADelete() {
        assertTrue(ShareAccess.conflicts(FILE_READ_DATA, SHARE_READ | SHARE_WRITE | SHARE_DELETE, DELETE,
                SHARE_READ | SHARE_WRITE | SHARE_DELETE).isEmpty());
    }

    @Test
    void bothDirectionsAreChecked() {
        // holder shares everything but writes; request asks only Read and shares only Read → request side fails
        Set<Reason> r = ShareAccess.conflicts(GENERIC_WRITE, SHARE_READ | SHARE_WRITE | SHARE_DELETE, GENERIC_READ, SHARE_READ);
        assertEquals(Set.of(new Reason(Side.REQUEST_DOES_NOT_SHARE, Kind.WRITE)), r);
    }

    @Test
    void attributeOnlyOpensNeitherCheckNorAreChecked() {
        assertTrue(ShareAccess.conflicts(READ_ATTRIBUTES | SYNCHRONIZE, 0, DELETE, 0).isEmpty());
        assertTrue(ShareAccess.conflicts(FILE_READ_DATA, 0, READ_ATTRIBUTES | SYNCHRONIZE, 0).isEmpty());
    }

    @Test
    void genericReadCountsAsReadAndExecuteAsRead() {
        assertEquals(Set.of(Kind.READ), ShareAccess.kinds(GENERIC_READ));
        assertEquals(Set.of(Kind.READ), ShareAccess.kinds(ShareAccess.FILE_EXECUTE));
        assertEquals(Set.of(Kind.READ, Kind.WRITE, Kind.DELETE), ShareAccess.kinds(ShareAccess.GENERIC_ALL));
        assertEquals(Set.of(Kind.READ, Kind.WRITE, Kind.DELETE), ShareAccess.kinds(ShareAccess.MAXIMUM_ALLOWED));
    }

    @Test
    void exclusiveHolderConflictsEverySharedKind() {
        Set<Reason> r = ShareAccess.conflicts(GENERIC_READ | GENERIC_WRITE | DELETE, 0, FILE_READ_DATA, SHARE_READ | SHARE_WRITE | SHARE_DELETE);
        assertEquals(Set.of(new Reason(Side.HOLDER_DOES_NOT_SHARE, Kind.READ)), r);
    }

    /**
     * MS-FSA 2.1.5.1.2.2's six conditions, each alone: (a)–(c) the holder does not share what the request
     * wants, (d)–(f) the request does not share what the holder has. Every other bit is shared.
     */
    @ParameterizedTest(name = "({0})")
    @CsvSource({
            // condition, holder access, holder share, request access, request share, side, kind
            "a, 0x1, 6, 0x1, 7, HOLDER_DOES_NOT_SHARE, READ",
            "a, 0x1, 6, 0x20, 7, HOLDER_DOES_NOT_SHARE, READ",
            "b, 0x1, 5, 0x2, 7, HOLDER_DOES_NOT_SHARE, WRITE",
            "b, 0x1, 5, 0x4, 7, HOLDER_DOES_NOT_SHARE, WRITE",
            "c, 0x1, 3, 0x10000, 7, HOLDER_DOES_NOT_SHARE, DELETE",
            "d, 0x1, 7, 0x10000, 6, REQUEST_DOES_NOT_SHARE, READ",
            "d, 0x20, 7, 0x10000, 6, REQUEST_DOES_NOT_SHARE, READ",
            "e, 0x2, 7, 0x1, 5, REQUEST_DOES_NOT_SHARE, WRITE",
            "e, 0x4, 7, 0x1, 5, REQUEST_DOES_NOT_SHARE, WRITE",
            "f, 0x10000, 7, 0x1, 3, REQUEST_DOES_NOT_SHARE, DELETE"})
    void eachOfTheSixConditionsAloneIsAConflict(String condition, String holderAccess, int holderShare,
                                               String requestAccess, int requestShare, Side side, Kind kind) {
        Set<Reason> r = ShareAccess.conflicts(Integer.decode(holderAccess), holderShare, Integer.decode(requestAccess),
                requestShare);
        assertEquals(Set.of(new Reason(side, kind)), r, "condition " + condition);
    }

    @Test
    void maximumAllowedIsTakenAsPossiblyHoldingEveryRight() {
        Set<Reason> r = ShareAccess.conflicts(ShareAccess.MAXIMUM_ALLOWED, SHARE_READ | SHARE_WRITE | SHARE_DELETE,
                DELETE, SHARE_READ);
        assertEquals(Set.of(new Reason(Side.REQUEST_DOES_NOT_SHARE, Kind.WRITE),
                new Reason(Side.REQUEST_DOES_NOT_SHARE, Kind.DELETE)), r);
    }
}
