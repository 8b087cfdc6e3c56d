package io.lockscope.cli;

import picocli.CommandLine.Command;

@Command(name = "holders", description = "Not yet available in this version.")
final class HoldersCommand extends NotYetAvailable {
}
