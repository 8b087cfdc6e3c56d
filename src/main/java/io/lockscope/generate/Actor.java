package io.lockscope.generate;

import io.lockscope.model.Module;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StackTable.Frame;

import java.util.List;

/**
 * One process instance of the generated machine: its key in the process list, its threads and the
 * stacks its events carry. Stacks are built once per actor and shared by all its events.
 */
final class Actor {
    final int key;
    final ProcessInfo info;
    final int[] tids;
    /** File I/O as procmon sees it from above the filters. */
    final List<Frame> fileStack;
    /** File I/O the actor's own minifilter takes part in (an agent's scans), or a denial by that filter. */
    final List<Frame> filteredFileStack;
    final List<Frame> registryStack;
    /** Registry calls the actor's filter driver's registry callback takes part in (a denial by it). */
    final List<Frame> filteredRegistryStack;
    final List<Frame> processStack;

    Actor(int key, ProcessInfo info, int[] tids, Module filterOrNull) {
        this.key = key;
        this.info = info;
        this.tids = tids.clone();
        boolean system = info.pid() == 4;
        List<Module> user = system ? List.of() : info.modules();
        this.fileStack = Images.withUserFrames(Images.fileSystemKernelFrames(null), user);
        this.filteredFileStack = filterOrNull == null ? fileStack
                : Images.withUserFrames(Images.fileSystemKernelFrames(filterOrNull), user);
        this.registryStack = Images.withUserFrames(Images.registryKernelFrames(null), user);
        this.filteredRegistryStack = filterOrNull == null ? registryStack
                : Images.withUserFrames(Images.registryKernelFrames(filterOrNull), user);
        this.processStack = Images.withUserFrames(Images.processKernelFrames(), user);
    }

    String name() {
        return info.name();
    }

    int pid() {
        return info.pid();
    }

    boolean aliveAt(long time) {
        return (info.startTime() == ProcessInfo.UNKNOWN_TIME || info.startTime() <= time)
                && (info.endTime() == ProcessInfo.UNKNOWN_TIME || time < info.endTime());
    }
}
