package io.lockscope.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.lockscope.rules.Rule;
import io.lockscope.rules.Rules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "The diagnosis rules, with ids, descriptions, inputs they need and parameters.",
        footer = {"", "Example: lockscope rules --format json"})
final class RulesCommand implements Callable<Integer> {
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            writeJson(out);
        } else {
            writeText(out);
        }
        out.flush();
        return ExitCode.OK.code();
    }

    private static void writeText(PrintWriter out) {
        for (Rule r : Rules.all()) {
            out.printf("%-26s %s%n", r.id(), r.description());
            out.printf("%-26s needs: %s%n", "", String.join(", ", needs(r)));
            parameters(r).forEach((name, value) -> out.printf("%-26s %s = %s%n", "", name, value));
        }
    }

    /** {"rules": [{"id", "description", "needs": [...], "parameters": {name: value}}]}, in the order rules run. */
    private static void writeJson(PrintWriter out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                .useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeArrayFieldStart("rules");
            for (Rule r : Rules.all()) {
                g.writeStartObject();
                g.writeStringField("id", r.id());
                g.writeStringField("description", r.description());
                g.writeArrayFieldStart("needs");
                for (String need : needs(r)) {
                    g.writeString(need);
                }
                g.writeEndArray();
                g.writeObjectFieldStart("parameters");
                for (Map.Entry<String, String> p : parameters(r).entrySet()) {
                    g.writeStringField(p.getKey(), p.getValue());
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.println();
    }

    /** What the rule needs, as the ids "trace-events", "servicing-logs", … in alphabetical order. */
    private static List<String> needs(Rule r) {
        return r.requires().stream().map(q -> q.name().toLowerCase(Locale.ROOT).replace('_', '-')).sorted().toList();
    }

    private static Map<String, String> parameters(Rule r) {
        return new TreeMap<>(r.parameters());
    }
}
