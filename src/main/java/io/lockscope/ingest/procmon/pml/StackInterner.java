package io.lockscope.ingest.procmon.pml;

import io.lockscope.model.Module;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.StackTable;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an event's raw return addresses into a {@link StackTable} id without allocating for stacks
 * already seen (boot logs repeat a few thousand stacks millions of times).
 *
 * <p>Frames above the header's maximum application address are kernel frames and resolve against the
 * System process's modules; the others against the event's own process (procmon-formats.md §0.4;
 * eronnen/procmon-parser symbol_resolver.py). Stacks are cached per process (user frames mean
 * different modules in different processes); the {@link StackTable} still stores each distinct
 * frame list once.
 */
final class StackInterner {
    private final StackTable table;
    private final long maxApplicationAddress;
    private final List<ModuleIndex> byProcess = new ArrayList<>();
    /** Processes with the same module list share one index and so one frame cache. */
    private final Map<List<Module>, ModuleIndex> byModuleList = new HashMap<>();
    private ModuleIndex kernel = new ModuleIndex(List.of());
    private final ModuleIndex none = new ModuleIndex(List.of());

    // open-addressing cache: slot -> cached stack number + 1
    private int[] slots = new int[1 << 12];
    private long[] cachedHash = new long[256];
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
        byProcess.set(key, byModuleList.computeIfAbsent(process.modules(), ModuleIndex::new));
    }

    void kernelModulesFrom(ProcessInfo system) {
        kernel = new ModuleIndex(system.modules());
    }

    boolean isKernel(long address) {
        return Long.compareUnsigned(address, maxApplicationAddress) > 0;
    }

    /**
     * The stack id of the {@code depth} return addresses (innermost first) at {@code at} in
     * {@code in}, seen in process {@code key}. A stack seen before in the same process is found by
     * hashing and comparing the bytes in place; only a new one is read and resolved.
     */
    int intern(int key, MappedFile in, long at, int depth, boolean wide) {
        if (depth == 0) {
            return StackTable.NONE;
        }
        int bytes = depth * (wide ? 8 : 4);
        long raw = in.hash(at, bytes);
        int h = hash(key, raw);
        int mask = slots.length - 1;
        for (int s = h & mask; ; s = (s + 1) & mask) {
            int slot = slots[s];
            if (slot == 0) {
                long[] addresses = new long[depth];
                for (int i = 0; i < depth; i++) {
                    addresses[i] = in.pointer(at + (long) i * (wide ? 8 : 4), wide);
                }
                int id = resolve(key, addresses);
                remember(s, key, raw, addresses, id);
                return id;
            }
            int c = slot - 1;
            if (cachedOwner[c] == key && cachedHash[c] == raw && cachedAddresses[c].length == depth
                    && in.pointersEqual(at, cachedAddresses[c], wide)) {
                return cachedId[c];
            }
        }
    }

    private static int hash(int owner, long rawHash) {
        long h = rawHash ^ (owner * 0xC2B2AE3D27D4EB4FL);
        return mix((int) (h ^ (h >>> 32)));
    }

    /** MurmurHash3's 32-bit finaliser: spreads every input bit over the slot index bits. */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    private int resolve(int key, long[] addresses) {
        int depth = addresses.length;
        int[] frames = new int[depth];
        ModuleIndex user = key < byProcess.size() ? byProcess.get(key) : none;
        for (int i = 0; i < depth; i++) {
            long a = addresses[i];
            boolean k = isKernel(a);
            frames[i] = (k ? kernel : user).frameId(a, k, table);
        }
        return table.stackId(frames);
    }

    private void remember(int slotIndex, int owner, long rawHash, long[] addresses, int id) {
        if (cached == cachedAddresses.length) {
            int n = cached * 2;
            cachedHash = Arrays.copyOf(cachedHash, n);
            cachedAddresses = Arrays.copyOf(cachedAddresses, n);
            cachedOwner = Arrays.copyOf(cachedOwner, n);
            cachedId = Arrays.copyOf(cachedId, n);
        }
        cachedHash[cached] = rawHash;
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
            int s = hash(cachedOwner[c], cachedHash[c]) & mask;
            while (bigger[s] != 0) {
                s = (s + 1) & mask;
            }
            bigger[s] = c + 1;
        }
        slots = bigger;
    }

    /**
     * Modules of one process sorted by base, for binary search by address, and the frame ids of the
     * addresses already resolved against them.
     */
    static final class ModuleIndex {
        private final Module[] modules;
        private final long[] bases;
        private final LongIntHashMap frames = new LongIntHashMap();

        ModuleIndex(List<Module> list) {
            modules = list.toArray(new Module[0]);
            Arrays.sort(modules, Comparator.comparing(Module::base, Long::compareUnsigned));
            bases = new long[modules.length];
            for (int i = 0; i < modules.length; i++) {
                bases[i] = modules[i].base();
            }
        }

        int frameId(long address, boolean kernel, StackTable table) {
            int id = frames.getIfAbsent(address, -1);
            if (id < 0) {
                Module m = find(address);
                StackTable.Frame f = m == null ? new StackTable.Frame(null, address, -1, null, kernel)
                        : new StackTable.Frame(m.path(), address, address - m.base(), null, kernel);
                id = table.frameId(f);
                frames.put(address, id);
            }
            return id;
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
