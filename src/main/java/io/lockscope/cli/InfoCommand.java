package io.lockscope.cli;

import io.lockscope.ingest.CaseInputs;
import io.lockscope.report.InfoReportBuilder;
import io.lockscope.report.model.InfoReport;
import io.lockscope.report.render.InfoJsonRenderer;
import io.lockscope.report.render.InfoTextRenderer;
import io.lockscope.report.render.Renderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "info", mixinStandardHelpOptions = true, description = {
        "Format, capture span, event counts per class and operation, processes, skipped records and warnings."},
        footer = {
        "",
        "Example: lockscope info boot_log.csv --format json"})
final class InfoCommand implements Callable<Integer> {
    enum Format { text, json }

    @Mixin
    InputOptions input;

    @Mixin
    LanguageOption language;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String lang = language.checked(spec);
        CaseInputs.Loaded loaded = input.load(spec.commandLine().getErr());
        Renderer<InfoReport> renderer = format == Format.json ? new InfoJsonRenderer() : new InfoTextRenderer();
        renderer.render(InfoReportBuilder.build(loaded, lang), spec.commandLine().getOut());
        return InputOptions.reportDamage(loaded, spec.commandLine().getErr()) ? ExitCode.BAD_INPUT.code() : ExitCode.OK.code();
    }
}
