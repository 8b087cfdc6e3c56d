package io.lockscope.ingest.etw;

import io.lockscope.ingest.etw.kernel.KernelEvent;
import io.lockscope.ingest.etw.kernel.KernelGroups;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.IntObjectHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;

/**
 * The names kernel events give to what later events name only by address or index: FILE_OBJECT → open
 * path (Create), FileKey → name (Name/FileRundown), TID → PID (Thread), KCB → key (KCBCreate/Rundown),
 * object type index → name (TypeDCStart/Stop). Kept live, as of the event being written, and all but the
 * first also as the final maps of a first pass over the whole trace, fallbacks for events before the
 * events (often end-of-trace rundowns) that name their objects. A FILE_OBJECT has no final map: its
 * address is freed at Close and reused by later opens of other files, so a Create after an event names
 * another open than the one the event used. Shared by the ETL reader and its exported forms.
 */
public final class KernelNames {
    private final LongObjectHashMap<String> finalFileKeyNames = new LongObjectHashMap<>();
    private final IntIntHashMap finalThreadProcess = new IntIntHashMap();
    private final LongObjectHashMap<String> finalKeyNames = new LongObjectHashMap<>();
    private final IntObjectHashMap<String> finalObjectTypes = new IntObjectHashMap<>();

    private final LongObjectHashMap<String> fileObjectNames = new LongObjectHashMap<>();
    private final LongObjectHashMap<String> fileKeyNames = new LongObjectHashMap<>();
    private final IntIntHashMap threadProcess = new IntIntHashMap();
    private final LongObjectHashMap<String> keyNames = new LongObjectHashMap<>();
    private final IntObjectHashMap<String> objectTypes = new IntObjectHashMap<>();
    private long unresolvedFilePaths;

    /** First pass: what {@code e} names goes into the final maps. */
    public void learn(KernelEvent e) {
        if (e instanceof KernelEvent.FileName f) {
            finalFileKeyNames.put(f.fileKey(), f.fileName());
        } else if (e instanceof KernelEvent.Thread t) {
            finalThreadProcess.put(t.threadId(), t.processId());
        } else if (e instanceof KernelEvent.Registry g && isKcbNaming(g.opcode())) {
            finalKeyNames.put(g.keyHandle(), g.keyName());
        } else if (e instanceof KernelEvent.ObjectType t) {
            finalObjectTypes.put(t.objectType(), t.typeName());
        }
    }

    /** Second pass, after {@code e} is written: the live maps take what it names or frees. */
    public void apply(KernelEvent e) {
        if (e instanceof KernelEvent.FileCreate c) {
            fileObjectNames.put(c.fileObject(), c.openPath());
        } else if (e instanceof KernelEvent.FileRequest q && q.opcode() == KernelGroups.FILE_CLOSE) {
            fileObjectNames.remove(q.fileObject()); // the FILE_OBJECT is freed; its address may be reused
        } else if (e instanceof KernelEvent.FileName f) {
            fileKeyNames.put(f.fileKey(), f.fileName());
        } else if (e instanceof KernelEvent.Thread t && (t.opcode() == 1 || t.opcode() == 3)) {
            threadProcess.put(t.threadId(), t.processId());
        } else if (e instanceof KernelEvent.Registry g) {
            if (isKcbNaming(g.opcode())) {
                keyNames.put(g.keyHandle(), g.keyName());
            } else if (g.opcode() == 23) {
                keyNames.remove(g.keyHandle());
            }
        } else if (e instanceof KernelEvent.ObjectType t) {
            objectTypes.put(t.objectType(), t.typeName());
        }
    }

    /** KCBCreate, KCBRundownBegin, KCBRundownEnd: the KCB's full key name. */
    public static boolean isKcbNaming(int opcode) {
        return opcode == 22 || opcode == 24 || opcode == 25;
    }

    /** The PID of thread {@code tid}: live thread events, else the first pass's final map, else {@code unknown}. */
    public int processOfThread(int tid, int unknown) {
        if (threadProcess.containsKey(tid)) {
            return threadProcess.get(tid);
        }
        return finalThreadProcess.getIfAbsent(tid, unknown);
    }

    /** The NT path of a file event: FILE_OBJECT's open path, else FileKey's name, live then final; null (counted) when none. */
    public String fileName(long fileObject, long fileKey) {
        String n = fileObjectNames.get(fileObject);
        if (n == null) {
            n = fileKeyNames.get(fileKey);
        }
        if (n == null) {
            n = finalFileKeyNames.get(fileKey);
        }
        if (n == null) {
            unresolvedFilePaths++;
        }
        return n;
    }

    /** The open path of a FILE_OBJECT open right now, or null. */
    public String openFile(long fileObject) {
        return fileObjectNames.get(fileObject);
    }

    /** The name of object type index {@code index}, or null. */
    public String objectType(int index) {
        String t = objectTypes.get(index);
        return t != null ? t : finalObjectTypes.get(index);
    }

    /** The kernel key a registry event names: its KCB's name + {@code \} + its relative name. */
    public String registryKey(KernelEvent.Registry g) {
        String base = kcbName(g);
        return base.isEmpty() ? g.keyName() : g.keyName().isEmpty() ? base : base + "\\" + g.keyName();
    }

    /**
     * The name of the KCB a registry event's key is relative to, live then final; "" when none is
     * known or the event names the KCB itself.
     */
    public String kcbName(KernelEvent.Registry g) {
        if (isKcbNaming(g.opcode())) {
            return "";
        }
        String base = keyNames.get(g.keyHandle());
        if (base == null) {
            base = finalKeyNames.get(g.keyHandle());
        }
        return base == null ? "" : base;
    }

    /** File events whose FILE_OBJECT/FileKey nothing named. */
    public long unresolvedFilePaths() {
        return unresolvedFilePaths;
    }
}
