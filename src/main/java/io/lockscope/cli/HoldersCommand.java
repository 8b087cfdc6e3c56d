package io.lockscope.cli;

import io.lockscope.ingest.CaseInputs;
import io.lockscope.report.HoldersReportBuilder;
import io.lockscope.report.model.HoldersReport;
import io.lockscope.report.render.HoldersJsonRenderer;
import io.lockscope.report.render.HoldersTextRenderer;
import io.lockscope.report.render.Renderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "holders", mixinStandardHelpOptions = true, description = {
        "Who had a file open at a moment, or at each failure on it, with share-mode conflicts explained."}, footer = {
        "",
        "Examples:",
        "  lockscope holders boot_log.pml --path \"*\\oposdrv.dll\"",
        "  lockscope holders boot_log.pml --path \"*\\oposdrv.dll\" --at 00:00:41.2"})
final class HoldersCommand implements Callable<Integer> {
    enum Format { text, json }

    @Mixin
    InputOptions input;

    @Mixin
    LanguageOption language;

    @Option(names = "--path", paramLabel = "GLOB", required = true, description = "File path glob, case-insensitive.")
    String path;

    @Option(names = "--at", paramLabel = "T", converter = TimeArgument.Converter.class, description = "HH:MM:SS[.fffffff], ISO-8601 or +12.5s; default: at each failure.")
    TimeArgument at;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String lang = language.checked(spec);
        CaseInputs.Loaded loaded = input.load(spec.commandLine().getErr());
        HoldersReport report = HoldersReportBuilder.build(loaded.traces(), path, at == null ? null : at::on,
                Knowledge.attribution(), lang);
        Renderer<HoldersReport> renderer = format == Format.json ? new HoldersJsonRenderer() : new HoldersTextRenderer();
        renderer.render(report, spec.commandLine().getOut());
        return InputOptions.reportDamage(loaded, spec.commandLine().getErr()) ? ExitCode.BAD_INPUT.code() : ExitCode.OK.code();
    }
}
