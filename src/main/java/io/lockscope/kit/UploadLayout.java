package io.lockscope.kit;

/**
 * The names of the files that {@code collect.cmd finish} puts at the root of its zip: the one contract
 * between the script and {@link KitInventory}, which tells what an upload holds of them.
 */
public final class UploadLayout {
    /** The WPR boot trace ({@code wpr -boottrace -stopboot}). */
    public static final String TRACE = "boot.etl";
    /** The converted procmon boot log; procmon splits a large one into boot-1.pml, boot-2.pml… */
    public static final String PROCMON_LOG = "procmon-boot.pml";
    /** The copy of {@code %SystemRoot%\Logs\CBS} (CBS.log, FilterList.log, CbsPersist_* rotations). */
    public static final String CBS_FOLDER = "CBS";
    public static final String SETUPAPI_DEV = "setupapi.dev.log";
    public static final String SETUPAPI_OFFLINE = "setupapi.offline.log";
    public static final String FILTERS = "fltmc-filters.txt";
    public static final String INSTANCES = "fltmc-instances.txt";
    /** {@code sc qc} of every loaded filter, one block after another. */
    public static final String SERVICES = "sc-qc-filters.txt";
    public static final String DRIVERS = "dism-drivers.txt";
    public static final String PACKAGES = "dism-packages.txt";
    public static final String UPDATE_HISTORY = "update-history.txt";
    public static final String COLLECT_LOG = "collect.log";
    /** key=value lines: kit version, target, computer, build, time of collection. */
    public static final String MANIFEST = "kit.txt";

    private UploadLayout() {
    }
}
