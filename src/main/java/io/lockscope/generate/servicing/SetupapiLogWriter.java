package io.lockscope.generate.servicing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writes the setupapi.dev.log of a {@link ServicingScenario}: the boot session of "Working on updates"
 * with {@code [Disable Device Install]}, {@code [Stage Driver Updates]} and {@code [Install Driver
 * Updates]} run by TiWorker, as in the real 17763 log quoted in servicing.md §1.3 / §2.3. On failure
 * the failing INF's publish logs a {@code !!!  idb:} error with the scenario's code and the section
 * ends {@code FAILURE(0x…)} (a constructed line, servicing.md §2.3).
 */
public final class SetupapiLogWriter {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSS");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final String TIWORKER = "C:\\Windows\\winsxs\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_"
            + "10.0.17763.3232_none_7e7a7fd5e2d0c6ab\\TiWorker.exe -Embedding";
    private static final String REPOSITORY = "C:\\Windows\\System32\\DriverStore\\FileRepository\\";

    private final ServicingScenario scenario;
    private final Writer out;
    private LocalDateTime now;

    private SetupapiLogWriter(ServicingScenario scenario, Writer out) {
        this.scenario = scenario;
        this.out = out;
    }

    public static void write(ServicingScenario scenario, Path file) throws IOException {
        try (BufferedWriter w = LogFiles.open(file, StandardCharsets.UTF_8, false)) {
            write(scenario, w);
        }
    }

    public static void write(ServicingScenario scenario, Writer out) throws IOException {
        new SetupapiLogWriter(scenario, out).write();
    }

    private void write() throws IOException {
        line("[Device Install Log]");
        line("     OS Version = 10.0.17763");
        line("     Service Pack = 0.0");
        line("     Suite = 0x0110");
        line("     ProductType = 3");
        line("     Architecture = amd64");
        line("");
        line("[BeginLog]");
        line("");
        now = scenario.queueBootSession();
        line("[Boot Session: " + STAMP.format(now) + "]");
        line("");
        now = scenario.driverQueueStart().plusNanos(50_000_000);
        sectionStart("Disable Device Install");
        line("     ump: DeviceInstall service is not started.");
        sectionEnd("SUCCESS");

        sectionStart("Stage Driver Updates");
        updatesPreamble();
        for (String inf : scenario.driverOrder()) {
            stage(inf);
        }
        sectionEnd("SUCCESS");

        sectionStart("Install Driver Updates");
        updatesPreamble();
        for (String inf : scenario.driverOrder()) {
            if (!publish(inf)) {
                sectionEnd(String.format("FAILURE(0x%08x)", scenario.win32()));
                return;
            }
        }
        sectionEnd("SUCCESS (REBOOT_REQUIRED)");
    }

    private void updatesPreamble() throws IOException {
        line("     sto: Image State        = Specialized");
        line("     sto: Transaction        = CbsDriversAndPrimitives");
        line("     sto: Driver Updates     = " + scenario.driverOrder().size());
    }

    private void stage(String inf) throws IOException {
        String sxs = "C:\\Windows\\WinSxS\\amd64_dual_" + inf + "_31bf3856ad364e35_10.0." + scenario.osBuild()
                + "_none_" + LogFiles.storeHash(inf, "sxs") + "\\" + inf;
        String store = packageFolder(inf, "new");
        line("     sto: {Stage Driver Package: " + sxs + "} " + tick());
        if (scenario.unchangedInfs().contains(inf)) {
            line("!    sto:      Driver package already imported as '" + REPOSITORY + store + "\\" + inf + "'.");
        } else {
            line("     sig:      Signer Score = 0x0D000003 (Inbox)");
            line("     sto:      {DRIVERSTORE IMPORT BEGIN} " + tick());
            line("     flq:           Hardlinking '" + sxs + "' to '" + REPOSITORY + store + "\\" + inf + "'.");
            line("     idb:           {Register Driver Package: " + REPOSITORY + store + "\\" + inf + "} " + tick());
            line("     idb:                Created driver package object '" + store + "' in DRIVERS database node.");
            line("     idb:           {Register Driver Package: exit(0x00000000)} " + tick());
            line("     sto:      {DRIVERSTORE IMPORT END} " + tick());
        }
        line("     sto: {Stage Driver Package: exit(0x00000000)} " + tick());
    }

    /** Publishes {@code inf}; false when this is where the scenario fails. */
    private boolean publish(String inf) throws IOException {
        String store = packageFolder(inf, "new");
        line("     sto: {Publish Driver Package: " + REPOSITORY + store + "\\" + inf + "} " + tick());
        if (!scenario.unchangedInfs().contains(inf)) {
            line("     idb:      Changing active driver package from '" + packageFolder(inf, "old") + "' to '"
                    + store + "'.");
            if (inf.equals(scenario.failingInf())) {
                line(String.format("!!!  idb:      Failed to publish '%s\\%s'. Error = 0x%08X", store, inf,
                        scenario.win32()));
                line(String.format("     sto: {Publish Driver Package: exit(0x%08x)} %s", scenario.win32(), tick()));
                return false;
            }
            line("     cpy:      Unpublished '" + inf + "'.");
            line("     cpy:      Published '" + store + "\\" + inf + "' to '" + inf + "'.");
        }
        line("     sto: {Publish Driver Package: exit(0x00000000)} " + tick());
        return true;
    }

    private static String packageFolder(String inf, String version) {
        return inf + "_amd64_" + LogFiles.storeHash(inf, version);
    }

    private void sectionStart(String title) throws IOException {
        line(">>>  [" + title + "]");
        line(">>>  Section start " + STAMP.format(now));
        line("      cmd: " + TIWORKER);
    }

    private void sectionEnd(String status) throws IOException {
        now = now.plusNanos(10_000_000);
        line("<<<  Section end " + STAMP.format(now));
        line("<<<  [Exit status: " + status + "]");
        line("");
        now = now.plusNanos(20_000_000);
    }

    /** The time of day of the next body line, advancing the clock a little. */
    private String tick() {
        now = now.plusNanos(2_000_000);
        return TIME.format(now);
    }

    private void line(String text) throws IOException {
        out.write(text);
        out.write("\r\n");
    }
}
