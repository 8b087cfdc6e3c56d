package io.lockscope.ingest.etw;

import io.lockscope.model.Module;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Kernel-space images (Image events with ProcessId 0: ntoskrnl, drivers, minifilters) sorted by base,
 * to name the driver holding an address such as a minifilter callback (etw-formats.md §2.1: WPA's
 * "Mini-Filter Driver" is RoutineAddr mapped to a loaded kernel image).
 */
public final class KernelModules {
    private final List<Module> modules = new ArrayList<>();
    private boolean sorted = true;

    public void add(Module m) {
        modules.add(m);
        sorted = false;
    }

    /** The module whose range holds {@code address}, or null. */
    public Module at(long address) {
        if (!sorted) {
            modules.sort(Comparator.comparing(Module::base, Long::compareUnsigned));
            sorted = true;
        }
        int lo = 0;
        int hi = modules.size() - 1;
        Module found = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Module m = modules.get(mid);
            if (Long.compareUnsigned(m.base(), address) <= 0) {
                found = m;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found != null && found.contains(address) ? found : null;
    }
}
