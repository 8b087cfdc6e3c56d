package io.lockscope.ingest.etw;

import io.lockscope.ingest.etw.etl.TraceRecord;
import io.lockscope.ingest.etw.kernel.KernelDecoder;
import io.lockscope.ingest.etw.kernel.KernelEvent;
import io.lockscope.ingest.etw.kernel.VolumeMap;
import io.lockscope.model.Module;

import static io.lockscope.ingest.etw.kernel.KernelGroups.*;

/**
 * First pass over an ETL: what the second (model-writing) pass needs to know ahead of time.
 *
 * <ul>
 * <li>The final name maps ({@link KernelNames#learn}), as fallbacks for events before the rundowns that
 *     name their objects, and the volume map and kernel modules.</li>
 * <li>The call stacks, which StackWalk records give after their event ({@link StackCollector}).</li>
 * </ul>
 * Only the classes that can teach one of these are decoded ({@link #teaches}); the rest — the bulk of
 * FileIo (Creates, the other requests and their OperationEnds, which the second pass joins itself),
 * most Registry events, Process, ObTrace handles, FltIo, DiskIo — wait for the second pass.
 */
final class EtlPrepass {
    final VolumeMap volumes = new VolumeMap();
    final KernelNames names = new KernelNames();
    final KernelModules kernelModules = new KernelModules();
    final StackCollector stacks = new StackCollector();
    /**
     * Records the second pass may make an event of: all but StackWalks (stacks of other events) and
     * FileIo OperationEnds (which complete their request's row). An upper bound for sizing the model.
     */
    long possibleEvents;

    /** A record of a pass over every record: counted when the second pass may make an event of it, learnt from. */
    void visit(TraceRecord r) {
        if (mayBeEvent(r)) {
            possibleEvents++;
        }
        learn(r);
    }

    /** Whether the second pass may make an event of {@code r}; reads its header only. */
    static boolean mayBeEvent(TraceRecord r) {
        return r.kind() != TraceRecord.Kind.KERNEL
                || r.group() != STACK_WALK && !(r.group() == FILE_IO && r.type() == FILE_OP_END);
    }

    /** Whether this pass learns from {@code r} (a stack walk, or {@link #teaches}); reads its header only. */
    static boolean learnsFrom(TraceRecord r) {
        return r.kind() == TraceRecord.Kind.KERNEL && r.group() == STACK_WALK || teaches(r);
    }

    /** Learns what {@code r} teaches; any other record is let go. */
    void learn(TraceRecord r) {
        KernelEvent e;
        try {
            stacks.visit(r);
            if (!teaches(r)) {
                return;
            }
            e = KernelDecoder.decode(r);
        } catch (TraceRecord.PayloadTooShortException tooShort) {
            return; // the second pass reports it
        }
        if (e == null) {
            return;
        }
        names.learn(e);
        if (e instanceof KernelEvent.VolumeMapping v) {
            volumes.add(v.ntPath(), v.dosPath());
        } else if (e instanceof KernelEvent.Image i && i.processId() == 0 && (i.opcode() == 3 || i.opcode() == 10)) {
            kernelModules.add(new Module(i.imageBase(), i.imageSize(), i.fileName(), null, null, null, 0));
        }
    }

    /**
     * Whether {@link KernelDecoder} may make of {@code r} an event this pass learns from: FileIo names
     * (of a FileKey), Thread, Image, the KCB-naming Registry events, object type names and (among
     * classic records) the volume mappings. The decoder still checks versions and layouts.
     */
    private static boolean teaches(TraceRecord r) {
        if (r.kind() == TraceRecord.Kind.CLASSIC) {
            return true;
        }
        if (r.kind() != TraceRecord.Kind.KERNEL) {
            return false;
        }
        int t = r.type();
        return switch (r.group()) {
            case FILE_IO -> t == FILE_NAME || t == FILE_CREATE_NAME || t == FILE_DELETE_NAME || t == FILE_RUNDOWN;
            case THREAD, IMAGE -> true;
            case PROCESS -> t == PROCESS_LOAD_IMAGE;
            case REGISTRY -> KernelNames.isKcbNaming(t);
            case OBJECT -> t == 36 || t == 37;
            default -> false;
        };
    }
}
