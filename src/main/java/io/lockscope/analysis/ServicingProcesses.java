package io.lockscope.analysis;

import java.util.Locale;
import java.util.Set;

/**
 * The processes that carry out a reboot-phase update (servicing.md §1.1, §1.4): the CBS worker and
 * installer, the pending-operations queue executor, the driver installer, the session manager that
 * runs SetupExecute, and System (hive writes, lazy writer).
 */
public final class ServicingProcesses {
    private static final Set<String> NAMES = Set.of("trustedinstaller.exe", "tiworker.exe", "poqexec.exe",
            "drvinst.exe", "smss.exe", "system", "dismhost.exe");

    private ServicingProcesses() {
    }

    public static boolean isServicing(String processName) {
        return processName != null && NAMES.contains(processName.toLowerCase(Locale.ROOT));
    }
}
