package io.lockscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --lang}, for the commands whose output is worded. */
final class LanguageOption {
    @Option(names = "--lang", defaultValue = "en", paramLabel = "en|zh-CN",
            description = "Language of the output: en or zh-CN (default: ${DEFAULT-VALUE}).")
    String lang;

    /** The language, checked before any input is read: anything else is a usage error. */
    String checked(CommandSpec spec) {
        if (!lang.equals("en") && !lang.equals("zh-CN")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--lang must be en or zh-CN, not '" + lang + "'");
        }
        return lang;
    }
}
