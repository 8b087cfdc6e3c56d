package io.lockscope.generate;

import io.lockscope.export.EventRow;
import io.lockscope.export.EventWriter;
import io.lockscope.model.TimeBase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * Writes a synthetic reboot-phase driver-update case: the scenario's story (see {@link Scenario}) in
 * the middle of a booting machine's background noise, as procmon exports and whatever other
 * {@link CaseFormat}s are asked for.
 *
 * <p>Streaming: events are produced in time order and handed to every writer one at a time; only the
 * scenario's few hundred scripted events are held, so any event count can be written in constant
 * memory. Deterministic: the same scenario, seed and options give byte-identical files.
 *
 * <pre>{@code
 * GeneratedCase c = CaseGenerator.generate(Scenario.LOCK_HOLDER, Path.of("case"),
 *         GenerateOptions.defaults().withEvents(5_000_000).withSeed(42));
 * }</pre>
 */
public final class CaseGenerator {
    /** How often the progress callback is told the number of events written. */
    public static final int PROGRESS_INTERVAL = 1 << 16;

    private CaseGenerator() {
    }

    /** {@link #generate(Scenario, Path, GenerateOptions, LongConsumer)} without progress reports. */
    public static GeneratedCase generate(Scenario scenario, Path directory, GenerateOptions options) throws IOException {
        return generate(scenario, directory, options, n -> { });
    }

    /**
     * Writes the case into {@code directory} (created if missing; files of the same name are replaced).
     *
     * @param progress told the number of events written every {@link #PROGRESS_INTERVAL} events and at the end
     * @throws IllegalArgumentException when {@code options.events()} is below {@link #minimumEvents}
     */
    public static GeneratedCase generate(Scenario scenario, Path directory, GenerateOptions options,
                                         LongConsumer progress) throws IOException {
        SplittableRandom seeds = new SplittableRandom(options.seed());
        CaseScript script = CaseScript.build(scenario, seeds.nextLong(), options.zone());
        List<EventRow> scripted = script.rows();
        long total = options.events();
        if (total < scripted.size()) {
            throw new IllegalArgumentException("scenario " + scenario.id() + " needs at least " + scripted.size()
                    + " events with seed " + options.seed() + "; asked for " + total);
        }
        ScenarioFacts facts = script.facts();
        Files.createDirectories(directory);
        CaseContext context = new CaseContext(facts, script.processes(), TimeBase.UTC, options);
        List<EventWriter> writers = new ArrayList<>();
        try {
            // a case without a trace is its servicing logs, whatever formats were asked for
            List<CaseFormat> formats = scenario.traced() ? options.formats() : List.of(CaseFormats.byId("logs"));
            for (CaseFormat format : formats) {
                writers.add(format.open(directory, context));
            }
            BackgroundNoise noise = new BackgroundNoise(script.noiseActors(), seeds.nextLong());
            NoiseClock clock = new NoiseClock(script.captureStart(), script.captureEnd() - script.captureStart(),
                    total - scripted.size(), seeds.nextLong());
            int nextScripted = 0;
            for (long written = 0; written < total; written++) {
                EventRow row;
                if (nextScripted < scripted.size()
                        && (!clock.hasNext() || scripted.get(nextScripted).time() <= clock.peek())) {
                    row = scripted.get(nextScripted++);
                } else {
                    row = noise.next(clock.next());
                }
                for (EventWriter w : writers) {
                    w.write(row);
                }
                if ((written + 1) % PROGRESS_INTERVAL == 0) {
                    progress.accept(written + 1);
                }
            }
        } finally {
            closeAll(writers);
        }
        progress.accept(total);
        return new GeneratedCase(facts, directory, total);
    }

    /** The fewest events a case of {@code scenario} with {@code seed} can have: its scripted events. */
    public static int minimumEvents(Scenario scenario, long seed) {
        return CaseScript.build(scenario, new SplittableRandom(seed).nextLong(), GenerateOptions.DEFAULT_ZONE)
                .rows().size();
    }

    private static void closeAll(List<EventWriter> writers) throws IOException {
        IOException first = null;
        for (EventWriter w : writers) {
            try {
                w.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /**
     * The times of the noise events: {@code count} slots spread evenly over the capture, each jittered
     * inside its slot, so they never decrease.
     */
    private static final class NoiseClock {
        private final long start;
        private final long span;
        private final long count;
        private final SplittableRandom random;
        private long emitted;
        private long nextTime;

        NoiseClock(long start, long span, long count, long seed) {
            if (count > Long.MAX_VALUE / span) {
                throw new IllegalArgumentException("too many events: " + count);
            }
            this.start = start;
            this.span = span;
            this.count = count;
            this.random = new SplittableRandom(seed);
            if (count > 0) {
                nextTime = slot(0);
            }
        }

        boolean hasNext() {
            return emitted < count;
        }

        long peek() {
            return nextTime;
        }

        long next() {
            long t = nextTime;
            emitted++;
            if (emitted < count) {
                nextTime = slot(emitted);
            }
            return t;
        }

        private long slot(long i) {
            return start + (i * span + random.nextLong(span)) / count;
        }
    }
}
