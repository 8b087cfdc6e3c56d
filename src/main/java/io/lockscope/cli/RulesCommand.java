package io.lockscope.cli;

import picocli.CommandLine.Command;

@Command(name = "rules", description = "Not yet available in this version.")
final class RulesCommand extends NotYetAvailable {
}
