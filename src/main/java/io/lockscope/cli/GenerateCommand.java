package io.lockscope.cli;

import io.lockscope.export.ProcmonLocale;
import io.lockscope.generate.CaseFormats;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.GenerateOptions;
import io.lockscope.generate.GeneratedCase;
import io.lockscope.generate.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "generate", mixinStandardHelpOptions = true, description = {
        "Write a synthetic reboot-phase driver-update case (procmon boot log exports) for demos, tests and benchmarks.",
        "The same seed gives byte-identical files."}, footer = {
        "",
        "Example: lockscope generate lock-holder -o /tmp/case --events 1000000 --formats csv"})
final class GenerateCommand implements Callable<Integer> {
    /** The help section listing the scenarios, made from {@link Scenario} so that it names each one. */
    private static final String SCENARIOS_SECTION = "scenarios";

    @Parameters(paramLabel = "SCENARIO", description = "What the case shows (see Scenarios above).")
    String scenario;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", required = true, description = "Folder to write the case into.")
    Path directory;

    @Option(names = "--events", paramLabel = "N", description = "Events in the boot log (default: 100000).")
    Long events;

    @Option(names = "--formats", paramLabel = "LIST", defaultValue = "csv,xml", description = "csv, xml, pml, logs (default: ${DEFAULT-VALUE}).")
    String formats;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: 1).")
    Long seed;

    @Option(names = "--locale", defaultValue = "en-US", description = "Export style of a Windows locale: en-US, de-DE, ru-RU, zh-CN, ja-JP, ko-KR or en-CA (default: ${DEFAULT-VALUE}).")
    String locale;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    /** Adds the list of scenarios, each with what it shows, after the description of {@code generate}'s help. */
    static void listScenarios(CommandLine generate) {
        generate.getHelpSectionMap().put(SCENARIOS_SECTION, GenerateCommand::scenarios);
        List<String> keys = new ArrayList<>(generate.getHelpSectionKeys());
        keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_DESCRIPTION) + 1, SCENARIOS_SECTION);
        generate.setHelpSectionKeys(keys);
    }

    private static String scenarios(CommandLine.Help help) {
        int width = help.commandSpec().usageMessage().width();
        // the longest id, its indent of 2 and a space before the description
        int idColumn = Arrays.stream(Scenario.values()).mapToInt(s -> s.id().length()).max().orElse(0) + 3;
        TextTable table = TextTable.forColumns(help.colorScheme(),
                new Column(idColumn, 2, Column.Overflow.SPAN),
                new Column(width - idColumn, 1, Column.Overflow.WRAP));
        for (Scenario s : Scenario.values()) {
            table.addRowValues(s.id(), s.description() + " (verdict: " + s.expectedVerdict() + ")");
        }
        return System.lineSeparator() + "Scenarios:" + System.lineSeparator() + table;
    }

    @Override
    public Integer call() throws Exception {
        Scenario s;
        try {
            s = Scenario.byId(scenario);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (events != null && events < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--events must be at least 1, not " + events);
        }
        GenerateOptions options = GenerateOptions.defaults();
        try {
            options = options.withFormats(CaseFormats.parse(formats)).withLocale(ProcmonLocale.forTag(locale));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (events != null) {
            options = options.withEvents(events);
        }
        if (seed != null) {
            options = options.withSeed(seed);
        }
        OutputChecks.folder(spec, directory);
        GeneratedCase result;
        try (Progress progress = Progress.start("generate " + s.id(), options.events(), quiet)) {
            result = CaseGenerator.generate(s, directory, options, progress::stepTo);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: %,d events in %s (%s); expected verdict: %s%n", s.id(), result.events(), directory,
                options.formats().stream().map(f -> f.id()).collect(Collectors.joining(", ")), s.expectedVerdict());
        out.flush();
        return ExitCode.OK.code();
    }
}
