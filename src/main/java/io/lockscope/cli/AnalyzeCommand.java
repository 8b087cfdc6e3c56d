package io.lockscope.cli;

import picocli.CommandLine.Command;

@Command(name = "analyze", description = "Not yet available in this version.")
final class AnalyzeCommand extends NotYetAvailable {
}
