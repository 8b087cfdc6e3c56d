package io.lockscope.benchmarks;

import io.lockscope.generate.CaseFormats;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.GenerateOptions;
import io.lockscope.generate.Scenario;
import io.lockscope.generate.etw.EtlCaseGenerator;

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

    /** A generated input and how many events (for an ETL: records) it holds. */
    record Input(Path path, long events) {
    }

    /**
     * A generated kernel ETL of about {@code megabytes} MB uncompressed (lock-holder scenario amid
     * background FileIo/Registry traffic), plain or XPRESS-compressed — the same records either way,
     * the compressed file smaller; its record count is kept beside it.
     */
    static Input etl(int megabytes, boolean compressed) throws IOException {
        String root = System.getenv().getOrDefault("LOCKSCOPE_BENCH_DATA", "target/data");
        Path dir = Path.of(root, "lock-holder-etl-" + megabytes + "mb" + (compressed ? "-xpress" : "") + "-seed1");
        Path out = dir.resolve("boot-trace.etl");
        Path count = dir.resolve("records.txt");
        if (!Files.exists(count)) {
            Files.createDirectories(dir);
            EtlCaseGenerator.Summary s = EtlCaseGenerator.write(out, EtlCaseGenerator.Scenario.LOCK_HOLDER,
                    megabytes * 1_000_000L, compressed, 1);
            Files.writeString(count, Long.toString(s.records()));
        }
        return new Input(out, Long.parseLong(Files.readString(count).trim()));
    }

    /** The generated input the benchmark named {@code benchmark} read, with the parameters it ran with. */
    static Input inputOf(String benchmark, java.util.function.Function<String, String> param) throws IOException {
        if (benchmark.contains("Etl")) {
            return etl(Integer.parseInt(param.apply("megabytes")), Boolean.parseBoolean(param.apply("compressed")));
        }
        long events = Long.parseLong(param.apply("events"));
        if (benchmark.contains("Pml")) {
            return new Input(procmonPml(events), events);
        }
        return new Input(benchmark.contains("Xml") ? procmonXml(events) : procmonCsv(events), events);
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
