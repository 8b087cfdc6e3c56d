package io.lockscope.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Chinese case email of every sample case reads as Chinese: one word for servicing (服务), full-width
 * punctuation beside Chinese text, no space beside full-width punctuation or between two Chinese
 * characters. The values quoted from the trace (paths, procmon's access names) stay as they are.
 */
class ChineseWordingTest {
    private static final Path TRACES = Path.of("traces");
    private static final String HAN = "\\x{4E00}-\\x{9FFF}";
    private static final String FULL_WIDTH = "（），。；：、！？";

    private static final List<Rule> RULES = List.of(
            new Rule("servicing is 服务, not 维护 (维护模式, a product's maintenance mode, is another word)",
                    Pattern.compile("维护(?!模式)")),
            new Rule("ASCII punctuation beside Chinese text", Pattern.compile("[" + HAN + "][,;:()]|[,;:()][" + HAN + "]")),
            new Rule("a space beside full-width punctuation",
                    Pattern.compile("[" + FULL_WIDTH + "] (?!\\|)|(?<!\\|) [" + FULL_WIDTH + "]")),
            new Rule("a space between two Chinese characters", Pattern.compile("[" + HAN + "] [" + HAN + "]")));

    private record Rule(String what, Pattern pattern) {
    }

    @TestFactory
    Stream<DynamicTest> everySampleCaseEmailReadsAsChinese() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(TRACES)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertFalse(cases.isEmpty(), "traces/ has sample cases");
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
            CliRunner r = CliRunner.run("analyze", dir.toString(), "--lang", "zh-CN", "--format", "md", "-q");
            assertEquals(Main.OK, r.exitCode(), r.err());
            for (Rule rule : RULES) {
                Matcher m = rule.pattern().matcher(r.out());
                if (m.find()) {
                    int from = Math.max(0, m.start() - 40);
                    fail(dir + ": " + rule.what() + " at «" + r.out().substring(from, Math.min(r.out().length(), m.end() + 40))
                            + "»");
                }
            }
        }));
    }
}
