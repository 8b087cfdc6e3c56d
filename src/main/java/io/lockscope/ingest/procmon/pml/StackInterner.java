package io.lockscope.ingest.procmon.pml;

import io.lockscope.model.Module;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StackTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Turns an event's raw return addresses into a {@link StackTable} id without allocating for stacks
 * already seen (boot logs repeat a few thousand stacks millions of times).
 *
 * <p>Frames above the header's maximum application address are kernel frames and resolve against the
 * System process's modules; the others against the event's own process (procmon-formats.md §0.4;
 * eronnen/procmon-parser symbol_resolver.py). A stack made only of kernel frames is the same stack in
 * every process, so it is cached once; a stack with user frames is cached per process.
 */
final class StackInterner {
    private final StackTable table;
    private final long maxApplicationAddress;
    private final List<ModuleIndex> byProcess = new ArrayList<>();
    private ModuleIndex kernel = ModuleIndex.EMPTY;

    // open-addressing cache: slot -> cached stack number + 1
    private int[] slots = new int[1 << 12];
    private long[][] cachedAddresses = new long[256][];
    private int[] cachedOwner = new int[256];
    private int[] cachedId = new int[256];
    private int cached;

    StackInterner(StackTable table, long maxApplicationAddress) {
        this.table = table;
        this.maxApplicationAddress = maxApplicationAddress;
    }

    /** Registers the process with builder key {@code key} (keys must come in order 0, 1, 2 …). */
    void addProcess(int key, ProcessInfo process) {
        while (byProcess.size() <= key) {
            byProcess.add(null);
        }
        byProcess.set(key, new ModuleIndex(process.modules()));
    }

    void kernelModulesFrom(ProcessInfo system) {
        kernel = new ModuleIndex(system.modules());
    }

    boolean isKernel(long address) {
        return Long.compareUnsigned(address, maxApplicationAddress) > 0;
    }

    /** The stack id of {@code depth} addresses (innermost first) seen in process {@code key}. */
    int intern(int key, long[] addresses, int depth) {
        if (depth == 0) {
            return StackTable.NONE;
        }
        int owner = -1;
        for (int i = 0; i < depth; i++) {
            if (!isKernel(addresses[i])) {
                owner = key;
                break;
            }
        }
        int h = owner * 0x9E3779B9;
        for (int i = 0; i < depth; i++) {
            long a = addresses[i];
            h = 31 * h + (int) (a ^ (a >>> 32));
        }
        h ^= h >>> 16;
        int mask = slots.length - 1;
        for (int s = h & mask; ; s = (s + 1) & mask) {
            int slot = slots[s];
            if (slot == 0) {
                int id = resolve(key, addresses, depth);
                remember(s, owner, Arrays.copyOf(addresses, depth), id);
                return id;
            }
            int c = slot - 1;
            if (cachedOwner[c] == owner && Arrays.equals(cachedAddresses[c], 0, cachedAddresses[c].length,
                    addresses, 0, depth)) {
                return cachedId[c];
            }
        }
    }

    private int resolve(int key, long[] addresses, int depth) {
        int[] frames = new int[depth];
        ModuleIndex user = key < byProcess.size() ? byProcess.get(key) : ModuleIndex.EMPTY;
        for (int i = 0; i < depth; i++) {
            long a = addresses[i];
            boolean k = isKernel(a);
            Module m = (k ? kernel : user).find(a);
            StackTable.Frame f = m == null ? new StackTable.Frame(null, a, -1, null, k)
                    : new StackTable.Frame(m.path(), a, a - m.base(), null, k);
            frames[i] = table.frameId(f);
        }
        return table.stackId(frames);
    }

    private void remember(int slotIndex, int owner, long[] addresses, int id) {
        if (cached == cachedAddresses.length) {
            int n = cached * 2;
            cachedAddresses = Arrays.copyOf(cachedAddresses, n);
            cachedOwner = Arrays.copyOf(cachedOwner, n);
            cachedId = Arrays.copyOf(cachedId, n);
        }
        cachedAddresses[cached] = addresses;
        cachedOwner[cached] = owner;
        cachedId[cached] = id;
        slots[slotIndex] = ++cached;
        if (cached * 2 > slots.length) {
            rehash();
        }
    }

    private void rehash() {
        int[] bigger = new int[slots.length * 2];
        int mask = bigger.length - 1;
        for (int c = 0; c < cached; c++) {
            long[] a = cachedAddresses[c];
            int h = cachedOwner[c] * 0x9E3779B9;
            for (long v : a) {
                h = 31 * h + (int) (v ^ (v >>> 32));
            }
            h ^= h >>> 16;
            int s = h & mask;
            while (bigger[s] != 0) {
                s = (s + 1) & mask;
            }
            bigger[s] = c + 1;
        }
        slots = bigger;
    }

    /** Modules of one process sorted by base, for binary search by address. */
    static final class ModuleIndex {
        static final ModuleIndex EMPTY = new ModuleIndex(List.of());

        private final Module[] modules;
        private final long[] bases;

        ModuleIndex(List<Module> list) {
            modules = list.toArray(new Module[0]);
            Arrays.sort(modules, Comparator.comparing(Module::base, Long::compareUnsigned));
            bases = new long[modules.length];
            for (int i = 0; i < modules.length; i++) {
                bases[i] = modules[i].base();
            }
        }

        Module find(long address) {
            int lo = 0;
            int hi = bases.length - 1;
            int best = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (Long.compareUnsigned(bases[mid], address) <= 0) {
                    best = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return best >= 0 && modules[best].contains(address) ? modules[best] : null;
        }
    }
}
