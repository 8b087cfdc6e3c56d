package io.lockscope.report.render;

import io.lockscope.report.model.Report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the fixture reports in every format to a folder, to look at them as a user would (e.g. the
 * HTML page in a browser): {@code java -cp target/classes:target/test-classes:<deps>
 * io.lockscope.report.render.SampleReports /tmp/lockscope-samples}.
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
}
