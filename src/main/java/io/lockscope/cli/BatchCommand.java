package io.lockscope.cli;

import picocli.CommandLine.Command;

@Command(name = "batch", description = "Not yet available in this version.")
final class BatchCommand extends NotYetAvailable {
}
