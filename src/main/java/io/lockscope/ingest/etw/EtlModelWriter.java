package io.lockscope.ingest.etw;

import io.lockscope.ingest.etw.etl.LogfileHeader;
import io.lockscope.ingest.etw.kernel.EventNames;
import io.lockscope.ingest.etw.kernel.KernelEvent;
import io.lockscope.ingest.etw.kernel.KernelGroups;
import io.lockscope.model.EventClass;
import io.lockscope.model.EventStore;
import io.lockscope.model.Module;
import io.lockscope.model.Operation;
import io.lockscope.model.ReadReport;
import io.lockscope.model.StackTable;
import io.lockscope.model.TraceBuilder;
import io.lockscope.model.detail.Detail;
import io.lockscope.model.detail.FileMappingDetail;
import io.lockscope.model.detail.FilterDetail;
import io.lockscope.model.detail.HandleDetail;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.ObjectIntHashMap;

import java.util.Arrays;

/**
 * Second pass over an ETL: every record, decoded on the reading thread ({@link DecodedBatch}), becomes
 * one model event (or a counted skip), on the thread {@link io.lockscope.ingest.WriteBehind} gives it.
 *
 * <ul>
 * <li>FileIo requests become procmon operations (Create → CreateFile, Cleanup → CloseFile, Close →
 *     IRP_MJ_CLOSE, Read/Write, the SetInformation sub-operations …) with the issuing thread from
 *     TTID (FileIo headers carry no PID/TID, etw-formats.md §0.3), the path from FileObject → open
 *     path, else FileKey → name, translated to a DOS path, and FILE_OBJECT + IRP as the event's
 *     kernel ids. The OperationEnd that comes later completes the request's event with its NTSTATUS
 *     and duration: the latest request with its IRP that none completed yet, since IRPs are reused
 *     (etw-formats.md §2.1); an OperationEnd that completes none is an event of its own.</li>
 * <li>Registry operations become Reg* operations with the full key (KCB name + relative name).</li>
 * <li>A mapped view (FileIo MapFile, or its start rundown) becomes procmon's CreateFileMapping in the
 *     mapping process, so the data section it keeps is found as in a procmon trace; its UnmapFile stays
 *     an "other" event that ends it.</li>
 * <li>Everything else kernel — Process, Thread, Image, ObTrace handles, FltIo, DiskIO, PerfInfo … — is
 *     an "other" event named {@code Task/Opcode} as TraceEvent names it, so counts compare with a
 *     TraceEvent dump; handles and minifilter callbacks carry a {@link HandleDetail} /
 *     {@link FilterDetail}.</li>
 * <li>Manifest/TraceLogging and classic user-provider events are skipped, counted per provider.</li>
 * </ul>
 */
final class EtlModelWriter {
    private static final int UNKNOWN_PID = -1;

    /**
     * A registry event's key as logged: the name of the KCB it is relative to and its relative name.
     * Hashed and compared by hand: the record's own methods are not inlined as well, for one per event.
     */
    private record RegistryName(String kcb, String relative) {
        @Override
        public int hashCode() {
            return 31 * kcb.hashCode() + relative.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RegistryName n && kcb.equals(n.kcb) && relative.equals(n.relative);
        }
    }

    private final String name;
    private final TraceBuilder builder;
    private final ReadReport report;
    private final LogfileHeader header;
    private final EtlPrepass prepass;
    private final ProcessTracker processes;

    private final IrpIssuers irpIssuers = new IrpIssuers();
    private final OpenFileKeys openFileKeys = new OpenFileKeys();
    /** NT path → id of its DOS form in the string pool. */
    private final ObjectIntHashMap<String> pathIds = new ObjectIntHashMap<>();
    /**
     * A Create's open path as a text id of the reader ({@link DecodedBatch#openPathText}) → its path id
     * + 1 (0: not seen yet), so that the writer never touches the String the reading thread made: that
     * touch alone, once per Create, took a quarter of the writer's time (README › Performance).
     */
    private int[] createPathIds = new int[1024];
    /** Registry key as logged → id of its procmon form in the string pool. */
    private final ObjectIntHashMap<RegistryName> registryPathIds = new ObjectIntHashMap<>();
    /**
     * FILE_OBJECT → path id of its open path, for the objects open now: what {@link KernelNames#fileName}
     * would give first, kept by id so that a request on an open object touches neither a name nor its String.
     */
    private final LongIntHashMap openPathIds = new LongIntHashMap();
    /** IRP → the latest request with it that no OperationEnd completed yet. */
    private final PendingRequests pending = new PendingRequests();

    EtlModelWriter(String name, TraceBuilder builder, LogfileHeader header, EtlPrepass prepass) {
        this.name = name;
        this.builder = builder;
        this.report = builder.report();
        this.header = header;
        this.prepass = prepass;
        this.processes = new ProcessTracker(builder);
    }

    /** Writes the records of {@code batch} in order: an event each, or a counted skip. */
    void write(DecodedBatch batch) {
        for (int i = 0; i < batch.size(); i++) {
            batch.select(i);
            switch (batch.outcome()) {
                case EVENT -> write(batch, batch.eventName(), batch.event());
                case NOT_DECODED -> report.ignore(batch.reason(), batch.place());
                case TOO_SHORT -> report.skip(batch.reason(), batch.place());
            }
        }
    }

    private void write(DecodedBatch r, EventNames.Name eventName, KernelEvent e) {
        if (e instanceof KernelEvent.FileCreate c) {
            fileCreate(r, c);
        } else if (e instanceof KernelEvent.FileRequest q) {
            fileRequest(r, q);
        } else if (e instanceof KernelEvent.FileOpEnd end) {
            if (pending.take(end.irp())) {
                complete(r, end);
            } else {
                other(r, eventName, processes.keyFor(UNKNOWN_PID), r.tid(), EventClass.FILE_SYSTEM, end.status(), 0,
                        Detail.None.INSTANCE);
            }
        } else if (e instanceof KernelEvent.FltIo f) {
            filter(r, eventName, f);
        } else if (e instanceof KernelEvent.MapFile m) {
            mapFile(r, eventName, m);
        } else if (e instanceof KernelEvent.Registry g) {
            registry(r, eventName, g);
        } else if (e instanceof KernelEvent.Handle h) {
            handle(r, eventName, h);
        } else if (e instanceof KernelEvent.DuplicateHandle d) {
            int i = other(r, eventName, processes.keyFor(d.sourceProcessId()), r.tid(), EventClass.HANDLE, 0, 0,
                    new HandleDetail(d.sourceHandle() & 0xFFFFFFFFL, prepass.names.objectType(d.objectType()), null,
                            d.targetProcessId(), d.targetHandle() & 0xFFFFFFFFL));
            builder.setKernelIds(i, d.object(), 0);
        } else if (e instanceof KernelEvent.ObjectType t) {
            other(r, eventName, headerProcess(r), r.tid(), EventClass.HANDLE, 0, 0, Detail.None.INSTANCE);
        } else if (e instanceof KernelEvent.Process p) {
            int key = processes.onProcess(p, r.time());
            other(r, eventName, key, r.tid(), EventClass.PROCESS, 0, 0, Detail.None.INSTANCE);
        } else if (e instanceof KernelEvent.Thread t) {
            other(r, eventName, processes.keyFor(t.processId()), t.threadId(), EventClass.PROCESS, 0, 0,
                    Detail.None.INSTANCE);
        } else if (e instanceof KernelEvent.Image i) {
            String path = prepass.volumes.toDos(i.fileName());
            processes.onImage(i, path, i.opcode() == KernelGroups.PROCESS_LOAD_IMAGE ? r.time() : 0);
            int key = processes.keyFor(i.processId());
            int pathId = builder.strings().intern(path);
            if (isLoad(i)) {
                // typed as procmon's Load Image so mapped-image holds are found, named as TraceEvent does
                int ev = builder.addEvent(r.time(), EventStore.NO_DURATION, key, r.tid(), Operation.LOAD_IMAGE, 0,
                        pathId, Detail.None.INSTANCE, stack(r, r.tid(), key));
                builder.setOperationName(ev, eventName.taskOpcode());
            } else {
                other(r, eventName, key, r.tid(), EventClass.PROCESS, 0, pathId, Detail.None.INSTANCE);
            }
        } else if (e instanceof KernelEvent.FileName f) {
            other(r, eventName, headerProcess(r), r.tid(), EventClass.FILE_SYSTEM, 0, pathId(f.fileName()),
                    Detail.None.INSTANCE);
        } else if (r.cpuSample()) {
            int tid = r.sampledTid();
            other(r, eventName, processes.keyFor(processOfThread(tid)), tid, EventClass.PROFILING, 0, 0, Detail.None.INSTANCE);
        } else {
            // VolumeMapping (taken from the first pass), DiskIo and every undecoded kernel class
            other(r, eventName, headerProcess(r), r.tid(), r.eventClass(), 0, 0, Detail.None.INSTANCE);
        }
        prepass.names.apply(e);
    }

    /** Image/Load (10) and Image/DCStart (3, already loaded when the trace began); not unloads. */
    private static boolean isLoad(KernelEvent.Image i) {
        return i.opcode() == KernelGroups.PROCESS_LOAD_IMAGE || i.opcode() == 3;
    }

    private int headerProcess(DecodedBatch r) {
        return processes.keyFor(r.pid());
    }

    private int other(DecodedBatch r, EventNames.Name eventName, int processKey, int tid, EventClass eventClass,
                      int result, int pathId, Detail detail) {
        return builder.addOtherEvent(r.time(), EventStore.NO_DURATION, processKey, tid, eventName.taskOpcode(),
                eventClass, result, pathId, detail, stack(r, tid, processKey));
    }

    /**
     * The stack the StackWalk records give for the event at {@code r}'s time on thread {@code tid},
     * frames resolved against the kernel modules or the process's modules; {@link StackTable#NONE}
     * when there is none.
     */
    private int stack(DecodedBatch r, int tid, int processKey) {
        if (!r.kernel()) {
            return StackTable.NONE; // only kernel events are stack-walked; a classic event at the same instant is not
        }
        long[] addresses = prepass.stacks.take(r.rawTime(), tid);
        if (addresses == null) {
            return StackTable.NONE;
        }
        StackTable table = builder.stacks();
        int[] frames = new int[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            long address = addresses[i];
            boolean kernel = StackCollector.isKernel(address, r.pointerSize());
            Module m = kernel ? prepass.kernelModules.at(address) : processes.moduleAt(processKey, address);
            String module = m == null ? null : kernel ? prepass.volumes.toDos(m.path()) : m.path();
            frames[i] = table.frameId(new StackTable.Frame(module, address, m == null ? -1 : address - m.base(),
                    null, kernel));
        }
        return table.stackId(frames);
    }

    private int pathId(String ntPath) {
        if (ntPath == null || ntPath.isEmpty()) {
            return 0;
        }
        // most events name a file already seen: map its NT path to the DOS one once
        int id = pathIds.getIfAbsent(ntPath, -1);
        if (id < 0) {
            id = builder.strings().intern(prepass.volumes.toDos(ntPath));
            pathIds.put(ntPath, id);
        }
        return id;
    }

    /** The PID of thread {@code tid}: live thread events, else the first pass's final map, else unknown. */
    private int processOfThread(int tid) {
        return prepass.names.processOfThread(tid, UNKNOWN_PID);
    }

    /** A Create, pending until its OperationEnd: no status, duration or open result yet; taken as opening its object. */
    private void fileCreate(DecodedBatch r, KernelEvent.FileCreate c) {
        Detail detail = KernelMapping.createDetail(c, RequestJoin.NO_STATUS, 0);
        int pathId = createPathId(r.openPathText(), c.openPath());
        openPathIds.put(c.fileObject(), pathId); // as KernelNames.apply keeps the open path
        int i = fileEvent(r, Operation.CREATE_FILE, c.ttid(), c.fileObject(), c.irp(), pathId, detail);
        pending.put(c.irp(), i, c, openFileKeys.created(c.fileObject(), i));
    }

    private int createPathId(int text, String openPath) {
        if (text < 0) {
            return pathId(openPath);
        }
        if (text >= createPathIds.length) {
            createPathIds = Arrays.copyOf(createPathIds, Math.max(text + 1, 2 * createPathIds.length));
        }
        int id = createPathIds[text] - 1;
        if (id < 0) {
            id = pathId(openPath);
            createPathIds[text] = id + 1;
        }
        return id;
    }

    private void fileRequest(DecodedBatch r, KernelEvent.FileRequest q) {
        Operation op = FileOperations.operation(q);
        String target = prepass.volumes.toDos(q.fileName());
        int pathId = openPathIds.getIfAbsent(q.fileObject(), -1);
        if (pathId < 0) {
            pathId = pathId(prepass.names.fileName(q.fileObject(), q.fileKey()));
        } else if (q.opcode() == KernelGroups.FILE_CLOSE) {
            openPathIds.remove(q.fileObject()); // as KernelNames.apply frees it
        }
        int i = fileEvent(r, op, q.ttid(), q.fileObject(), q.irp(), pathId, FileOperations.detail(q, op, target));
        pending.put(q.irp(), i, null, -1);
        openFileKeys.requested(builder, q.fileObject(), q.fileKey());
    }

    private int fileEvent(DecodedBatch r, Operation op, int ttid, long fileObject, long irp, int pathId, Detail detail) {
        int pid = r.pid() >= 0 ? r.pid() : processOfThread(ttid);
        int processKey = processes.keyFor(pid);
        int i = builder.addEvent(r.time(), EventStore.NO_DURATION, processKey, ttid, op, RequestJoin.NO_STATUS, pathId,
                detail, stack(r, ttid, processKey));
        builder.setKernelIds(i, fileObject, irp);
        irpIssuers.issued(irp, processKey, ttid);
        return i;
    }

    /**
     * The OperationEnd {@code r} of the request just taken from {@link #pending}: its status, its
     * duration (none for an end whose raw time is negative, as for a request without one), and for a
     * Create the open result; a failed Create opened nothing.
     */
    private void complete(DecodedBatch r, KernelEvent.FileOpEnd end) {
        int i = pending.event();
        KernelEvent.FileCreate c = pending.create();
        if (c != null && end.status() < 0) {
            openFileKeys.failed(c.fileObject(), i, pending.createBefore());
        }
        if (i == TraceBuilder.NOT_KEPT) {
            return;
        }
        long duration = r.rawTime() < 0 ? EventStore.NO_DURATION : Math.max(0, r.time() - builder.time(i));
        builder.complete(i, end.status(), duration);
        if (c != null) {
            builder.setDetail(i, KernelMapping.createDetail(c, end.status(), end.extraInfo()));
        }
    }

    private void filter(DecodedBatch r, EventNames.Name eventName, KernelEvent.FltIo f) {
        int processKey;
        int tid = r.tid();
        if (r.pid() >= 0) {
            processKey = processes.keyFor(r.pid());
        } else if (irpIssuers.knows(f.irp())) {
            processKey = irpIssuers.processKey(f.irp());
            tid = irpIssuers.tid(f.irp());
        } else {
            processKey = processes.keyFor(UNKNOWN_PID);
        }
        Module module = prepass.kernelModules.at(f.routineAddr());
        String driver = module == null ? null : prepass.volumes.toDos(module.path());
        long duration = f.initialTime() != 0 && f.initialTime() <= r.rawTime()
                ? r.time() - header.toFileTime(f.initialTime()) : EventStore.NO_DURATION;
        int i = builder.addOtherEvent(r.time(), duration, processKey, tid, eventName.taskOpcode(), EventClass.FILTER,
                f.hasStatus() ? f.status() : 0, pathId(prepass.names.fileName(f.fileObject(), 0)),
                new FilterDetail(driver, f.routineAddr(), f.majorFunction(), f.callbackData()),
                stack(r, tid, processKey));
        builder.setKernelIds(i, f.fileObject(), f.irp());
    }

    /**
     * A view mapped (MapFile, MapFileDCStart: mapped before the trace began) or unmapped (UnmapFile;
     * MapFileDCStop only lists the views left at the end) in the process its payload names. The view
     * names its file by the FileKey (FileIo Name events), else by an open FILE_OBJECT of that address.
     * A view at the base of an image the process loaded is that image's (PerfView counts image loads
     * among mapped files); the Image Load already stands for it, so it is not a data section too.
     */
    private void mapFile(DecodedBatch r, EventNames.Name eventName, KernelEvent.MapFile m) {
        int processKey = processes.keyFor(m.processId());
        int pathId = pathId(prepass.names.fileName(m.fileKey(), m.fileKey()));
        Module image = processes.moduleAt(processKey, m.viewBase());
        boolean dataView = image == null || image.base() != m.viewBase();
        if (dataView && (m.opcode() == KernelGroups.FILE_MAP || m.opcode() == KernelGroups.FILE_MAP_DC_START)) {
            // the section and its protection are not in the event: procmon's "SyncTypeCreateSection", protection unknown
            int i = builder.addEvent(r.time(), EventStore.NO_DURATION, processKey, r.tid(), Operation.CREATE_FILE_MAPPING,
                    0, pathId, new FileMappingDetail(FileMappingDetail.SYNC_TYPE_CREATE_SECTION, -1),
                    stack(r, r.tid(), processKey));
            builder.setOperationName(i, eventName.taskOpcode());
        } else {
            other(r, eventName, processKey, r.tid(), EventClass.FILE_SYSTEM, 0, pathId, Detail.None.INSTANCE);
        }
    }

    private void handle(DecodedBatch r, EventNames.Name eventName, KernelEvent.Handle h) {
        int pid = h.processId() >= 0 ? h.processId() : r.pid();
        String type = prepass.names.objectType(h.objectType());
        int pathId;
        if (!h.objectName().isEmpty()) {
            pathId = "File".equals(type) ? pathId(h.objectName()) : builder.strings().intern(h.objectName());
        } else {
            String fileName = prepass.names.openFile(h.object());
            pathId = "File".equals(type) && fileName != null ? pathId(fileName) : 0;
        }
        int i = other(r, eventName, processes.keyFor(pid), r.tid(), EventClass.HANDLE, 0, pathId,
                new HandleDetail(h.handle() & 0xFFFFFFFFL, type, h.objectName().isEmpty() ? null : h.objectName(), -1, -1));
        builder.setKernelIds(i, h.object(), 0);
    }

    private void registry(DecodedBatch r, EventNames.Name eventName, KernelEvent.Registry g) {
        int opcode = g.opcode();
        int pathId = registryPathId(g);
        Operation op = KernelMapping.registryOperation(opcode);
        long duration = g.initialTime() > 0 && g.initialTime() <= r.rawTime()
                ? r.time() - header.toFileTime(g.initialTime()) : EventStore.NO_DURATION;
        int processKey = headerProcess(r);
        int stack = stack(r, r.tid(), processKey);
        if (op == Operation.OTHER) {
            builder.addOtherEvent(r.time(), duration, processKey, r.tid(), eventName.taskOpcode(), EventClass.REGISTRY,
                    g.status(), pathId, Detail.None.INSTANCE, stack);
        } else {
            builder.addEvent(r.time(), duration, processKey, r.tid(), op, g.status(), pathId, Detail.None.INSTANCE, stack);
        }
    }

    /** The id of a registry event's key as procmon shows it ("" for none), made once per KCB and relative name. */
    private int registryPathId(KernelEvent.Registry g) {
        RegistryName name = new RegistryName(prepass.names.kcbName(g), g.keyName());
        int id = registryPathIds.getIfAbsent(name, -1);
        if (id < 0) {
            String path = prepass.names.registryKey(g);
            id = path.isEmpty() ? 0 : builder.strings().intern(KernelMapping.registryPath(path));
            registryPathIds.put(name, id);
        }
        return id;
    }

    /** Completes the process table and reports what could not be resolved. */
    void finish() {
        processes.finish();
        long unresolvedStacks = prepass.stacks.references() - prepass.stacks.resolvedReferences();
        if (unresolvedStacks > 0) {
            report.warn(name + ": " + unresolvedStacks + " StackWalk key references have no key definition; "
                    + "those stacks lack that part");
        }
        long unresolvedFilePaths = prepass.names.unresolvedFilePaths();
        if (unresolvedFilePaths > 0) {
            report.warn(name + ": " + unresolvedFilePaths + " file events name a FILE_OBJECT/FileKey that no "
                    + "Create, Name or rundown event names; their path is empty");
        }
    }
}
