package io.lockscope.model.servicing;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One {@code >>>  [title - instance]} … {@code <<<  [Exit status: …]} section of setupapi.dev.log
 * (windows-driver-docs {@code format-of-a-text-log-section-header.md} / {@code -footer.md}).
 *
 * @param instance      the part after {@code " - "} in the header, null when absent
 * @param start         local time of {@code Section start}, null when missing
 * @param end           local time of {@code Section end}, null when the section was cut off
 * @param exitStatus    the footer text ({@code SUCCESS (REBOOT_REQUIRED)}, {@code FAILURE(0x00000003)}), null
 *                      when missing
 * @param exitCode      the code in the footer ({@code FAILURE(0x00000003)} → 3; {@code SUCCESS} → 0), null when
 *                      missing
 * @param command       the {@code cmd:} line (TiWorker for CBS driver updates), null when absent
 * @param driverUpdates for driver-update sections, the packages in processing order; else empty
 */
public record SetupapiSection(String title, String instance, LocalDateTime start, LocalDateTime end,
                              String exitStatus, Integer exitCode, String command, long line,
                              List<SetupapiProblem> problems, List<DriverUpdate> driverUpdates) {
    public SetupapiSection {
        problems = List.copyOf(problems);
        driverUpdates = List.copyOf(driverUpdates);
    }

    public boolean isDriverUpdates() {
        return isDriverUpdatesTitle(title);
    }

    /** {@code Stage Driver Updates} or {@code Install Driver Updates}: CBS's driver packages (servicing.md §1.1). */
    public static boolean isDriverUpdatesTitle(String title) {
        return title.equals("Stage Driver Updates") || title.equals("Install Driver Updates");
    }

    public boolean failed() {
        return exitCode != null && exitCode != 0;
    }

    /** The first {@code !!!} line, or null. */
    public SetupapiProblem firstError() {
        for (SetupapiProblem p : problems) {
            if (p.error()) {
                return p;
            }
        }
        return null;
    }
}
