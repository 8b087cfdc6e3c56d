package io.lockscope.generate.servicing;

import io.lockscope.model.servicing.HResults;
import io.lockscope.model.servicing.ServicingPhase;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writes the CBS.log of a {@link ServicingScenario}: the online install of the LCU, then startup
 * processing after the reboot with the driver operations queue succeeding or failing and rolling back —
 * or, for a shutdown-time queue, failing in shutdown processing before the reboot ({@code Shtd:}, the
 * non-critical variant of superuser.com q. 1548790, lock-semantics.md §2.1) and undone at startup.
 * Line shapes are the real ones quoted in servicing.md §1.2 and §2.1 (fixed columns: timestamp, level
 * in 22 columns, component in 7; CSI lines embed a UTC stamp); the failure sequence is the documented
 * 0x8007000d pattern with the scenario's INF and code (servicing.md marks it "constructed").
 */
public final class CbsLogWriter {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String STACK = "C:\\Windows\\WinSxS\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_"
            + "10.0.17763.3232_none_7e7a7fd5e2d0c6ab";

    private final ServicingScenario scenario;
    private final Writer out;
    private LocalDateTime now;

    private CbsLogWriter(ServicingScenario scenario, Writer out) {
        this.scenario = scenario;
        this.out = out;
    }

    /** Writes the log to {@code file} (UTF-8 with a BOM, as CBS does). */
    public static void write(ServicingScenario scenario, Path file) throws IOException {
        try (BufferedWriter w = LogFiles.open(file, StandardCharsets.UTF_8, true)) {
            write(scenario, w);
        }
    }

    public static void write(ServicingScenario scenario, Writer out) throws IOException {
        new CbsLogWriter(scenario, out).write();
    }

    private void write() throws IOException {
        String pkg = scenario.packageIdentity();
        String kbDigits = scenario.kb().replaceFirst("(?i)^KB", "");
        String session = "30986208_3520937512";
        now = scenario.reboot().minusMinutes(42).withNano(0);
        trustedInstallerStarts();
        info("CBS", "Session: " + session + " initialized by client WindowsUpdateAgent, external staging directory: "
                + "(null), external registry directory: (null)");
        step(3);
        info("CBS", "Exec: Installing Package: " + pkg + ", Update: " + kbDigits + "-14567_neutral_PACKAGE, "
                + "InstallDeployment: amd64_microsoft-windows-s..cingstack-inetsrv_31bf3856ad364e35_10.0."
                + scenario.osBuild() + "_none_7d4a8f3c3b0e2a11");
        step(95);
        info("CBS", "Exec: Stage driver packages. Count: " + scenario.driverOrder().size());
        step(240);
        info("CBS", "Configured poqexec to pend to SetupExecute");
        info("CBS", "Setting ExecuteState key to: CbsExecuteStateStageDrivers");
        step(1);
        info("CBS", "Session: " + session + " finalized. Reboot required: yes [HRESULT = 0x00000000 - S_OK]");
        if (scenario.phase() == ServicingPhase.SHUTDOWN) {
            shutdownQueueFails();
            return;
        }
        step(600);
        info("CBS", "Shtd: Begin shutdown processing.");
        step(2);
        info("CBS", "Shtd: Shutdown processing complete.");

        now = scenario.reboot().plusSeconds(21).withNano(0);
        trustedInstallerStarts();
        info("CBS", "Startup: current ExecuteState is CbsExecuteStateStageDrivers");
        info("CBS", "Startup: Initializing driver operations queue.");
        info("CBS", "Startup: Initializing advanced operation queue.");
        info("CBS", "Startup: Waiting for SC autostart event");
        step(2);
        info("CBS", "Setting ExecuteState key to: CbsExecuteStatePrimitives");
        info("CBS", "Startup: Processing primitive operations queue.");
        info("CBS", "Running poqexec with: C:\\Windows\\System32\\poqexec.exe /noreboot /transaction 792 "
                + "/display_progress \\SystemRoot\\WinSxS\\pending.xml");
        now = scenario.driverQueueStart().withNano(0);
        info("CBS", "Perf: Doqe: Critical install started.");
        info("CBS", "Doqe: [Forward] Installing driver updates, Count " + scenario.driverOrder().size());
        now = scenario.driverQueueEnd().withNano(0);
        if (scenario.succeeds()) {
            info("CBS", "Perf: Doqe: Critical install ended.");
            step(5);
            info("CBS", "Startup: Processing advanced operation queue, startupPhase: 0");
            step(3);
            info("CBS", "Setting ExecuteState key to: ExecuteStateNone");
            info("CBS", "Startup: Processing complete. [HRESULT = 0x00000000 - S_OK]");
            info("CBS", "Startup: received notification that startup processing completed, allowing user to logon");
            return;
        }
        String inf = scenario.failingInf();
        String hr = String.format("0x%08x", scenario.hresult());
        String hrText = "[HRESULT = " + hr + " - " + hresultName() + "]";
        info("CBS", "INSTALL index: " + (scenario.driverOrder().indexOf(inf) + 194) + ", phase: 2, result "
                + scenario.win32() + ", inf: " + inf);
        info("CBS", "Doqe: Recording result: " + hr + ", for Inf: " + inf);
        info("CBS", "DriverUpdateInstallUpdates failed " + hrText);
        info("CBS", "Doqe: Failed installing driver updates " + hrText);
        info("CBS", "Perf: Doqe: Critical install ended.");
        line("Error", "CBS", "Startup: Failed executing critical driver operations queue " + hrText);
        info("CBS", "Startup: Rolling back KTM, because drivers failed.");
        info("CBS", "Setting ExecuteState key to: CbsExecuteStateStageDrivers | CbsExecuteStateFlagRollback | "
                + "CbsExecuteStateFlagDriversFailed");
        info("CBS", "Progress: UI message updated. Operation type: Update. Stage: 1 out of 1. Rollback.");
        info("CBS", "Setting original failure status: " + hr
                + ", last forward execute state: CbsExecuteStatePrimitives");
        step(1);
        info("CBS", "WER: Generating failure report for package: " + pkg + ", status: " + hr
                + ", failure source: DOQ, start state: Staged, target state: Installed, client id: WindowsUpdateAgent");
        info("CBS", "Added C:\\Windows\\Logs\\CBS\\FilterList.log to WER report.");
        step(2);
        info("CBS", "Startup: Processing complete. " + hrText);
    }

    /**
     * The driver queue runs in shutdown processing and fails: CBS rolls the KTM transaction back, and
     * startup processing after the reboot finishes undoing the update.
     */
    private void shutdownQueueFails() throws IOException {
        String inf = scenario.failingInf();
        String hr = String.format("0x%08x", scenario.hresult());
        String hrText = "[HRESULT = " + hr + " - " + hresultName() + "]";
        now = scenario.driverQueueStart().minusSeconds(2).withNano(0);
        info("CBS", "Shtd: Begin shutdown processing.");
        now = scenario.driverQueueStart().withNano(0);
        info("CBS", "Perf: Doqe: Install started.");
        info("CBS", "Doqe: [Forward] Installing driver updates, Count " + scenario.driverOrder().size());
        now = scenario.driverQueueEnd().withNano(0);
        info("CBS", "INSTALL index: " + (scenario.driverOrder().indexOf(inf) + 194) + ", phase: 2, result "
                + scenario.win32() + ", inf: " + inf);
        info("CBS", "Doqe: Recording result: " + hr + ", for Inf: " + inf);
        info("CBS", "DriverUpdateInstallUpdates failed " + hrText);
        info("CBS", "Doqe: Failed installing driver updates " + hrText);
        line("Error", "CBS", "Shtd: Failed while processing non-critical driver operations queue. " + hrText);
        info("CBS", "Shtd: Rolling back KTM, because drivers failed.");
        info("CBS", "Setting ExecuteState key to: CbsExecuteStateStageDrivers | CbsExecuteStateFlagRollback | "
                + "CbsExecuteStateFlagDriversFailed");
        info("CBS", "Progress: UI message updated. Operation type: Update. Stage: 1 out of 1. Temporary Rollback.");
        info("CBS", "Doqe: Unlocking driver updates, Count " + scenario.driverOrder().size());
        step(1);
        info("CBS", "Shtd: Shutdown processing complete.");

        now = scenario.reboot().plusSeconds(21).withNano(0);
        trustedInstallerStarts();
        info("CBS", "Startup: current ExecuteState is CbsExecuteStateStageDrivers | CbsExecuteStateFlagRollback | "
                + "CbsExecuteStateFlagDriversFailed");
        info("CBS", "Retrieved original failure status: " + hr + ", last forward execute state: "
                + "CbsExecuteStatePrimitives");
        step(1);
        info("CBS", "WER: Generating failure report for package: " + scenario.packageIdentity() + ", status: " + hr
                + ", failure source: DOQ, start state: Staged, target state: Installed, client id: WindowsUpdateAgent");
        info("CBS", "Added C:\\Windows\\Logs\\CBS\\FilterList.log to WER report.");
        step(20);
        info("CBS", "Setting ExecuteState key to: ExecuteStateNone");
        info("CBS", "Startup: Processing complete. [HRESULT = 0x00000000 - S_OK]");
    }

    private String hresultName() {
        String name = HResults.name(scenario.hresult());
        return name != null ? name : "E_FAIL";
    }

    private void trustedInstallerStarts() throws IOException {
        info("CBS", "TI: --- Initializing Trusted Installer ---");
        info("CBS", "TI: Last boot time: " + STAMP.format(scenario.reboot()));
        info("CBS", "Starting TrustedInstaller initialization.");
        info("CBS", "Loaded Servicing Stack v10.0.17763.3232 with Core: " + STACK + "\\cbscore.dll");
        LocalDateTime utc = now.minusSeconds(scenario.utcOffset().getTotalSeconds());
        info("CSI", String.format("00000001@%d/%d/%d:%02d:%02d:%02d.%03d WcpInitialize: wcp.dll version "
                        + "10.0.17763.3232 (WinBuild.160101.0800)", utc.getYear(), utc.getMonthValue(),
                utc.getDayOfMonth(), utc.getHour(), utc.getMinute(), utc.getSecond(), 410));
        info("CBS", "Ending TrustedInstaller initialization.");
    }

    private void step(int seconds) {
        now = now.plusSeconds(seconds);
    }

    private void info(String component, String message) throws IOException {
        line("Info", component, message);
    }

    private void line(String level, String component, String message) throws IOException {
        out.write(STAMP.format(now) + ", " + String.format("%-22s%-7s", level, component) + message + "\r\n");
    }
}
