package io.lockscope.cli;

import io.lockscope.rules.Rule;
import io.lockscope.rules.Rules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "rules", mixinStandardHelpOptions = true, description = "The diagnosis rules, with ids, descriptions, inputs they need and parameters.")
final class RulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (Rule r : Rules.all()) {
            out.printf("%-26s %s%n", r.id(), r.description());
            out.printf("%-26s needs: %s%n", "", r.requires().stream().map(q -> q.name().toLowerCase().replace('_', '-'))
                    .sorted().collect(Collectors.joining(", ")));
            for (Map.Entry<String, String> p : r.parameters().entrySet()) {
                out.printf("%-26s %s = %s%n", "", p.getKey(), p.getValue());
            }
        }
        out.flush();
        return ExitCode.OK.code();
    }
}
