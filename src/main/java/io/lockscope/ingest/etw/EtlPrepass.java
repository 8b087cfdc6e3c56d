package io.lockscope.ingest.etw;

import io.lockscope.ingest.etw.etl.TraceRecord;
import io.lockscope.ingest.etw.kernel.KernelDecoder;
import io.lockscope.ingest.etw.kernel.KernelEvent;
import io.lockscope.ingest.etw.kernel.VolumeMap;
import io.lockscope.model.Module;

/**
 * First pass over an ETL: what the second (model-writing) pass needs to know ahead of time.
 *
 * <ul>
 * <li>The OperationEnd of every FileIo request ({@link RequestJoin}), with the raw timestamp as its end.</li>
 * <li>The final name maps ({@link KernelNames#learn}), as fallbacks for events before the rundowns that
 *     name their objects, and the volume map and kernel modules.</li>
 * <li>The call stacks, which StackWalk records give after their event ({@link StackCollector}).</li>
 * </ul>
 */
final class EtlPrepass {
    final VolumeMap volumes = new VolumeMap();
    final KernelNames names = new KernelNames();
    final KernelModules kernelModules = new KernelModules();
    final StackCollector stacks = new StackCollector();
    final RequestJoin requests = new RequestJoin();

    void visit(TraceRecord r) {
        KernelEvent e;
        try {
            stacks.visit(r);
            e = KernelDecoder.decode(r);
        } catch (TraceRecord.PayloadTooShortException tooShort) {
            return; // the second pass reports it
        }
        if (e == null) {
            return;
        }
        names.learn(e);
        if (e instanceof KernelEvent.FileCreate c) {
            requests.request(c.irp());
        } else if (e instanceof KernelEvent.FileRequest q) {
            requests.request(q.irp());
        } else if (e instanceof KernelEvent.FileOpEnd end) {
            requests.operationEnd(end.irp(), end.status(), end.extraInfo(), r.rawTime());
        } else if (e instanceof KernelEvent.VolumeMapping v) {
            volumes.add(v.ntPath(), v.dosPath());
        } else if (e instanceof KernelEvent.Image i && i.processId() == 0 && (i.opcode() == 3 || i.opcode() == 10)) {
            kernelModules.add(new Module(i.imageBase(), i.imageSize(), i.fileName(), null, null, null, 0));
        }
    }
}
