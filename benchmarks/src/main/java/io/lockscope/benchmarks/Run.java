package io.lockscope.benchmarks;

import io.lockscope.ingest.Formats;
import io.lockscope.ingest.ReadOptions;
import io.lockscope.model.Trace;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Runs the JMH benchmarks (JMH's own options apply: a regex selects benchmarks, -f/-wi/-i tune
 * them) and then prints what the project's targets are stated in: MB/s and events/s of each input
 * (for an ETL: MB of the file as stored, compressed or not, and ETW records/s), and the retained
 * bytes per event of the model; beside each, what share of {@link Cat}'s speed on the same file it reaches.
 */
public final class Run {
    private Run() {
    }

    public static void main(String[] args) throws Exception {
        Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
        System.out.println();
        System.out.printf("%-62s %10s %10s %12s %8s%n", "benchmark", "s/op", "MB/s", "events/s", "of cat");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            double seconds = r.getPrimaryResult().getScore();
            BenchmarkData.Input input = BenchmarkData.inputOf(name, r.getParams()::getParam);
            double mb = Files.size(input.path()) / 1e6;
            String compressed = r.getParams().getParam("compressed");
            String label = name.replace("io.lockscope.benchmarks.", "")
                    + (compressed == null ? "" : Boolean.parseBoolean(compressed) ? " (xpress)" : " (plain)")
                    + (r.getParams().getParam("decoder") == null ? "" : " " + r.getParams().getParam("decoder"));
            Double cat = catSeconds(results, r);
            System.out.printf("%-62s %10.3f %10.1f %,12.0f %8s%n", label, seconds, mb / seconds,
                    input.events() / seconds, cat == null ? "" : String.format("%.1f %%", 100 * cat / seconds));
        }
        printRetained(BenchmarkData.procmonCsv(400_000));
    }

    /** Seconds of the {@code cat} benchmark of the same class and parameters as {@code r}, or null when not run. */
    private static Double catSeconds(Collection<RunResult> results, RunResult r) {
        String name = r.getParams().getBenchmark();
        String cat = name.substring(0, name.lastIndexOf('.') + 1) + "cat";
        for (RunResult other : results) {
            if (other.getParams().getBenchmark().equals(cat) && sameParams(other, r)) {
                return other.getPrimaryResult().getScore();
            }
        }
        return null;
    }

    private static boolean sameParams(RunResult a, RunResult b) {
        for (String key : a.getParams().getParamsKeys()) {
            if (!a.getParams().getParam(key).equals(b.getParams().getParam(key))) {
                return false;
            }
        }
        return true;
    }

    /** Bytes the event columns hold per event (the string pool, i.e. distinct strings, counted apart). */
    private static void printRetained(Path csv) throws Exception {
        Trace t = Formats.readTrace(csv, csv.toString(), ReadOptions.DEFAULT);
        System.out.printf("%nretained by the model for %s (%,d events):%n", csv.getFileName(), t.size());
        System.out.printf("  event columns     %6.1f bytes/event%n", t.events().retainedBytes() / (double) t.size());
        System.out.printf("  distinct strings  %,d strings, %,.1f MB%n", t.strings().size(), t.strings().retainedBytes() / 1e6);
    }
}
