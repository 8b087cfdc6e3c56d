package io.lockscope.ingest.etw;

import io.lockscope.ingest.etw.etl.TraceRecord;
import io.lockscope.ingest.etw.kernel.KernelDecoder;
import io.lockscope.ingest.etw.kernel.KernelEvent;
import io.lockscope.ingest.etw.kernel.VolumeMap;
import io.lockscope.model.Module;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.IntObjectHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;

import java.util.BitSet;

/**
 * First pass over an ETL: what the second (model-writing) pass needs to know ahead of time.
 *
 * <ul>
 * <li>The OperationEnd of every FileIo request, joined by IRP (the latest unmatched request with that
 *     IRP, since IRPs are reused; etw-formats.md §2.1): requests are numbered in stream order and the
 *     second pass numbers them the same way.</li>
 * <li>The final name maps, as fallbacks for events before the rundowns that name their objects:
 *     FileKey → name (FileRundown comes at the end), FileObject → open path, TID → PID, KCB → key,
 *     object type index → name (TypeDCStop), and the volume map and kernel modules.</li>
 * <li>The call stacks, which StackWalk records give after their event ({@link StackCollector}).</li>
 * </ul>
 */
final class EtlPrepass {
    static final int NO_STATUS = 0x103; // STATUS_PENDING: no OperationEnd seen

    final VolumeMap volumes = new VolumeMap();
    final LongObjectHashMap<String> fileKeyNames = new LongObjectHashMap<>();
    final LongObjectHashMap<String> fileObjectNames = new LongObjectHashMap<>();
    final IntIntHashMap threadProcess = new IntIntHashMap();
    final LongObjectHashMap<String> keyNames = new LongObjectHashMap<>();
    final IntObjectHashMap<String> objectTypes = new IntObjectHashMap<>();
    final KernelModules kernelModules = new KernelModules();
    final StackCollector stacks = new StackCollector();

    private final IntArrayList requestStatus = new IntArrayList();
    private final LongArrayList requestEndRaw = new LongArrayList();
    private final LongArrayList requestExtraInfo = new LongArrayList();
    private final LongIntHashMap pendingByIrp = new LongIntHashMap();
    /** OperationEnd events (numbered in stream order) that matched a request. */
    private final BitSet matchedOpEnds = new BitSet();
    private int opEnds;

    void visit(TraceRecord r) {
        KernelEvent e;
        try {
            stacks.visit(r);
            e = KernelDecoder.decode(r);
        } catch (TraceRecord.PayloadTooShortException tooShort) {
            return; // the second pass reports it
        }
        if (e instanceof KernelEvent.FileCreate c) {
            fileObjectNames.put(c.fileObject(), c.openPath());
            request(c.irp());
        } else if (e instanceof KernelEvent.FileRequest q) {
            request(q.irp());
        } else if (e instanceof KernelEvent.FileOpEnd end) {
            int n = opEnds++;
            if (pendingByIrp.containsKey(end.irp())) {
                int request = pendingByIrp.removeKeyIfAbsent(end.irp(), -1);
                requestStatus.set(request, end.status());
                requestEndRaw.set(request, r.rawTime());
                requestExtraInfo.set(request, end.extraInfo());
                matchedOpEnds.set(n);
            }
        } else if (e instanceof KernelEvent.FileName f) {
            fileKeyNames.put(f.fileKey(), f.fileName());
        } else if (e instanceof KernelEvent.Thread t) {
            threadProcess.put(t.threadId(), t.processId());
        } else if (e instanceof KernelEvent.Registry g && isKcbNaming(g.opcode())) {
            keyNames.put(g.keyHandle(), g.keyName());
        } else if (e instanceof KernelEvent.ObjectType t) {
            objectTypes.put(t.objectType(), t.typeName());
        } else if (e instanceof KernelEvent.VolumeMapping v) {
            volumes.add(v.ntPath(), v.dosPath());
        } else if (e instanceof KernelEvent.Image i && i.processId() == 0 && (i.opcode() == 3 || i.opcode() == 10)) {
            kernelModules.add(new Module(i.imageBase(), i.imageSize(), i.fileName(), null, null, null, 0));
        }
    }

    /** KCBCreate, KCBRundownBegin, KCBRundownEnd: the KCB's full key name. */
    static boolean isKcbNaming(int opcode) {
        return opcode == 22 || opcode == 24 || opcode == 25;
    }

    private void request(long irp) {
        int n = requestStatus.size();
        requestStatus.add(NO_STATUS);
        requestEndRaw.add(-1);
        requestExtraInfo.add(0);
        pendingByIrp.put(irp, n);
    }

    /** NTSTATUS of request {@code n}, {@link #NO_STATUS} when no OperationEnd matched it. */
    int status(int n) {
        return n < requestStatus.size() ? requestStatus.get(n) : NO_STATUS;
    }

    /** Raw timestamp of request {@code n}'s OperationEnd, -1 when none. */
    long endRaw(int n) {
        return n < requestEndRaw.size() ? requestEndRaw.get(n) : -1;
    }

    /** The OperationEnd's ExtraInfo (IRP Information: a Create's open result, bytes moved). */
    long extraInfo(int n) {
        return n < requestExtraInfo.size() ? requestExtraInfo.get(n) : 0;
    }

    boolean opEndMatched(int n) {
        return matchedOpEnds.get(n);
    }
}
