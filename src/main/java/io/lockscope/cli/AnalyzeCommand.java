package io.lockscope.cli;

import io.lockscope.batch.CaseAnalyzer;
import io.lockscope.ingest.CaseInputs;
import io.lockscope.report.model.Report;
import io.lockscope.report.render.Renderers;
import io.lockscope.rules.Finding;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "analyze", mixinStandardHelpOptions = true, description = {
        "Diagnose one case: who blocked the reboot-phase driver update, with the evidence.",
        "Without --target the target is the driver package on which servicing failed."}, footer = {
        "",
        "Examples:",
        "  lockscope analyze case-upload/",
        "  lockscope analyze boot_log.pml --target oposdrv.inf --format html -o report.html",
        "  lockscope analyze boot_log.csv --format md --lang zh-CN"})
final class AnalyzeCommand implements Callable<Integer> {
    enum Severity { info, warning, error }

    @Mixin
    InputOptions input;

    @Option(names = "--target", paramLabel = "NAME|GLOB",
            description = "INF name (oposdrv.inf), file name, or glob of the objects to diagnose.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", description = "text, json, html or md (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report here instead of stdout.")
    Path output;

    @Mixin
    LanguageOption language;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit 4 when a finding has this severity or worse: info, warning or error.")
    Severity failOn;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Renderers.FORMATS.contains(format.toLowerCase()) && !format.equalsIgnoreCase("markdown")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--format must be one of " + Renderers.FORMATS + ", not '" + format + "'");
        }
        String lang = language.checked(spec);
        if (output != null) {
            OutputChecks.file(spec, output);
        }
        CaseInputs.Loaded loaded = input.load(spec.commandLine().getErr());
        ExitCode refusal = input.refuseAsCase(loaded, spec.commandLine().getErr());
        if (refusal != null) {
            return refusal.code();
        }
        CaseAnalyzer.Result result = new CaseAnalyzer(input.readOptions(), targets, Knowledge.attribution(), lang,
                BuildVersion.current()).analyze(loaded);
        Report report = result.report();
        if (output == null) {
            Writer out = spec.commandLine().getOut();
            Renderers.forFormat(format).render(report, out);
            out.flush();
        } else {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8))) {
                Renderers.forFormat(format).render(report, w);
            }
        }
        if (InputOptions.reportDamage(loaded, spec.commandLine().getErr())) {
            return ExitCode.BAD_INPUT.code();
        }
        return failOn != null && reaches(result.diagnosis().findings(), failOn) ? ExitCode.FINDING.code() : ExitCode.OK.code();
    }

    private static boolean reaches(List<Finding> findings, Severity threshold) {
        Finding.Severity limit = Finding.Severity.valueOf(threshold.name().toUpperCase());
        return findings.stream().anyMatch(f -> f.severity().compareTo(limit) <= 0);
    }
}
