package io.lockscope.ingest.etw;

import io.lockscope.ingest.etw.kernel.KernelEvent;
import io.lockscope.model.Module;
import io.lockscope.model.Paths;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.TraceBuilder;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Process instances of an ETL, keyed by PID plus start so that a reused PID gets a new instance: a
 * Process/Start always opens one; DCStart (rundown of processes running when tracing began), Stop,
 * DCStop and Defunct complete the current instance of their PID. Image events add modules to the
 * instance of their ProcessId; kernel images (ProcessId 0) go to the System process, whose module
 * list resolves kernel addresses.
 */
public final class ProcessTracker {
    private static final int SYSTEM_PID = 4;
    private static final int KERNEL_IMAGE_PID = 0;

    private static final class Instance {
        ProcessInfo info;
        final List<Module> modules = new ArrayList<>();
        /**
         * {@link #modules} by base: a file may load any number of images into a process, and each new one
         * and each stack frame is looked up here rather than compared with all of them.
         */
        final TreeMap<Long, Module> byBase = new TreeMap<>(Long::compareUnsigned);
        boolean described;
        boolean ended;

        Instance(ProcessInfo info) {
            this.info = info;
        }
    }

    private final TraceBuilder builder;
    private final IntIntHashMap currentByPid = new IntIntHashMap();
    private final List<Instance> instances = new ArrayList<>();
    private final List<Module> kernelModules = new ArrayList<>();

    public ProcessTracker(TraceBuilder builder) {
        this.builder = builder;
    }

    /** The key of the current instance of {@code pid}, made on first sight when no process event named it. */
    public int keyFor(int pid) {
        if (currentByPid.containsKey(pid)) {
            return currentByPid.get(pid);
        }
        return open(ProcessInfo.of(pid, pid < 0 ? "" : "Process(" + pid + ")"));
    }

    /** Whether a process event or an earlier lookup already made an instance for {@code pid}. */
    public boolean knows(int pid) {
        return currentByPid.containsKey(pid);
    }

    private int open(ProcessInfo info) {
        int key = builder.addProcess(info);
        instances.add(new Instance(info));
        currentByPid.put(info.pid(), key);
        return key;
    }

    /** Applies a Process event; returns the key of the instance it concerns. */
    public int onProcess(KernelEvent.Process p, long time) {
        int pid = p.processId();
        boolean known = currentByPid.containsKey(pid);
        Instance current = known ? instances.get(currentByPid.get(pid)) : null;
        int key;
        switch (p.opcode()) {
            case 1 -> key = open(describe(ProcessInfo.of(pid, p.imageFileName()), p, time, ProcessInfo.UNKNOWN_TIME));
            case 3 -> key = current != null && !current.described && !current.ended
                    ? currentByPid.get(pid)
                    : open(ProcessInfo.of(pid, p.imageFileName()));
            default -> key = current != null ? currentByPid.get(pid) : open(ProcessInfo.of(pid, p.imageFileName()));
        }
        Instance instance = instances.get(key);
        long start = instance.info.startTime();
        long end = instance.info.endTime();
        if (p.opcode() == 2) {
            end = time;
            instance.ended = true;
        } else if (p.opcode() == 39) {
            instance.ended = true;
        }
        if (!instance.described || p.opcode() == 2) {
            instance.info = describe(instance.info, p, start, end);
            instance.described = true;
        }
        return key;
    }

    private static ProcessInfo describe(ProcessInfo base, KernelEvent.Process p, long start, long end) {
        String name = p.imageFileName().isEmpty() ? base.name() : p.imageFileName();
        String commandLine = p.commandLine().isEmpty() ? base.commandLine() : p.commandLine();
        return new ProcessInfo(p.processId(), p.parentId(), name, base.imagePath(), commandLine, null, null, null,
                null, null, p.sessionId(), null, null, null, start, end, List.of());
    }

    /** Adds the module of an Image Load/DCStart event (once per base) to its process. */
    public void onImage(KernelEvent.Image image, String dosPath, long loadTime) {
        if (image.opcode() == 2 || image.opcode() == 4) {
            return; // unload and end rundown: the module was added when loaded or at start rundown
        }
        Module module = new Module(image.imageBase(), image.imageSize(), dosPath, null, null, null, loadTime);
        if (image.processId() == KERNEL_IMAGE_PID) {
            kernelModules.add(module);
            return;
        }
        Instance instance = instances.get(keyFor(image.processId()));
        if (instance.byBase.putIfAbsent(module.base(), module) != null) {
            return;
        }
        instance.modules.add(module);
        ProcessInfo info = instance.info;
        if (info.imagePath() == null && dosPath.toLowerCase().endsWith(".exe")
                && Paths.fileName(dosPath).equalsIgnoreCase(info.name())) {
            instance.info = new ProcessInfo(info.pid(), info.parentPid(), info.name(), dosPath, info.commandLine(),
                    null, null, null, null, null, info.session(), null, null, null, info.startTime(), info.endTime(),
                    List.of());
        }
    }

    /**
     * The module of process {@code key} (loaded so far) holding {@code address}: the one with the nearest
     * base at or below it, as {@link KernelModules} finds kernel ones; null when that one ends before it.
     */
    Module moduleAt(int key, long address) {
        Map.Entry<Long, Module> below = instances.get(key).byBase.floorEntry(address);
        return below != null && below.getValue().contains(address) ? below.getValue() : null;
    }

    /** Writes every instance with its modules into the builder. */
    public void finish() {
        for (int key = 0; key < instances.size(); key++) {
            Instance instance = instances.get(key);
            List<Module> modules = new ArrayList<>(instance.modules);
            if (instance.info.pid() == SYSTEM_PID) {
                modules.addAll(kernelModules);
            }
            ProcessInfo i = instance.info;
            builder.updateProcess(key, new ProcessInfo(i.pid(), i.parentPid(), i.name(), i.imagePath(), i.commandLine(),
                    null, null, null, null, null, i.session(), null, null, null, i.startTime(), i.endTime(), modules));
        }
    }
}
