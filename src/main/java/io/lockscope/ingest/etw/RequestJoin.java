package io.lockscope.ingest.etw;

import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;

import java.util.BitSet;

/**
 * Joins every FileIo request with its OperationEnd by IRP: the latest unmatched request with that IRP,
 * since IRPs are reused (etw-formats.md §2.1). Requests and OperationEnds are numbered in stream order,
 * so a first pass fills the join and a second pass that numbers them the same way reads it. Used by
 * the readers of exported ETW (tracerpt, xperf dumper); the ETL reader joins the same way while it
 * writes, completing each request's event when its OperationEnd comes ({@link EtlModelWriter}).
 */
public final class RequestJoin {
    /** STATUS_PENDING: no OperationEnd seen for the request. */
    public static final int NO_STATUS = 0x103;

    private final IntArrayList requestStatus = new IntArrayList();
    private final LongArrayList requestEnd = new LongArrayList();
    private final LongArrayList requestExtraInfo = new LongArrayList();
    private final LongIntHashMap pendingByIrp = new LongIntHashMap();
    /** OperationEnd events (numbered in stream order) that matched a request. */
    private final BitSet matchedOpEnds = new BitSet();
    private int opEnds;

    /** A request with {@code irp} was issued. */
    public void request(long irp) {
        int n = requestStatus.size();
        requestStatus.add(NO_STATUS);
        requestEnd.add(-1);
        requestExtraInfo.add(0);
        pendingByIrp.put(irp, n);
    }

    /** An OperationEnd for {@code irp} at time {@code end} (in the caller's clock). */
    public void operationEnd(long irp, int status, long extraInfo, long end) {
        int n = opEnds++;
        if (pendingByIrp.containsKey(irp)) {
            int request = pendingByIrp.removeKeyIfAbsent(irp, -1);
            requestStatus.set(request, status);
            requestEnd.set(request, end);
            requestExtraInfo.set(request, extraInfo);
            matchedOpEnds.set(n);
        }
    }

    /** NTSTATUS of request {@code n}, {@link #NO_STATUS} when no OperationEnd matched it. */
    public int status(int n) {
        return n < requestStatus.size() ? requestStatus.get(n) : NO_STATUS;
    }

    /** Time of request {@code n}'s OperationEnd, -1 when none. */
    public long end(int n) {
        return n < requestEnd.size() ? requestEnd.get(n) : -1;
    }

    /** The OperationEnd's ExtraInfo (IRP Information: a Create's open result, bytes moved). */
    public long extraInfo(int n) {
        return n < requestExtraInfo.size() ? requestExtraInfo.get(n) : 0;
    }

    /** Whether OperationEnd number {@code n} matched a request. */
    public boolean opEndMatched(int n) {
        return matchedOpEnds.get(n);
    }
}
