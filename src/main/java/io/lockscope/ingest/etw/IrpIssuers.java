package io.lockscope.ingest.etw;

import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;

/**
 * The process and thread of each IRP's latest file request. Minifilter (FltIo) events carry no PID
 * of their own; the request with the same IRP says whose I/O the filter saw. Shared by the ETL and
 * the export model writers.
 */
public final class IrpIssuers {
    /** IRP → process key &lt;&lt; 32 | TID. */
    private final LongLongHashMap byIrp = new LongLongHashMap();

    public void issued(long irp, int processKey, int tid) {
        byIrp.put(irp, (long) processKey << 32 | (tid & 0xFFFFFFFFL));
    }

    public boolean knows(long irp) {
        return byIrp.containsKey(irp);
    }

    /** The process key of {@code irp}'s latest request; only when {@link #knows}. */
    public int processKey(long irp) {
        return (int) (byIrp.get(irp) >>> 32);
    }

    /** The thread of {@code irp}'s latest request; only when {@link #knows}. */
    public int tid(long irp) {
        return (int) byIrp.get(irp);
    }
}
