package io.lockscope.export;

import io.lockscope.model.ProcessInfo;

import java.time.Instant;
import java.util.List;

/** Processes and times of the real procmon rows quoted in procmon-formats.md §2.5. */
public final class ExportFixtures {
    /** Explorer.EXE of eronnen/procmon-parser's CompressedLogfileTests64bitUTC sample. */
    public static final ProcessInfo EXPLORER = new ProcessInfo(3596, 2360, "Explorer.EXE", "C:\\Windows\\Explorer.EXE",
            "C:\\Windows\\Explorer.EXE", "Microsoft Corporation", "Windows Explorer",
            "10.0.16299.15 (WinBuild.160101.0800)", "DESKTOP-6PCIALL\\test", "00000000:0012f69e", 1, "Medium",
            true, false, ProcessInfo.UNKNOWN_TIME, ProcessInfo.UNKNOWN_TIME, List.of());

    private ExportFixtures() {
    }

    /** FILETIME ticks of an ISO-8601 instant with up to 7 fractional digits. */
    public static long filetime(String iso) {
        Instant t = Instant.parse(iso);
        return ProcmonCells.FILETIME_UNIX_EPOCH + t.getEpochSecond() * ProcmonCells.TICKS_PER_SECOND
                + t.getNano() / 100;
    }
}
