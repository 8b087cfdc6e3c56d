package io.lockscope.ingest.procmon;

import io.lockscope.model.Module;
import io.lockscope.model.Paths;
import io.lockscope.model.ProcessInfo;
import io.lockscope.model.Trace;

import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Which procmon captured a log, as far as the log shows it: procmon's own process with its file
 * version when the process table lists it, else a Procmon.exe file some process mapped (Explorer does,
 * for its icon: version "3.4" in the corpus's Windows 7 captures), and its kernel driver (PROCMON23.SYS,
 * PROCMON24.SYS, with its version) among the System process's modules. Tells an
 * engineer which {@code convert --procmon-version} reproduces the customer's own export, when the
 * customer exported with the procmon that captured.
 */
public final class CapturingProcmon {
    private static final Pattern DRIVER = Pattern.compile("procmon\\d+\\.sys");
    private static final Pattern EXE = Pattern.compile("procmon(64|64a)?\\.exe");

    private CapturingProcmon() {
    }

    /** "Procmon.exe 3.4; driver PROCMON23.SYS", or null when the log shows neither. */
    public static String describe(Trace trace) {
        String exe = null;
        String exeModule = null;
        String driver = null;
        for (ProcessInfo p : trace.processes().all()) {
            String name = p.name() == null ? "" : p.name().toLowerCase(Locale.ROOT);
            if (exe == null && EXE.matcher(name).matches()) {
                exe = withVersion(p.name(), p.version());
            }
            for (Module m : p.modules()) {
                String file = m.path() == null ? "" : Paths.fileName(m.path());
                String lower = file.toLowerCase(Locale.ROOT);
                if (driver == null && DRIVER.matcher(lower).matches()) {
                    driver = "driver " + withVersion(file, m.version());
                } else if (exeModule == null && EXE.matcher(lower).matches()) {
                    exeModule = withVersion(file, m.version());
                }
            }
        }
        if (exe == null) {
            exe = exeModule;
        }
        StringJoiner out = new StringJoiner("; ");
        if (exe != null) {
            out.add(exe);
        }
        if (driver != null) {
            out.add(driver);
        }
        return out.length() == 0 ? null : out.toString();
    }

    private static String withVersion(String name, String version) {
        return version == null || version.isBlank() ? name : name + " " + version;
    }
}
