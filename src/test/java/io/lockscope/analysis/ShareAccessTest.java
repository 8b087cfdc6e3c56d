package io.lockscope.analysis;

import io.lockscope.analysis.ShareAccess.Kind;
import io.lockscope.analysis.ShareAccess.Reason;
import io.lockscope.analysis.ShareAccess.Side;
import org.junit.jupiter.api.Test;

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
}
