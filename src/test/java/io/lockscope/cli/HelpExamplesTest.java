package io.lockscope.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every example in every command's help is one whole command line that the command accepts, so it pastes. */
class HelpExamplesTest {
    /** A word, or a quoted string as bash and cmd.exe both read it (no escapes inside). */
    private static final Pattern WORD = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)");

    @Test
    void everyExampleIsOneLineTheCommandParses() {
        CommandLine root = new CommandLine(new Main());
        int examples = 0;
        for (String name : root.getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            CliRunner help = CliRunner.run(name, "--help");
            List<String> footer = afterOptions(help.out());
            assertFalse(footer.isEmpty(), name + " --help shows an example");
            for (String line : footer) {
                String example = line.strip().replaceFirst("^Examples?:\\s*", "");
                if (example.isEmpty()) {
                    continue;
                }
                assertTrue(example.startsWith("lockscope " + name + " "), name + ": an example line is a whole command, "
                        + "not the wrapped rest of one: '" + line + "'");
                String[] args = words(example.replaceFirst("\\s\\|\\s.*$", ""));
                assertEquals(name, args[0]);
                CommandLine fresh = new CommandLine(new Main());
                assertDoesNotThrow(() -> fresh.parseArgs(args), name + ": " + example);
                examples++;
            }
        }
        assertTrue(examples >= 10, "examples checked: " + examples);
    }

    /** The lines after the last option of a help page: its footer. */
    private static List<String> afterOptions(String help) {
        List<String> lines = Arrays.asList(help.split("\\R"));
        int last = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("  -V, --version")) {
                last = i;
            }
        }
        return new ArrayList<>(lines.subList(last + 1, lines.size()));
    }

    /** The arguments after "lockscope". */
    private static String[] words(String command) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(command);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        return words.subList(1, words.size()).toArray(String[]::new);
    }
}
