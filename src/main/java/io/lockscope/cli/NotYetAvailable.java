package io.lockscope.cli;

import picocli.CommandLine;

import java.util.concurrent.Callable;

/** Base of commands whose implementation has not landed: they say so and exit 2, never fake output. */
abstract class NotYetAvailable implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Unmatched
    java.util.List<String> ignored;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("lockscope " + spec.name() + ": not yet available in this version");
        return Main.USAGE;
    }
}
