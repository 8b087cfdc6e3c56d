package io.lockscope.kit;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.regex.Pattern;

/**
 * Writes the capture kit an engineer sends to a customer: the WPR profile, {@code collect.cmd}, the
 * customer's README in English and Chinese, and Procmon when the engineer supplies it.
 *
 * <p>{@code collect.cmd} is made from a Pebble template whose messages come from the
 * {@code collect} bundle in the kit's language; each message is escaped for cmd where it is written,
 * so that the script's text needs no escaping of its own.
 */
public final class CaptureKit {
    public static final String PROFILE = "lockscope-boot.wprp";
    public static final String SCRIPT = "collect.cmd";
    public static final String README = "README.txt";
    public static final String README_ZH_CN = "README.zh-CN.txt";
    /** The free space {@code arm} asks for on the system drive: the trace and the boot log of one long restart. */
    public static final int REQUIRED_MEGABYTES = 4096;
    /** Windows 10 / Server 2016: the first builds with an inbox WPR that traces boots. */
    public static final int MINIMUM_BUILD = 10240;

    /** INF names and file names: what a {@code --target} is, and all that may reach a script line unescaped. */
    private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,99}");
    private static final Pattern PROCMON_NAME = Pattern.compile("(?i)procmon(64)?\\.exe");

    /**
     * @param target  the driver package the case is about (oposdrv.inf), or null
     * @param lang    {@code en} or {@code zh-CN}: the language of collect.cmd's messages
     * @param procmon Procmon.exe or Procmon64.exe to ship in the kit, or null (WPR only)
     * @param version the lockscope version written into the kit
     */
    public record Options(String target, String lang, Path procmon, String version) {
        public Options {
            if (target != null && !TARGET.matcher(target).matches()) {
                throw new IllegalArgumentException("a target is an INF or file name (letters, digits, '.', '_', '-'), not '"
                        + target + "'");
            }
            if (!lang.equals("en") && !lang.equals("zh-CN")) {
                throw new IllegalArgumentException("the kit's language is en or zh-CN, not '" + lang + "'");
            }
        }
    }

    private static final PebbleEngine ENGINE = createEngine();

    private CaptureKit() {
    }

    /**
     * Writes the kit into {@code folder} (created if absent; files of the same names are replaced).
     *
     * @return the files written, in the order above
     */
    public static List<Path> write(Path folder, Options options) throws IOException {
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        written.add(copyResource(PROFILE, folder.resolve(PROFILE)));
        written.add(writeText(folder.resolve(SCRIPT), render("collect.cmd.peb", options)));
        written.add(writeText(folder.resolve(README), render("README.txt.peb", options)));
        written.add(writeText(folder.resolve(README_ZH_CN), render("README.zh-CN.txt.peb", options)));
        if (options.procmon() != null) {
            String name = options.procmon().getFileName().toString();
            Path copy = folder.resolve(PROCMON_NAME.matcher(name).matches() ? name : "Procmon.exe");
            written.add(Files.copy(options.procmon(), copy, StandardCopyOption.REPLACE_EXISTING));
        }
        return written;
    }

    /** The text of one kit template for {@code options}, with LF line ends. */
    static String render(String template, Options options) {
        Map<String, Object> context = new HashMap<>();
        context.put("version", options.version());
        context.put("target", options.target());
        context.put("procmon", options.procmon() != null);
        context.put("utf8", options.lang().equals("zh-CN"));
        context.put("requiredMegabytes", REQUIRED_MEGABYTES);
        context.put("requiredGigabytes", REQUIRED_MEGABYTES / 1024);
        context.put("minimumBuild", MINIMUM_BUILD);
        context.put("files", uploadNames());
        context.put("messages", messages(options.lang()));
        StringWriter out = new StringWriter();
        try {
            PebbleTemplate t = ENGINE.getTemplate(template);
            t.evaluate(out, context, Locale.ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** collect.cmd's messages in {@code lang}. */
    static ResourceBundle messages(String lang) {
        return ResourceBundle.getBundle("io.lockscope.kit.collect", Locale.forLanguageTag(lang),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static Map<String, String> uploadNames() {
        return Map.ofEntries(Map.entry("trace", UploadLayout.TRACE), Map.entry("cbs", UploadLayout.CBS_FOLDER), Map.entry("procmonLog", UploadLayout.PROCMON_LOG),
                Map.entry("setupapiDev", UploadLayout.SETUPAPI_DEV),
                Map.entry("setupapiOffline", UploadLayout.SETUPAPI_OFFLINE),
                Map.entry("filters", UploadLayout.FILTERS), Map.entry("instances", UploadLayout.INSTANCES),
                Map.entry("services", UploadLayout.SERVICES), Map.entry("drivers", UploadLayout.DRIVERS),
                Map.entry("packages", UploadLayout.PACKAGES), Map.entry("updateHistory", UploadLayout.UPDATE_HISTORY),
                Map.entry("collectLog", UploadLayout.COLLECT_LOG), Map.entry("manifest", UploadLayout.MANIFEST));
    }

    /** Writes UTF-8 text with CRLF line ends: cmd needs them for its labels, and Notepad of older Windows too. */
    private static Path writeText(Path file, String text) throws IOException {
        return Files.writeString(file, text.replace("\r\n", "\n").replace("\n", "\r\n"), StandardCharsets.UTF_8);
    }

    private static Path copyResource(String name, Path target) throws IOException {
        try (InputStream in = CaptureKit.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the kit resource " + name + " is missing from this build");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /**
     * Escapes text for an {@code echo} inside a parenthesised cmd block: {@code ^} before each of
     * {@code ^ & | < > ( )}, and {@code %} doubled. Messages hold no double quote (after one, cmd
     * would take the carets literally); {@code KitTextsTest} checks that.
     */
    static String escapeForEcho(String text) {
        StringBuilder b = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '^', '&', '|', '<', '>', '(', ')' -> b.append('^').append(c);
                case '%' -> b.append("%%");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** {@code echo.} for an empty line: a bare {@code echo} would print whether echoing is on. */
    private static String echo(String escapedLine) {
        return escapedLine.isEmpty() ? "echo." : "echo " + escapedLine;
    }

    private static PebbleEngine createEngine() {
        ClasspathLoader loader = new ClasspathLoader(CaptureKit.class.getClassLoader());
        loader.setPrefix("io/lockscope/kit");
        loader.setCharset("UTF-8");
        return new PebbleEngine.Builder()
                .loader(loader)
                .autoEscaping(false)
                .strictVariables(true)
                .newLineTrimming(false)
                .extension(new ScriptFunctions())
                .build();
    }

    /**
     * {@code say(key, args…)}: one script line that prints a message on the console and appends it to
     * collect.log; {@code log(key)}: one line that only appends it to collect.log, with the time.
     * Arguments are script text (variable references such as {@code %LS_ZIP%}), put in unescaped.
     */
    private static final class ScriptFunctions extends AbstractExtension {
        @Override
        public Map<String, Function> getFunctions() {
            return Map.of("say", new MessageFunction(true), "log", new MessageFunction(false));
        }
    }

    private record MessageFunction(boolean toConsole) implements Function {
        @Override
        public List<String> getArgumentNames() {
            return null; // variadic: the key, then the arguments
        }

        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int lineNumber) {
            ResourceBundle messages = (ResourceBundle) context.getVariable("messages");
            String key = (String) args.get("0");
            String text = escapeForEcho(messages.getString(toConsole ? key : "log." + key));
            for (int i = 1; args.containsKey(Integer.toString(i)); i++) {
                text = text.replace("{" + (i - 1) + "}", String.valueOf(args.get(Integer.toString(i))));
            }
            StringBuilder line = new StringBuilder("(");
            String[] lines = text.split("\n", -1);
            if (toConsole) {
                for (String l : lines) {
                    line.append(echo(l)).append('&');
                }
                for (String l : lines) {
                    line.append(">>\"%LS_LOG%\" ").append(echo(l)).append('&');
                }
            } else {
                line.append(">>\"%LS_LOG%\" echo [%DATE% %TIME%] ").append(lines[0]).append('&');
            }
            line.setLength(line.length() - 1);
            return line.append(')').toString();
        }
    }
}
