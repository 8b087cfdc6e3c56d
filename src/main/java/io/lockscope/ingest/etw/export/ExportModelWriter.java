package io.lockscope.ingest.etw.export;

import io.lockscope.ingest.etw.FileOperations;
import io.lockscope.ingest.etw.IrpIssuers;
import io.lockscope.ingest.etw.KernelMapping;
import io.lockscope.ingest.etw.KernelModules;
import io.lockscope.ingest.etw.KernelNames;
import io.lockscope.ingest.etw.OpenFileKeys;
import io.lockscope.ingest.etw.ProcessTracker;
import io.lockscope.ingest.etw.RequestJoin;
import io.lockscope.ingest.etw.kernel.EventNames;
import io.lockscope.ingest.etw.kernel.KernelEvent;
import io.lockscope.ingest.etw.kernel.KernelGroups;
import io.lockscope.ingest.etw.kernel.VolumeMap;
import io.lockscope.model.EventClass;
import io.lockscope.model.EventStore;
import io.lockscope.model.Module;
import io.lockscope.model.Operation;
import io.lockscope.model.StackTable;
import io.lockscope.model.TraceBuilder;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.FilterDetail;
import io.lockscope.model.detail.HandleDetail;

/**
 * Writes the events of an exported kernel trace into the model the way the ETL reader writes the same
 * events (io.lockscope.ingest.etw.EtlModelWriter): FileIo requests as procmon operations with the
 * result and duration of the OperationEnd joined by IRP ({@link RequestJoin}), the issuing thread from
 * TTID, FILE_OBJECT + IRP as kernel ids; Registry as Reg* operations; handles and minifilter callbacks
 * with their details; every other event as an "other" event named {@code Task/Opcode}.
 *
 * <p>Like the ETL reader it needs two passes: {@link #prepare} sees every event first (the OperationEnd
 * of a request comes after it; name rundowns come at the end), then {@link #write} writes them.
 */
final class ExportModelWriter {
    private static final int UNKNOWN_PID = -1;

    private final String file;
    private final TraceBuilder builder;
    private final ProcessTracker processes;
    private final RequestJoin requests = new RequestJoin();
    private final VolumeMap volumes = new VolumeMap();
    private final KernelModules kernelModules = new KernelModules();

    private final KernelNames names = new KernelNames();
    private final IrpIssuers irpIssuers = new IrpIssuers();
    private final OpenFileKeys openFileKeys = new OpenFileKeys();
    private int requestCount;
    private int opEndCount;
    private long lastTime = Long.MIN_VALUE;
    private long outOfOrder;

    ExportModelWriter(String file, TraceBuilder builder) {
        this.file = file;
        this.builder = builder;
        this.processes = new ProcessTracker(builder);
    }

    /** First pass: joins requests with their OperationEnd and collects the final name maps. */
    void prepare(ExportedEvent e) {
        KernelEvent k = e.event();
        names.learn(k);
        if (k instanceof KernelEvent.FileCreate c) {
            requests.request(c.irp());
        } else if (k instanceof KernelEvent.FileRequest q) {
            requests.request(q.irp());
        } else if (k instanceof KernelEvent.FileOpEnd end) {
            requests.operationEnd(end.irp(), end.status(), end.extraInfo(), e.time());
        } else if (k instanceof KernelEvent.VolumeMapping v) {
            volumes.add(v.ntPath(), v.dosPath());
        } else if (k instanceof KernelEvent.Image i && i.processId() == 0 && isLoad(i)) {
            kernelModules.add(new Module(i.imageBase(), i.imageSize(), i.fileName(), null, null, null, 0));
        }
    }

    /** Image/Load (Process type 10) and Image/DCStart (already loaded when the trace began). */
    private static boolean isLoad(KernelEvent.Image i) {
        return i.opcode() == KernelGroups.PROCESS_LOAD_IMAGE || i.opcode() == 3;
    }

    /** Second pass: one model event per exported event. */
    void write(ExportedEvent e) {
        if (e.time() < lastTime) {
            outOfOrder++;
        }
        lastTime = e.time();
        KernelEvent k = e.event();
        if (k instanceof KernelEvent.FileCreate c) {
            fileCreate(e, c);
        } else if (k instanceof KernelEvent.FileRequest q) {
            fileRequest(e, q);
        } else if (k instanceof KernelEvent.FileOpEnd end) {
            if (!requests.opEndMatched(opEndCount++)) {
                other(e, processes.keyFor(UNKNOWN_PID), e.tid(), end.status(), 0, Detail.None.INSTANCE);
            }
        } else if (k instanceof KernelEvent.FltIo f) {
            filter(e, f);
        } else if (k instanceof KernelEvent.Registry g) {
            registry(e, g);
        } else if (k instanceof KernelEvent.Handle h) {
            handle(e, h);
        } else if (k instanceof KernelEvent.DuplicateHandle d) {
            int i = other(e, processes.keyFor(d.sourceProcessId()), e.tid(), 0, 0,
                    new HandleDetail(d.sourceHandle() & 0xFFFFFFFFL, names.objectType(d.objectType()), null,
                            d.targetProcessId(), d.targetHandle() & 0xFFFFFFFFL));
            builder.setKernelIds(i, d.object(), 0);
        } else if (k instanceof KernelEvent.ObjectType t) {
            other(e, processKey(e, e.pid()), e.tid(), 0, 0, Detail.None.INSTANCE);
        } else if (k instanceof KernelEvent.Process p) {
            other(e, processes.onProcess(p, e.time()), e.tid(), 0, 0, Detail.None.INSTANCE);
        } else if (k instanceof KernelEvent.Thread t) {
            other(e, processes.keyFor(t.processId()), t.threadId(), 0, 0, Detail.None.INSTANCE);
        } else if (k instanceof KernelEvent.Image i) {
            image(e, i);
        } else if (k instanceof KernelEvent.FileName f) {
            other(e, processKey(e, e.pid()), e.tid(), 0, pathId(f.fileName()), Detail.None.INSTANCE);
        } else if (k == null && e.operation() != null) {
            builder.addEvent(e.time(), e.duration(), processKey(e, e.pid()), e.tid(), e.operation(), e.status(),
                    pathId(e.path()), Detail.None.INSTANCE, StackTable.NONE);
        } else {
            other(e, processKey(e, e.pid()), e.tid(), e.status() == RequestJoin.NO_STATUS ? 0 : e.status(),
                    pathId(e.path()), Detail.None.INSTANCE);
        }
        names.apply(k);
    }

    private static String name(ExportedEvent e) {
        return e.group() == KernelClasses.NOT_KERNEL ? e.name() : EventNames.kernel(e.group(), e.opcode()).taskOpcode();
    }

    /** The key of {@code pid}, made from the name the export prints next to it when no process event named it. */
    private int processKey(ExportedEvent e, int pid) {
        if (pid >= 0 && e.processName() != null && !processes.knows(pid)) {
            return processes.onProcess(new KernelEvent.Process(3, 0, pid, 0, -1, 0, 0, 0, e.processName(), "", "", ""),
                    e.time());
        }
        return processes.keyFor(pid);
    }

    private int other(ExportedEvent e, int processKey, int tid, int result, int pathId, Detail detail) {
        return builder.addOtherEvent(e.time(), e.duration(), processKey, tid, name(e),
                e.group() == KernelClasses.NOT_KERNEL ? EventClass.UNKNOWN : KernelMapping.eventClass(e.group()),
                result, pathId, detail, StackTable.NONE);
    }

    private int pathId(String ntPath) {
        return ntPath == null || ntPath.isEmpty() ? 0 : builder.strings().intern(volumes.toDos(ntPath));
    }

    private int processOfThread(int tid) {
        return names.processOfThread(tid, UNKNOWN_PID);
    }

    private void fileCreate(ExportedEvent e, KernelEvent.FileCreate c) {
        int n = requestCount++;
        Detail detail = KernelMapping.createDetail(c, requests.status(n), requests.extraInfo(n));
        int i = fileEvent(e, n, Operation.CREATE_FILE, c.ttid(), c.fileObject(), c.irp(),
                pathId(e.path() != null ? e.path() : c.openPath()), detail);
        if (requests.status(n) >= 0) {
            openFileKeys.created(c.fileObject(), i);
        }
    }

    private void fileRequest(ExportedEvent e, KernelEvent.FileRequest q) {
        int n = requestCount++;
        Operation op = FileOperations.operation(q);
        String path = e.path() != null ? e.path() : names.fileName(q.fileObject(), q.fileKey());
        fileEvent(e, n, op, q.ttid(), q.fileObject(), q.irp(), pathId(path),
                FileOperations.detail(q, op, volumes.toDos(q.fileName())));
        openFileKeys.requested(builder, q.fileObject(), q.fileKey());
    }

    private int fileEvent(ExportedEvent e, int request, Operation op, int ttid, long fileObject, long irp, int pathId,
                           Detail detail) {
        long end = requests.end(request);
        long duration = end < 0 ? e.duration() : Math.max(0, end - e.time());
        int pid = e.pid() >= 0 ? e.pid() : processOfThread(ttid);
        int processKey = processKey(e, pid);
        int i = builder.addEvent(e.time(), duration, processKey, ttid, op, requests.status(request), pathId, detail,
                StackTable.NONE);
        builder.setKernelIds(i, fileObject, irp);
        irpIssuers.issued(irp, processKey, ttid);
        return i;
    }

    private void filter(ExportedEvent e, KernelEvent.FltIo f) {
        int processKey;
        int tid = e.tid();
        if (e.pid() >= 0) {
            processKey = processKey(e, e.pid());
        } else if (irpIssuers.knows(f.irp())) {
            processKey = irpIssuers.processKey(f.irp());
            tid = irpIssuers.tid(f.irp());
        } else {
            processKey = processes.keyFor(UNKNOWN_PID);
        }
        String driver = e.driver();
        if (driver == null) {
            Module module = kernelModules.at(f.routineAddr());
            driver = module == null ? null : volumes.toDos(module.path());
        }
        int i = builder.addOtherEvent(e.time(), e.duration(), processKey, tid, name(e), EventClass.FILTER,
                f.hasStatus() ? f.status() : 0, pathId(e.path() != null ? e.path() : names.fileName(f.fileObject(), 0)),
                new FilterDetail(driver, f.routineAddr(), f.majorFunction(), f.callbackData()), StackTable.NONE);
        builder.setKernelIds(i, f.fileObject(), f.irp());
    }

    private void handle(ExportedEvent e, KernelEvent.Handle h) {
        int pid = h.processId() >= 0 ? h.processId() : e.pid();
        String type = names.objectType(h.objectType());
        int pathId;
        if (!h.objectName().isEmpty()) {
            pathId = "File".equals(type) ? pathId(h.objectName()) : builder.strings().intern(h.objectName());
        } else {
            String fileName = names.openFile(h.object());
            pathId = "File".equals(type) && fileName != null ? pathId(fileName) : 0;
        }
        int i = other(e, processKey(e, pid), e.tid(), 0, pathId,
                new HandleDetail(h.handle() & 0xFFFFFFFFL, type, h.objectName().isEmpty() ? null : h.objectName(), -1, -1));
        builder.setKernelIds(i, h.object(), 0);
    }

    private void image(ExportedEvent e, KernelEvent.Image i) {
        String path = volumes.toDos(i.fileName());
        processes.onImage(i, path, i.opcode() == KernelGroups.PROCESS_LOAD_IMAGE ? e.time() : 0);
        int key = processes.keyFor(i.processId());
        int pathId = builder.strings().intern(path);
        if (isLoad(i)) {
            // typed as procmon's Load Image so mapped-image holds are found, named as TraceEvent does
            int ev = builder.addEvent(e.time(), EventStore.NO_DURATION, key, e.tid(), Operation.LOAD_IMAGE, 0,
                    pathId, Detail.None.INSTANCE, StackTable.NONE);
            builder.setOperationName(ev, name(e));
        } else {
            other(e, key, e.tid(), 0, pathId, Detail.None.INSTANCE);
        }
    }

    private void registry(ExportedEvent e, KernelEvent.Registry g) {
        int opcode = g.opcode();
        String path = names.registryKey(g);
        int pathId = path.isEmpty() ? 0 : builder.strings().intern(KernelMapping.registryPath(path));
        Operation op = KernelMapping.registryOperation(opcode);
        int processKey = processKey(e, e.pid());
        if (op == Operation.OTHER) {
            builder.addOtherEvent(e.time(), e.duration(), processKey, e.tid(), name(e), EventClass.REGISTRY,
                    g.status(), pathId, Detail.None.INSTANCE, StackTable.NONE);
        } else {
            builder.addEvent(e.time(), e.duration(), processKey, e.tid(), op, g.status(), pathId, Detail.None.INSTANCE,
                    StackTable.NONE);
        }
    }

    /** Completes the process table and reports what could not be resolved. */
    void finish() {
        processes.finish();
        if (outOfOrder > 0) {
            builder.report().warn(file + ": " + outOfOrder + " events are earlier than the event before them; "
                    + "kept in the export's order");
        }
        long unresolvedFilePaths = names.unresolvedFilePaths();
        if (unresolvedFilePaths > 0) {
            builder.report().warn(file + ": " + unresolvedFilePaths + " file events name a FILE_OBJECT/FileKey that no "
                    + "Create, Name or rundown event names; their path is empty");
        }
    }
}
