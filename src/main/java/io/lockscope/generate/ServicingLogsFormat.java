package io.lockscope.generate;

import io.lockscope.export.EventRow;
import io.lockscope.export.EventWriter;
import io.lockscope.generate.servicing.ServicingLogsWriter;
import io.lockscope.generate.servicing.ServicingScenario;
import io.lockscope.model.TraceTime;
import io.lockscope.model.servicing.HResults;
import io.lockscope.model.servicing.ServicingPhase;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * The servicing logs of a generated case (CBS.log, setupapi.dev.log, fltmc filters output,
 * FilterList.log), telling the same story as its trace: the scenario's INF fails with the code its
 * failure surfaces as, or, for a clean case, succeeds. Their reboot is placed at the trace's capture
 * start, in the machine's local time, and the driver queue's failure at the trace's failure; a
 * shutdown-time failure comes before the reboot, where the trace cannot see it.
 */
final class ServicingLogsFormat implements CaseFormat {
    private static final long QUEUE_LEAD_NANOS = 100_000_000L;
    /** What the shutdown-time failure of {@link Scenario#SHUTDOWN_FAILURE} was: an agent's lock. */
    private static final int SHUTDOWN_FAILURE_HRESULT = HResults.fromWin32(32);

    @Override
    public String id() {
        return "logs";
    }

    @Override
    public EventWriter open(Path directory, CaseContext context) {
        return new EventWriter() {
            @Override
            public void write(EventRow row) {
                // the logs are written from the scenario's facts, not from events
            }

            @Override
            public void close() throws IOException {
                ServicingLogsWriter.write(scenario(context), directory);
            }
        };
    }

    private static ServicingScenario scenario(CaseContext context) {
        ScenarioFacts facts = context.facts();
        String inf = facts.scenario().expectedVerdict().equals("no-failure") ? null : facts.infName();
        int hresult = facts.failure() == null ? SHUTDOWN_FAILURE_HRESULT : loggedCode(facts.failure());
        ServicingScenario base = ServicingScenario.lcu17763(inf, hresult, ServicingScenario.FILTERS_WITH_TREND_MICRO);
        boolean shutdown = facts.scenario().phase() == ServicingPhase.SHUTDOWN;
        ZoneOffset zone = facts.zone();
        long unixTicks = facts.captureStart() - TraceTime.EPOCH_DIFF_TICKS;
        LocalDateTime reboot = LocalDateTime.ofEpochSecond(Math.floorDiv(unixTicks, TraceTime.TICKS_PER_SECOND),
                (int) Math.floorMod(unixTicks, TraceTime.TICKS_PER_SECOND) * 100, zone);
        // the queue fails with the trace's blocked access: it starts just before it, so setupapi's failed
        // publish follows the access and CBS records the result within the second
        Duration queueDelay = shutdown ? ServicingScenario.SHUTDOWN_QUEUE_DELAY
                : facts.failure() == null ? ServicingScenario.TYPICAL_QUEUE_DELAY
                : Duration.ofNanos((facts.failure().time() - facts.captureStart()) * 100 - QUEUE_LEAD_NANOS);
        return new ServicingScenario(base.kb(), base.osBuild(), base.failingInf(), base.hresult(),
                facts.scenario().phase(), reboot, zone, queueDelay, base.driverOrder(), base.unchangedInfs(),
                base.filters());
    }

    /**
     * The HRESULT the driver queue logs for the trace's failure: its NTSTATUS's Win32 code (a sharing
     * violation 0x80070020, a denial 0x80070005, a corrupt registry 0x800703f1; servicing.md §3) — except
     * that a failure on the registry's own files ({@code System32\config}: the DRIVERS hive) leaves the
     * driver database unusable, which the driver code reports as ERROR_BADDB (lock-semantics.md §2.3).
     */
    static int loggedCode(ScenarioFacts.Failure failure) {
        if (failure.path().toUpperCase(Locale.ROOT).contains("\\SYSTEM32\\CONFIG\\")) {
            return HResults.ERROR_BADDB;
        }
        Integer code = HResults.ofNtStatus(failure.result());
        if (code == null) {
            throw new IllegalStateException("no logged code known for NTSTATUS " + Integer.toHexString(failure.result()));
        }
        return code;
    }
}
