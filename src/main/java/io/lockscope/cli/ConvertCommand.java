package io.lockscope.cli;

import picocli.CommandLine.Command;

@Command(name = "convert", description = "Not yet available in this version.")
final class ConvertCommand extends NotYetAvailable {
}
