package io.lockscope.benchmarks;

import io.lockscope.generate.CaseFormats;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.GenerateOptions;
import io.lockscope.generate.Scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generated inputs for the benchmarks, made once and kept under benchmarks/target/data (or
 * $LOCKSCOPE_BENCH_DATA), keyed by format, event count and seed so reruns reuse them.
 */
final class BenchmarkData {
    private BenchmarkData() {
    }

    static Path procmonCsv(long events) throws IOException {
        return generated("csv", events, "boot_log.csv");
    }

    static Path procmonXml(long events) throws IOException {
        return generated("xml", events, "boot_log.xml");
    }

    static Path procmonPml(long events) throws IOException {
        return generated("pml", events, "boot_log.pml");
    }

    /** The generated input a benchmark named {@code benchmark} reads. */
    static Path inputOf(String benchmark, long events) throws IOException {
        if (benchmark.contains("Pml")) {
            return procmonPml(events);
        }
        return benchmark.contains("Xml") ? procmonXml(events) : procmonCsv(events);
    }

    private static Path generated(String format, long events, String file) throws IOException {
        String root = System.getenv().getOrDefault("LOCKSCOPE_BENCH_DATA", "target/data");
        Path dir = Path.of(root, "lock-holder-" + format + "-" + events + "-seed1");
        Path out = dir.resolve(file);
        if (!Files.exists(out)) {
            Files.createDirectories(dir);
            CaseGenerator.generate(Scenario.LOCK_HOLDER, dir, GenerateOptions.defaults().withSeed(1).withEvents(events)
                    .withFormats(CaseFormats.parse(format)));
        }
        return out;
    }
}
