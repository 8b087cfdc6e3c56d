package io.lockscope.analysis;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises the objects a driver-package update touches (servicing.md §1.4) and names the INF
 * they belong to: the DriverStore instance folder {@code FileRepository\<inf>_<arch>_<16 hex>\},
 * the WinSxS component {@code <arch>_dual_<inf>_31bf3856ad364e35_…}, the published
 * {@code \Windows\INF\<inf>} and its {@code .PNF}, the DriverDatabase keys of the DRIVERS hive (or
 * SYSTEM on older builds), and what every package shares: the DRIVERS hive's files
 * ({@code config\DRIVERS}, its {@code .LOG1}/{@code .LOG2}), the registry's transaction logs
 * ({@code config\TxR}, which the servicing transaction writes) and the hive's mount point
 * {@code HKLM\DRIVERS} (RegLoadKey/RegUnLoadKey). lock-semantics.md §2.3: ERROR_BADDB comes from these.
 */
public final class DriverPackagePaths {
    /** What kind of driver-servicing object a path is. */
    public enum Kind {
        DRIVER_STORE, WINSXS, PUBLISHED_INF, DRIVER_DATABASE_KEY, DRIVERS_HIVE_FILE, DRIVERS_HIVE_KEY, TRANSACTION_LOG
    }

    /** @param inf the INF name in lower case, null for the hive's files and key (which belong to every package) */
    public record Match(Kind kind, String inf) {
    }

    private static final Pattern DRIVER_STORE = Pattern.compile(
            "\\\\DRIVERSTORE\\\\FILEREPOSITORY\\\\([^\\\\]+?\\.INF)_[A-Z0-9]+_[0-9A-F]{16}(?:\\\\|$)");
    private static final Pattern WINSXS = Pattern.compile(
            "\\\\WINSXS\\\\[A-Z0-9]+_DUAL_([^\\\\]+?\\.INF)_31BF3856AD364E35_[^\\\\]*(?:\\\\|$)");
    private static final Pattern PUBLISHED_INF = Pattern.compile(
            "\\\\WINDOWS\\\\INF\\\\([^\\\\]+)\\.(INF|PNF)$");
    private static final Pattern DRIVER_DATABASE = Pattern.compile(
            "^HKLM\\\\(?:DRIVERS|SYSTEM)\\\\DRIVERDATABASE(?:\\\\(?:DRIVERPACKAGES\\\\([^\\\\]+?\\.INF)_[A-Z0-9]+_[0-9A-F]{16}"
                    + "|DRIVERINFFILES\\\\([^\\\\]+?\\.INF))(?:\\\\|$)|\\\\|$)");
    private static final Pattern HIVE_FILE = Pattern.compile("\\\\SYSTEM32\\\\CONFIG\\\\DRIVERS(?:\\.LOG\\d?)?$");
    private static final Pattern TRANSACTION_LOG = Pattern.compile("\\\\SYSTEM32\\\\CONFIG\\\\TXR(?:\\\\|$)");
    private static final String HIVE_KEY = "HKLM\\DRIVERS";

    private DriverPackagePaths() {
    }

    /**
     * The driver-servicing object {@code path} is, or null. Each regular expression runs only on a
     * path holding its literal part: a case has tens of thousands of distinct paths (most of them
     * WinSxS manifests and other files under folders these patterns name), and a search for a literal
     * costs far less than a regular expression that fails.
     */
    public static Match classify(String path) {
        String p = path.toUpperCase(Locale.ROOT);
        Matcher m;
        if (p.contains("\\DRIVERSTORE\\FILEREPOSITORY\\") && (m = DRIVER_STORE.matcher(p)).find()) {
            return new Match(Kind.DRIVER_STORE, lower(m.group(1)));
        }
        if (p.contains("_DUAL_") && p.contains("\\WINSXS\\") && (m = WINSXS.matcher(p)).find()) {
            return new Match(Kind.WINSXS, lower(m.group(1)));
        }
        if (p.contains("\\WINDOWS\\INF\\") && (m = PUBLISHED_INF.matcher(p)).find()) {
            return new Match(Kind.PUBLISHED_INF, lower(m.group(1)) + ".inf");
        }
        if (p.startsWith("HKLM\\") && p.contains("\\DRIVERDATABASE") && (m = DRIVER_DATABASE.matcher(p)).find()) {
            String inf = m.group(1) != null ? m.group(1) : m.group(2);
            return new Match(Kind.DRIVER_DATABASE_KEY, inf == null ? null : lower(inf));
        }
        if (p.contains("\\SYSTEM32\\CONFIG\\")) {
            if (HIVE_FILE.matcher(p).find()) {
                return new Match(Kind.DRIVERS_HIVE_FILE, null);
            }
            if (TRANSACTION_LOG.matcher(p).find()) {
                return new Match(Kind.TRANSACTION_LOG, null);
            }
        }
        if (p.equals(HIVE_KEY)) {
            return new Match(Kind.DRIVERS_HIVE_KEY, null);
        }
        return null;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
