package io.lockscope.generate;

import io.lockscope.export.EventRow;
import io.lockscope.export.EventWriter;
import io.lockscope.generate.servicing.ServicingLogsWriter;
import io.lockscope.generate.servicing.ServicingScenario;
import io.lockscope.model.TraceTime;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The servicing logs of a generated case (CBS.log, setupapi.dev.log, fltmc filters output,
 * FilterList.log), telling the same story as its trace: the scenario's INF fails with 0x800703f1
 * (ERROR_BADDB, what the real cases showed whatever blocked them) or, for a clean case, succeeds.
 * Their reboot is placed at the trace's capture start, in the machine's local time, and the driver
 * queue's failure at the trace's failure.
 */
final class ServicingLogsFormat implements CaseFormat {
    private static final int ERROR_BADDB_HRESULT = 0x800703F1;
    private static final long QUEUE_LEAD_NANOS = 100_000_000L;

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
        ServicingScenario base = ServicingScenario.lcu17763(inf, ERROR_BADDB_HRESULT,
                ServicingScenario.FILTERS_WITH_TREND_MICRO);
        ZoneOffset zone = facts.zone();
        long unixTicks = facts.captureStart() - TraceTime.EPOCH_DIFF_TICKS;
        LocalDateTime reboot = LocalDateTime.ofEpochSecond(Math.floorDiv(unixTicks, TraceTime.TICKS_PER_SECOND),
                (int) Math.floorMod(unixTicks, TraceTime.TICKS_PER_SECOND) * 100, zone);
        // the queue fails with the trace's blocked access: it starts just before it, so setupapi's failed
        // publish follows the access and CBS records the result within the second
        Duration queueDelay = facts.failure() == null ? ServicingScenario.TYPICAL_QUEUE_DELAY
                : Duration.ofNanos((facts.failure().time() - facts.captureStart()) * 100 - QUEUE_LEAD_NANOS);
        return new ServicingScenario(base.kb(), base.osBuild(), base.failingInf(), base.hresult(), reboot, zone,
                queueDelay, base.driverOrder(), base.unchangedInfs(), base.filters());
    }
}
