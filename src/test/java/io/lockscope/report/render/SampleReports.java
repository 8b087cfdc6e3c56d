package io.lockscope.report.render;

import io.lockscope.report.model.Report;
import io.lockscope.report.model.Sequences;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes the fixture reports in every format to a folder, to look at them as a user would (the HTML
 * page in a browser); with an event count it also renders a lock-holder report whose access sequence
 * has that many events and prints the time and size per format:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) io.lockscope.report.render.SampleReports /tmp/samples 100000}
 * (cp.txt from {@code mvn -q -o dependency:build-classpath -Dmdep.outputFile=cp.txt}).
 */
public final class SampleReports {
    private SampleReports() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/sample-reports"));
        write(folder, "lock-holder", ReportFixtures.lockHolder());
        write(folder, "no-failure", ReportFixtures.noFailure());
        write(folder, "zh-CN", ReportFixtures.simplifiedChinese());
        write(folder, "hostile", ReportFixtures.hostile());
        if (args.length > 1) {
            timeBigReport(folder, Integer.parseInt(args[1]));
        }
    }

    private static void write(Path folder, String name, Report report) throws IOException {
        for (String format : Renderers.FORMATS) {
            ReportRenderer renderer = Renderers.forFormat(format);
            try (Writer out = Files.newBufferedWriter(folder.resolve(name + "." + renderer.fileExtension()),
                    StandardCharsets.UTF_8)) {
                renderer.render(report, out);
            }
        }
    }

    private static void timeBigReport(Path folder, int events) throws IOException {
        Report base = ReportFixtures.lockHolder();
        List<Sequences.Event> sequence = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            double t = 30 + i * 0.0001;
            sequence.add(new Sequences.Event(new Report.Time(String.format(Locale.ROOT, "00:00:%010.7f", t), t),
                    i % 2 == 0 ? "TiWorker.exe" : "ntrtscan.exe", i % 2 == 0 ? 3120 : 1880,
                    i % 3 == 0 ? "ReadFile" : "QueryStandardInformationFile", "SUCCESS",
                    "Offset: " + (i * 4096L) + ", Length: 4,096", 0, 100_000L + i));
        }
        Report big = new Report(base.schemaVersion(), base.tool(), base.lang(), base.inputs(), base.target(),
                base.verdict(), base.failures(), base.findings(),
                new Sequences(List.of(new Sequences.PathSequence(ReportFixtures.DLL, sequence)), List.of()),
                base.servicing(), base.filters(), base.picture(), base.notes());
        for (String format : Renderers.FORMATS) {
            ReportRenderer renderer = Renderers.forFormat(format);
            Path file = folder.resolve("big-" + events + "." + renderer.fileExtension());
            for (int round = 1; round <= 3; round++) {
                long start = System.nanoTime();
                try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    renderer.render(big, out);
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf(Locale.ROOT, "%-5s %,d events  round %d  %,6d ms  %,12d bytes%n", format, events, round,
                        millis, Files.size(file));
            }
        }
    }
}
