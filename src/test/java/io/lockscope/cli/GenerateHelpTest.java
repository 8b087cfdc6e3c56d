package io.lockscope.cli;

import io.lockscope.generate.Scenario;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code generate --help}, docs/cli.md and the README's sample cases name every scenario the command takes. */
class GenerateHelpTest {
    @Test
    void theHelpListsEveryScenarioWithWhatItShows() {
        CliRunner help = CliRunner.run("generate", "--help");
        assertEquals(Main.OK, help.exitCode(), help.err());
        String text = help.out();
        int scenarios = text.indexOf("\nScenarios:\n");
        Matcher parameter = Pattern.compile("\n +SCENARIO +What").matcher(text);
        assertTrue(scenarios > 0 && parameter.find(scenarios), "the list comes before the parameters:\n" + text);
        for (Scenario s : Scenario.values()) {
            String start = "\n  " + s.id() + " ";
            assertTrue(text.contains(start), "generate --help lists " + s.id() + " on a line of its own:\n" + text);
            // the description's first words follow on the same line
            String firstWord = s.description().split(" ")[0];
            String line = text.substring(text.indexOf(start) + 1, text.indexOf('\n', text.indexOf(start) + 1));
            assertTrue(line.contains(firstWord), s.id() + ": " + line);
        }
        String section = text.substring(scenarios, parameter.start());
        assertTrue(section.lines().allMatch(l -> l.length() <= 80), "wrapped to the help's width:\n" + section);
    }

    @Test
    void theCliContractAndTheReadmeNameEveryScenario() throws IOException {
        String cli = Files.readString(Path.of("docs/cli.md"));
        String readme = Files.readString(Path.of("README.md"));
        for (Scenario s : Scenario.values()) {
            assertTrue(cli.contains("`" + s.id() + "`"), "docs/cli.md names " + s.id());
            assertTrue(readme.contains("| `" + s.id() + "` |"), "the README's table of sample cases has " + s.id());
        }
    }
}
