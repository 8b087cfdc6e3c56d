package io.lockscope.ingest.etw;

import io.lockscope.generate.etw.EtlPayload;
import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.ingest.etw.testing.SyntheticEtl;
import io.lockscope.model.EventStore;
import io.lockscope.model.Operation;
import io.lockscope.model.Trace;
import io.lockscope.model.detail.CreateFileDetail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.lockscope.ingest.etw.testing.LockScenario.FILE_KEY;
import static io.lockscope.ingest.etw.testing.LockScenario.T0;
import static io.lockscope.ingest.etw.testing.LockScenario.create;
import static io.lockscope.ingest.etw.testing.LockScenario.opEnd;
import static io.lockscope.ingest.etw.testing.LockScenario.simple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The ETL reader completes each FileIo request when its OperationEnd comes, joined by IRP the way
 * etw-formats.md §2.1 says: the latest request with that IRP that no OperationEnd completed yet.
 */
class OperationEndJoinTest {
    private static final int TID = 100;
    private static final long FO = 0xFFFFA0010000A000L;
    private static final long OTHER_FO = 0xFFFFA0010000B000L;
    private static final int STATUS_PENDING = 0x103;
    private static final int STATUS_SHARING_VIOLATION = 0xC0000043;
    private static final int STATUS_END_OF_FILE = 0xC0000011;

    @TempDir
    Path tmp;

    private Trace read(SyntheticEtl etl) throws Exception {
        Path file = etl.write(tmp.resolve("join.etl"));
        return Formats.readTrace(file, "join.etl", ReadOptions.DEFAULT);
    }

    /** The events named {@code name} (procmon's operation name, or Task/Opcode), in order. */
    private static List<Integer> named(EventStore e, String name) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < e.size(); i++) {
            if (e.operationName(i).equals(name)) {
                found.add(i);
            }
        }
        return found;
    }

    private static int only(EventStore e, String name) {
        List<Integer> found = named(e, name);
        assertEquals(1, found.size(), name);
        return found.get(0);
    }

    @Test
    void aReusedIrpCompletesItsLatestRequestAndTheEarlierOneStaysPending() throws Exception {
        // a Read whose OperationEnd was lost, then a Cleanup with the same IRP, then one OperationEnd
        Trace trace = read(new SyntheticEtl(1)
                .perfinfo(0, 0x04, 67, 3, T0 + 10, new EtlPayload().u64(0).ptr(0x1001).ptr(FO)
                        .ptr(FILE_KEY).u32(TID).u32(4096).u32(0))
                .perfinfo(0, 0x04, 65, 3, T0 + 20, simple(0x1001, FO, TID))
                .perfinfo(0, 0x04, 76, 3, T0 + 35, opEnd(0x1001, 0, STATUS_END_OF_FILE)));
        EventStore e = trace.events();
        int read = only(e, Operation.READ_FILE.procmonName());
        int cleanup = only(e, Operation.CLOSE_FILE.procmonName());
        assertEquals(STATUS_PENDING, e.result(read), "no OperationEnd left for the Read");
        assertEquals(EventStore.NO_DURATION, e.duration(read));
        assertEquals(STATUS_END_OF_FILE, e.result(cleanup));
        assertEquals(15, e.duration(cleanup), "ticks of 100 ns from the Cleanup to its OperationEnd");
        assertEquals(List.of(), named(e, "FileIO/OperationEnd"), "a joined OperationEnd is no event of its own");
    }

    @Test
    void anOperationEndWithoutARequestIsAnEventOfItsOwn() throws Exception {
        Trace trace = read(new SyntheticEtl(1)
                .perfinfo(0, 0x04, 65, 3, T0 + 20, simple(0x1001, FO, TID))
                .perfinfo(0, 0x04, 76, 3, T0 + 30, opEnd(0x1001, 0, 0))
                .perfinfo(0, 0x04, 76, 3, T0 + 40, opEnd(0x1001, 0, STATUS_SHARING_VIOLATION)));
        EventStore e = trace.events();
        assertEquals(STATUS_SHARING_VIOLATION, e.result(only(e, "FileIO/OperationEnd")));
        assertEquals(0, e.result(only(e, Operation.CLOSE_FILE.procmonName())));
    }

    @Test
    void aCreateTakesItsOpenResultFromItsOperationEndAndAFailedOneOpensNothing() throws Exception {
        // the first Create fails; the address of its FILE_OBJECT comes back for an open whose Create
        // record was lost (a buffer flagged EVENTS_LOST), and that open's Cleanup tells its FileKey:
        // not the failed Create's. A second Create, on another object, opens.
        Trace trace = read(new SyntheticEtl(1)
                .perfinfo(0, 0x04, 64, 3, T0 + 10, create(0x1001, FO, TID, 1, 0x60, 1))
                .perfinfo(0, 0x04, 76, 3, T0 + 20, opEnd(0x1001, 0, STATUS_SHARING_VIOLATION))
                .perfinfo(0, 0x04, 65, 3, T0 + 30, simple(0x1002, FO, TID))
                .perfinfo(0, 0x04, 64, 3, T0 + 40, create(0x1003, OTHER_FO, TID, 1, 0x60, 7))
                .perfinfo(0, 0x04, 76, 3, T0 + 50, opEnd(0x1003, 1, 0))
                .perfinfo(0, 0x04, 65, 3, T0 + 60, simple(0x1004, OTHER_FO, TID)));
        EventStore e = trace.events();
        List<Integer> creates = named(e, Operation.CREATE_FILE.procmonName());
        assertEquals(2, creates.size());
        int failed = creates.get(0);
        int opened = creates.get(1);
        assertEquals(STATUS_SHARING_VIOLATION, e.result(failed));
        assertEquals(10, e.duration(failed));
        assertEquals(-1, assertInstanceOf(CreateFileDetail.class, e.detail(failed)).openResult(), "a failed Create opened nothing");
        assertEquals(0, e.fileKey(failed), "the failed Create never held the FILE_OBJECT the first Cleanup names");
        assertEquals(0, e.result(opened));
        assertEquals(1, assertInstanceOf(CreateFileDetail.class, e.detail(opened)).openResult(), "FILE_OPENED from ExtraInfo");
        assertEquals(FILE_KEY, e.fileKey(opened));
        for (int cleanup : named(e, Operation.CLOSE_FILE.procmonName())) {
            assertEquals(STATUS_PENDING, e.result(cleanup), "no Cleanup has an OperationEnd");
        }
    }
}
