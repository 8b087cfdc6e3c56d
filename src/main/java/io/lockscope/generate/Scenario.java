package io.lockscope.generate;

import io.lockscope.model.servicing.ServicingPhase;

/**
 * The synthetic cases lockscope can generate: each is one reboot-phase driver update (the oposdrv.inf
 * package of KB5016623 on Windows Server 2019, build 17763) with one way of going wrong, or none.
 * The verdict kinds are those of the JSON report (docs/report-json.md).
 */
public enum Scenario {
    LOCK_HOLDER("lock-holder",
            "ntrtscan.exe (Trend Micro Apex One) holds oposdrv.dll open for Read without FILE_SHARE_DELETE when "
                    + "TiWorker opens it for Delete: SHARING VIOLATION",
            "lock-holder", "oposdrv.inf"),
    DECOY("decoy",
            "MsMpEng.exe opens and closes oposdrv.dll shortly before the failure; ntrtscan.exe is the real holder",
            "lock-holder", "oposdrv.inf"),
    COMPATIBLE_AGENT("compatible-agent",
            "ntrtscan.exe has oposdrv.dll open sharing Read, Write and Delete (not to blame); WmiPrvSE.exe holds it "
                    + "without Delete sharing",
            "lock-holder", "oposdrv.inf"),
    TWO_HOLDERS("two-holders",
            "ntrtscan.exe and WmiPrvSE.exe both hold oposdrv.dll without Delete sharing at the failure",
            "lock-holder", "oposdrv.inf"),
    PID_REUSE("pid-reuse",
            "the holder ntrtscan.exe got PID 1880 after CompatTelRunner.exe, which had the file open, exited with it",
            "lock-holder", "oposdrv.inf"),
    FILTER_DENIAL("filter-denial",
            "TiWorker's open of oposdrv.dll fails with ACCESS DENIED and nobody holds or maps it; just before, "
                    + "tmevtmgr.sys opened and read the file from TiWorker's thread (its pre-create scan)",
            "filter-interference", "oposdrv.inf"),
    DELETE_PENDING("delete-pending",
            "TiWorker deleted oposdrv.dll and closed its handle while ntrtscan.exe still had it open sharing Read and "
                    + "Delete: the classic delete stays pending, and TiWorker's next open fails with DELETE PENDING",
            "lock-holder", "oposdrv.inf"),
    REQUEST_SHARE("request-share",
            "ntrtscan.exe has oposdrv.dll open for Read sharing everything; TiWorker opens it for Delete sharing only "
                    + "Delete, which the scanner's Read access conflicts with: SHARING VIOLATION (the other direction)",
            "lock-holder", "oposdrv.inf"),
    RENAME_TARGET("rename-target",
            "ntrtscan.exe has the new package's oposdrv.dll open sharing everything when TiWorker links the WinSxS "
                    + "file over it with ReplaceIfExists: ACCESS DENIED on SetLinkInformationFile",
            "lock-holder", "oposdrv.inf"),
    HARD_LINK("hard-link",
            "ntrtscan.exe scans the new component's oposdrv.dll by its WinSxS name without sharing Delete; TiWorker "
                    + "re-stages the same file, hard-linked into the DriverStore earlier in the trace, and its Delete "
                    + "open of the DriverStore name fails: SHARING VIOLATION",
            "lock-holder", "oposdrv.inf"),
    HARD_LINK_FILE_ID("hard-link-file-id",
            "like hard-link, but the DriverStore name was linked before this boot (an earlier attempt), so no "
                    + "SetLinkInformationFile is in the trace; the scanner queries the file's ID under both names "
                    + "(QueryFileInternalInformationFile), and the one IndexNumber shows they are one file",
            "lock-holder", "oposdrv.inf"),
    IMAGE_SECTION("image-section",
            "OposSvc.exe (a POS service, not in the knowledge base) loaded oposdrv.dll as an image; TiWorker's "
                    + "delete fails with CANNOT DELETE though no handle is open",
            "lock-holder", "oposdrv.inf"),
    DATA_SECTION("data-section",
            "ntrtscan.exe mapped oposdrv.dll (CreateFileMapping) and closed its handle; the view remains and "
                    + "TiWorker's delete fails with CANNOT DELETE",
            "lock-holder", "oposdrv.inf"),
    OPLOCK_DELAY("oplock-delay",
            "ntrtscan.exe holds a filter oplock on oposdrv.dll; TiWorker's open completes with OPLOCK BREAK IN "
                    + "PROGRESS, the scanner lets go and the update succeeds: a delay, not a failure",
            "no-failure", "oposdrv.inf"),
    REGISTRY_CORRUPT("registry-corrupt",
            "activating the new package under HKLM\\DRIVERS\\DriverDatabase fails with REGISTRY CORRUPT",
            "registry-failure", "oposdrv.inf"),
    CLEAN("clean", "the driver update succeeds; the agent scans the files and closes them in time",
            "no-failure", "oposdrv.inf"),
    UNKNOWN_AGENT("unknown-agent",
            "agsvc.exe of AcmeGuard (Acme Security Ltd., not in the knowledge base) holds oposdrv.dll: SHARING "
                    + "VIOLATION",
            "lock-holder", "oposdrv.inf"),
    MIRADISP("miradisp",
            "like lock-holder, on the miradisp.inf package (the other inbox package first changed by the update)",
            "lock-holder", "miradisp.inf"),
    DRIVERS_HIVE_LOCK("drivers-hive-lock",
            "TiWorker unloads HKLM\\DRIVERS and loads it again (RegLoadKey) while ntrtscan.exe has the hive file "
                    + "config\\DRIVERS open for Read without sharing Write: the load's open fails with SHARING VIOLATION "
                    + "and CBS logs 0x800703f1 ERROR_BADDB",
            "lock-holder", "oposdrv.inf"),
    REGISTRY_CALLBACK_DENIAL("registry-callback-denial",
            "the agent's registry callback (tmevtmgr.sys) denies TiWorker's write of the active package under "
                    + "HKLM\\DRIVERS\\DriverDatabase: ACCESS DENIED with the driver in the stack; CBS logs 0x80070005",
            "filter-interference", "oposdrv.inf"),
    CBS_ONLY("cbs-only",
            "only the servicing logs were collected: CBS.log records the startup driver queue failing on oposdrv.inf "
                    + "with 0x80070020 (ntrtscan.exe held the file) and rolling back; no trace",
            "servicing-failure", "oposdrv.inf", ServicingPhase.STARTUP, false),
    SHUTDOWN_FAILURE("shutdown-failure",
            "the driver queue fails in shutdown processing (Shtd:) before the reboot with 0x80070020; the boot log is "
                    + "of the next boot, which shows the rollback and cannot contain the failure",
            "servicing-failure", "oposdrv.inf", ServicingPhase.SHUTDOWN, true);

    private final String id;
    private final String description;
    private final String expectedVerdict;
    private final String failingInf;
    private final ServicingPhase phase;
    private final boolean traced;

    Scenario(String id, String description, String expectedVerdict, String failingInf) {
        this(id, description, expectedVerdict, failingInf, ServicingPhase.STARTUP, true);
    }

    /**
     * @param phase  when CBS runs the driver queue: startup processing after the reboot (the boot the
     *               trace captures) or shutdown processing before it
     * @param traced whether the case holds a trace; without one only the servicing logs are written
     */
    Scenario(String id, String description, String expectedVerdict, String failingInf, ServicingPhase phase,
             boolean traced) {
        this.id = id;
        this.description = description;
        this.expectedVerdict = expectedVerdict;
        this.failingInf = failingInf;
        this.phase = phase;
        this.traced = traced;
    }

    /** The CLI name ("lock-holder"). */
    public String id() {
        return id;
    }

    /** What the case shows, for {@code lockscope generate --help}. */
    public String description() {
        return description;
    }

    /** The verdict kind a correct diagnosis reaches (report-json.md {@code verdict.kind}). */
    public String expectedVerdict() {
        return expectedVerdict;
    }

    /** The INF whose driver package the case services. */
    public String failingInf() {
        return failingInf;
    }

    /** When CBS runs the driver queue that fails (or succeeds). */
    public ServicingPhase phase() {
        return phase;
    }

    /** Whether the case holds a trace; a case without one is its servicing logs alone. */
    public boolean traced() {
        return traced;
    }

    /**
     * The scenario named {@code id}.
     *
     * @throws IllegalArgumentException listing the known ids
     */
    public static Scenario byId(String id) {
        StringBuilder known = new StringBuilder();
        for (Scenario s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
            known.append(known.length() == 0 ? "" : ", ").append(s.id);
        }
        throw new IllegalArgumentException("unknown scenario '" + id + "' (known: " + known + ")");
    }
}
