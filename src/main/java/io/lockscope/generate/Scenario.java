package io.lockscope.generate;

/**
 * The synthetic cases lockscope can generate: each is one reboot-phase driver update (the oposdrv.inf
 * package of KB5016623 on Windows Server 2019, build 17763) with one way of going wrong, or none.
 * The verdict kinds are those of the JSON report (spec/report-json.md).
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
            "lock-holder", "miradisp.inf");

    private final String id;
    private final String description;
    private final String expectedVerdict;
    private final String failingInf;

    Scenario(String id, String description, String expectedVerdict, String failingInf) {
        this.id = id;
        this.description = description;
        this.expectedVerdict = expectedVerdict;
        this.failingInf = failingInf;
    }

    /** The CLI name ("lock-holder"). */
    public String id() {
        return id;
    }

    /** One line for {@code lockscope generate --help}. */
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
