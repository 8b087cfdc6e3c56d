package io.lockscope.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's output samples are what the tool prints: each fenced block that starts with
 * "$ bin/lockscope …" is run on the sample cases, and the lines under the command must be the first lines
 * of its output. {@code -Dlockscope.updateReadme=true} rewrites them from the real output (read the diff).
 */
class ReadmeSamplesTest {
    private static final Path README = Path.of("README.md");
    private static final String PROMPT = "$ bin/lockscope ";

    @Test
    void everySampleIsTheStartOfTheRealOutput() throws IOException {
        List<String> readme = Files.readAllLines(README, StandardCharsets.UTF_8);
        List<String> updated = new ArrayList<>();
        int samples = 0;
        for (int i = 0; i < readme.size(); i++) {
            updated.add(readme.get(i));
            if (!readme.get(i).startsWith("```") || i + 1 >= readme.size() || !readme.get(i + 1).startsWith(PROMPT)) {
                continue;
            }
            String command = readme.get(++i);
            updated.add(command);
            int end = i + 1;
            while (!readme.get(end).startsWith("```")) {
                end++;
            }
            List<String> shown = readme.subList(i + 1, end);
            CliRunner run = CliRunner.run(command.substring(PROMPT.length()).split(" +"));
            assertEquals(Main.OK, run.exitCode(), command + ": " + run.err());
            List<String> printed = run.out().lines().toList();
            assertTrue(printed.size() >= shown.size(), command + " prints fewer lines than the README shows");
            List<String> start = printed.subList(0, shown.size());
            if (Boolean.getBoolean("lockscope.updateReadme")) {
                updated.addAll(start);
            } else {
                assertEquals(String.join("\n", start), String.join("\n", shown),
                        "README.md's sample of '" + command + "' differs from the output; if the change is intended, "
                                + "rerun with -Dlockscope.updateReadme=true");
            }
            i = end - 1;
            samples++;
        }
        assertTrue(samples >= 2, "README samples found: " + samples);
        if (Boolean.getBoolean("lockscope.updateReadme")) {
            Files.write(README, updated, StandardCharsets.UTF_8);
        }
    }
}
