package io.lockscope.generate;

import java.time.ZoneOffset;
import java.util.List;

/**
 * What a generated case contains, for tests of the generator and for the writers of the servicing logs
 * (CBS.log, setupapi.dev.log, fltmc) that must tell the same story as the traces. Times are FILETIME
 * ticks (UTC); the traces show them in {@link #zone()}.
 *
 * @param infName          the INF being serviced ("oposdrv.inf")
 * @param newPackage       the driver-store name of the package being installed ("oposdrv.inf_amd64_…")
 * @param oldPackage       the package it replaces, whose files TiWorker deletes
 * @param winSxsFolder     the component folder the new package's files are hard-linked from
 * @param targetPaths      the files and registry keys of the update (the analysis targets)
 * @param failure          the failing operation, null when the update succeeds
 * @param heldPath         the path the holders hold: the failing path, or the target of a failed rename or link
 * @param holders          processes that blocked the failure (a handle, a mapping), in the order a diagnosis names them
 *                         (empty if none); a mapping's closedAt is -1
 * @param decoys           processes that touched the file incompatibly but had closed it (or exited) before
 * @param culprit          the process a correct diagnosis names, null when none
 * @param mechanism        how the culprits blocked (report-json.md verdict.culprits[].mechanism), null when none
 * @param filterDriver     the third-party minifilter involved ("tmevtmgr.sys"), null when none
 * @param filterAltitude   its altitude, null when not allocated by Microsoft
 * @param vendor           the agent's vendor as the knowledge base knows it, null for an unknown agent
 */
public record ScenarioFacts(Scenario scenario, String infName, String newPackage, String oldPackage,
                            String winSxsFolder, String kb, String componentVersion, List<String> targetPaths,
                            Failure failure, String heldPath, List<Access> holders, List<Access> decoys, Access culprit,
                            String mechanism, String filterDriver, String filterAltitude, String vendor, long captureStart,
                            long captureEnd, ZoneOffset zone) {

    public ScenarioFacts {
        targetPaths = List.copyOf(targetPaths);
        holders = List.copyOf(holders);
        decoys = List.copyOf(decoys);
    }

    /** The verdict kind a correct diagnosis reaches. */
    public String expectedVerdict() {
        return scenario.expectedVerdict();
    }

    /**
     * The servicing operation that failed.
     *
     * @param operation procmon's Operation ("CreateFile", "RegSetValue")
     * @param result    NTSTATUS
     */
    public record Failure(long time, String process, int pid, int tid, String operation, String path, int result) {
    }

    /**
     * One process's open of the failing file.
     *
     * @param openedAt      time of its successful CreateFile
     * @param closedAt      time of its CloseFile or of its exit, -1 when still open at capture end
     * @param desiredAccess ACCESS_MASK it asked for
     * @param shareMode     FILE_SHARE_* bits it granted to others
     */
    public record Access(String process, int pid, String imagePath, String company, long openedAt, long closedAt,
                         int desiredAccess, int shareMode) {
    }
}
