package io.lockscope.generate.servicing;

import io.lockscope.model.servicing.ServicingPhase;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The servicing side of a synthetic case: an LCU installed online, then the reboot during which the
 * driver operations queue either succeeds or fails on one INF (servicing.md §1.2, §2.1, §2.3).
 *
 * @param kb              {@code KB5016623}
 * @param osBuild         {@code 17763.3287}: the OS build the LCU brings (package version prefix)
 * @param failingInf      the INF the queue fails on, null for a successful install
 * @param hresult         the failure's HRESULT (a Win32 code wrapped as 0x8007xxxx), ignored on success
 * @param phase           when the driver queue runs: startup processing after the reboot, or shutdown
 *                        processing before it ({@code Shtd:}, lock-semantics.md §2.1)
 * @param reboot          local time the machine restarted into "Working on updates"
 * @param utcOffset       the machine's offset from UTC (CBS writes local time, CSI embeds UTC)
 * @param queueDelay      from the reboot to the start of the driver operations queue (negative: before it,
 *                        in shutdown processing)
 * @param driverOrder     the INFs in the order the driver-update sections process them
 * @param unchangedInfs   INFs already at the new version (setupapi: already imported / no active change)
 * @param filters         the loaded filters {@code fltmc filters} lists
 */
public record ServicingScenario(String kb, String osBuild, String failingInf, int hresult, ServicingPhase phase,
                                LocalDateTime reboot,
                                ZoneOffset utcOffset, Duration queueDelay, List<String> driverOrder,
                                Set<String> unchangedInfs, List<FilterSpec> filters) {
    /** Where servicing.md §1.2 step 3 puts the queue: ~20–40 s after the boot session starts. */
    public static final Duration TYPICAL_QUEUE_DELAY = Duration.ofSeconds(29);
    /** A shutdown-time queue runs before the restart: shutdown processing, firmware and the next boot take minutes. */
    public static final Duration SHUTDOWN_QUEUE_DELAY = Duration.ofMinutes(-3);

    /** The first inbox packages of a 17763 LCU in processing order (servicing.md §0 item 1). */
    public static final List<String> DRIVER_ORDER_17763 = List.of("dc1-controller.inf", "miradisp.inf",
            "oposdrv.inf", "rdcameradriver.inf", "remoteposdrv.inf", "rdpbus.inf", "rdpvideominiport.inf");

    /** Server 2019 inbox filters plus Trend Micro's (servicing.md §4.2, §4.3). */
    public static final List<FilterSpec> FILTERS_WITH_TREND_MICRO = List.of(
            FilterSpec.minifilter("bindflt", 1, "409800"),
            FilterSpec.minifilter("tmevtmgr", 4, "328510"),
            FilterSpec.minifilter("TMPreFilter", 4, "328500"),
            FilterSpec.minifilter("WdFilter", 5, "328010"),
            FilterSpec.minifilter("storqosflt", 0, "244000"),
            FilterSpec.minifilter("wcifs", 0, "189900"),
            FilterSpec.minifilter("CldFlt", 0, "180451"),
            FilterSpec.minifilter("FileCrypt", 0, "141100"),
            FilterSpec.minifilter("luafv", 1, "135000"),
            FilterSpec.minifilter("npsvctrig", 1, "46000"),
            FilterSpec.minifilter("Wof", 2, "40700"),
            FilterSpec.minifilter("FileInfo", 5, "40500"));

    public ServicingScenario {
        driverOrder = List.copyOf(driverOrder);
        unchangedInfs = Set.copyOf(unchangedInfs);
        filters = List.copyOf(filters);
        if (failingInf != null && !driverOrder.contains(failingInf)) {
            throw new IllegalArgumentException("failing INF " + failingInf + " is not in the driver order");
        }
    }

    /**
     * KB5016623 on 17763 failing with {@code hresult} on {@code failingInf} (null: succeeding), the INFs
     * before it already current, so that it is the first package whose active version changes.
     */
    public static ServicingScenario lcu17763(String failingInf, int hresult, List<FilterSpec> filters) {
        List<String> order = new ArrayList<>(DRIVER_ORDER_17763);
        if (failingInf != null && !order.contains(failingInf.toLowerCase(Locale.ROOT))) {
            order.add(1, failingInf.toLowerCase(Locale.ROOT));
        }
        Set<String> unchanged = new LinkedHashSet<>();
        unchanged.add(order.get(0));
        if (failingInf != null) {
            unchanged.addAll(order.subList(0, order.indexOf(failingInf.toLowerCase(Locale.ROOT))));
        }
        return new ServicingScenario("KB5016623", "17763.3287",
                failingInf == null ? null : failingInf.toLowerCase(Locale.ROOT), hresult, ServicingPhase.STARTUP,
                LocalDateTime.of(2022, 8, 10, 2, 14, 3, 500_000_000), ZoneOffset.ofHours(8), TYPICAL_QUEUE_DELAY, order,
                unchanged, filters);
    }

    public boolean succeeds() {
        return failingInf == null;
    }

    /** The CBS identity of the LCU ({@code Package_for_RollupFix~31bf3856ad364e35~amd64~~17763.3287.1.10}). */
    public String packageIdentity() {
        return "Package_for_RollupFix~31bf3856ad364e35~amd64~~" + osBuild + ".1.10";
    }

    /**
     * When the driver operations queue starts after the reboot: CBS's {@code Perf: Doqe: Critical install
     * started.} and setupapi's {@code [Disable Device Install]}. The blocked driver-file access of a trace
     * falls between this and {@link #driverQueueEnd()}.
     */
    public LocalDateTime driverQueueStart() {
        return reboot.plus(queueDelay);
    }

    /** When the queue has finished or failed: setupapi's driver-update sections all end before it. */
    public LocalDateTime driverQueueEnd() {
        return driverQueueStart().plusSeconds(1 + driverOrder.size() / 25);
    }

    /** When the driver queue's boot session began: the reboot, or for a shutdown-time queue the boot before it. */
    public LocalDateTime queueBootSession() {
        return phase == ServicingPhase.SHUTDOWN ? reboot.minusHours(20) : reboot;
    }

    /** The Win32 code inside {@link #hresult()}. */
    public int win32() {
        return hresult & 0xFFFF;
    }
}
