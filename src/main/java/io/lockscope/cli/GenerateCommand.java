package io.lockscope.cli;

import picocli.CommandLine.Command;

@Command(name = "generate", description = "Not yet available in this version.")
final class GenerateCommand extends NotYetAvailable {
}
