package io.lockscope.cli;

import io.lockscope.rules.Rules;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Chinese case email of every sample case reads as Chinese: one word for servicing (服务), full-width
 * punctuation beside Chinese text, no space beside full-width punctuation or between two Chinese
 * characters. The values quoted from the trace (paths, procmon's access names) stay as they are; the
 * codes of the report's vocabularies do not show through in any format.
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

    /**
     * The label groups whose keys end in a code of the report's closed vocabularies (verdict kinds, the
     * evidence of a filter, …): a renderer names each code by its label, never shows the code itself.
     * (targetSource is not among them: its codes are also the ids of the servicing-log formats, which the
     * inputs table shows as they are, like every format id.)
     */
    private static final List<String> CODE_GROUPS = List.of("clock", "confidence", "filterEvidence", "kind", "mechanism",
            "role", "severity");

    @TestFactory
    Stream<DynamicTest> everySampleCaseEmailReadsAsChinese() throws IOException {
        return everySampleCase(dir -> {
            String md = analyze(dir, "md");
            for (Rule rule : RULES) {
                assertNoMatch(dir + " (md): " + rule.what(), rule.pattern(), md);
            }
            assertNoMatch(dir + " (md): " + UNTRANSLATED.what(), UNTRANSLATED.pattern(), withoutRuleIds(md));
        });
    }

    @TestFactory
    Stream<DynamicTest> everySampleCaseReportNamesCodesInChinese() throws IOException {
        return everySampleCase(dir -> {
            assertNoMatch(dir + " (text): " + UNTRANSLATED.what(), UNTRANSLATED.pattern(),
                    withoutRuleIds(analyze(dir, "text").replaceAll("\u001B\\[[0-9;]*m", "")));
            assertNoMatch(dir + " (html): " + UNTRANSLATED.what(), UNTRANSLATED.pattern(),
                    withoutRuleIds(visibleText(analyze(dir, "html"))));
        });
    }

    @Test
    void aBatchIndexPageIsWordedInChinese(@TempDir Path out) throws IOException {
        // copies under neutral names: the samples' own names are codes too ("lock-holder")
        List<String> args = new ArrayList<>(List.of("batch"));
        List<String> samples = List.of("lock-holder", "filter-denial", "clean");
        for (int i = 0; i < samples.size(); i++) {
            Path copy = Files.createDirectories(out.resolve("case-" + (i + 1)));
            try (Stream<Path> files = Files.list(TRACES.resolve(samples.get(i)))) {
                for (Path file : files.toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
            args.add(copy.toString());
        }
        args.addAll(List.of(out.resolve("case-4").toString(), "-o", out.resolve("batch").toString(),
                "--format-per-case", "json", "-q", "--resume"));
        CliRunner english = CliRunner.run(args.toArray(String[]::new));
        assertEquals(Main.BAD_INPUT, english.exitCode(), "the missing case is an error row: " + english.err());
        args.addAll(List.of("--lang", "zh-CN"));
        CliRunner r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(Main.BAD_INPUT, r.exitCode(), r.err());
        String summary = Files.readString(out.resolve("batch/summary.json"));
        assertTrue(summary.matches("(?s).*\"kept\"\\s*:\\s*0\\b.*"), "--resume analyses again in the other language: " + summary);
        String page = visibleText(Files.readString(out.resolve("batch/index.html")));
        assertNoMatch("index.html: " + UNTRANSLATED.what(), UNTRANSLATED.pattern(), page);
        assertNoMatch("index.html: a case's status shown untranslated", Pattern.compile("bad-input"), page);
        for (String word : List.of("结论", "文件被占用", "筛选器干扰", "无失败", "输入有误", "责任方厂商", "共 4 个案例")) {
            assertTrue(page.contains(word), "index.html says " + word);
        }
        for (Rule rule : RULES) {
            assertNoMatch("index.html: " + rule.what(), rule.pattern(), page);
        }
    }

    private static final Rule UNTRANSLATED = new Rule("a code shown untranslated", untranslatedCodes());

    /** Any code of {@link #CODE_GROUPS} as a word of its own ("stack-nested"; not "filter-in-stack", nor in a path). */
    private static Pattern untranslatedCodes() {
        Properties labels = new Properties();
        try (InputStream in = ChineseWordingTest.class.getResourceAsStream("/io/lockscope/report/labels-en.properties")) {
            labels.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> codes = new ArrayList<>();
        for (String key : labels.stringPropertyNames()) {
            int dot = key.indexOf('.');
            if (dot > 0 && CODE_GROUPS.contains(key.substring(0, dot)) && !key.equals("clock.localOffset")) {
                codes.add(Pattern.quote(key.substring(dot + 1)));
            }
        }
        assertTrue(codes.size() > 20, "codes found: " + codes);
        return Pattern.compile("(?<![\\w./\\\\-])(" + String.join("|", codes) + ")(?![\\w/\\\\-])");
    }

    private static Stream<DynamicTest> everySampleCase(Check check) throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(TRACES)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertFalse(cases.isEmpty(), "traces/ has sample cases");
        return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check.run(dir)));
    }

    private interface Check {
        void run(Path sampleCase) throws Exception;
    }

    private static String analyze(Path dir, String format) {
        CliRunner r = CliRunner.run("analyze", dir.toString(), "--lang", "zh-CN", "--format", format, "-q");
        assertEquals(Main.OK, r.exitCode(), r.err());
        return r.out();
    }

    /** What a reader of the page sees: its text and its tooltips, without markup, styles or script. */
    private static String visibleText(String html) {
        String page = html.replaceAll("(?s)<style.*?</style>|<script.*?</script>", "");
        StringBuilder text = new StringBuilder();
        Matcher tooltip = Pattern.compile("(?:title|aria-label)=\"([^\"]*)\"").matcher(page);
        while (tooltip.find()) {
            text.append(tooltip.group(1)).append('\n');
        }
        return text.append(page.replaceAll("<[^>]*>", "\n")).toString();
    }

    /** The text without the rule ids, which are identifiers shown as they are (one is "registry-failure", a kind too). */
    private static String withoutRuleIds(String text) {
        String rest = text;
        for (io.lockscope.rules.Rule rule : Rules.all()) {
            rest = rest.replaceAll("(?<![\\w-])" + Pattern.quote(rule.id()) + "(?![\\w-])", "");
        }
        return rest;
    }

    private static void assertNoMatch(String what, Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (m.find()) {
            int from = Math.max(0, m.start() - 40);
            fail(what + " at «" + text.substring(from, Math.min(text.length(), m.end() + 40)) + "»");
        }
    }
}
