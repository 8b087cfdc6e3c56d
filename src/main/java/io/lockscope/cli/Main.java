package io.lockscope.cli;

import io.lockscope.batch.OutOfMemory;
import io.lockscope.ingest.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.ref.Reference;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** The {@code lockscope} command: one class per subcommand, exit codes per DESIGN.md. */
@Command(name = "lockscope", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Names who blocked a Windows reboot-phase driver update, from procmon, ETW and servicing logs.",
        subcommands = {AnalyzeCommand.class, TimelineCommand.class, HoldersCommand.class, InfoCommand.class,
                ConvertCommand.class, BatchCommand.class, RulesCommand.class, GenerateCommand.class, KitCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** The {@link ExitCode}s as {@link #run} returns them. */
    public static final int OK = ExitCode.OK.code();
    public static final int BAD_INPUT = ExitCode.BAD_INPUT.code();
    public static final int USAGE = ExitCode.USAGE.code();
    public static final int INTERNAL = ExitCode.INTERNAL.code();
    public static final int FINDING = ExitCode.FINDING.code();
    /** Heap held while a command runs, let go when it runs out of memory so that the message can be written. */
    private static final int OUT_OF_MEMORY_RESERVE = 256 << 10;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI in-process with the given streams (tests use this) and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setCaseInsensitiveEnumValuesAllowed(true); // --fail-on Warning, --to CSV: nobody means another value
        for (CommandLine command : cli.getSubcommands().values()) {
            command.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, Main::examples);
        }
        GenerateCommand.listScenarios(cli.getSubcommands().get("generate"));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            if (cause instanceof BadInputException bad) {
                err.println("lockscope: " + bad.getMessage());
                return BAD_INPUT;
            }
            if (cause instanceof IOException io) {
                err.println("lockscope: " + describe(io));
                return BAD_INPUT;
            }
            err.println("lockscope: internal error: " + cause);
            if (System.getenv("LOCKSCOPE_DEBUG") != null) {
                cause.printStackTrace(err);
            } else {
                err.println("(set LOCKSCOPE_DEBUG=1 for the stack trace, and please report it)");
            }
            return INTERNAL;
        });
        // made, and heap set aside, before the command can fill the heap: with the heap full, even making
        // a message allocates, and an error escaping main would print the JVM's own trace
        String outOfMemory = "lockscope: " + OutOfMemory.line();
        byte[] reserve = new byte[OUT_OF_MEMORY_RESERVE];
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands Errors through; a user still gets one line, not a stack trace
            reserve = null;
            return tellOutOfMemory(outOfMemory, err);
        } finally {
            Reference.reachabilityFence(reserve);
        }
    }

    /**
     * Writes the out-of-memory line, trying again a few times while the heap is still full: the helper
     * threads of a failed read stop at their next batch, and what they hold is then free.
     */
    private static int tellOutOfMemory(String line, PrintWriter err) {
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                err.println(line);
                return INTERNAL;
            } catch (OutOfMemoryError stillFull) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return INTERNAL;
    }

    /** An I/O failure in words, without the exception's class name. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file or folder";
        }
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + ": access denied";
        }
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : "cannot be read or written");
        }
        return e.getMessage() != null ? e.getMessage() : "an I/O error without a message";
    }

    /**
     * A usage error is one line naming what is wrong and where to read more, never the whole help: the
     * help is one command away, and a 27-line page pushes the message off a small terminal.
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        String message = e.getMessage().strip();
        cli.getErr().printf("lockscope: %s; see '%s --help'%n", message.endsWith(".") ? message.substring(0, message.length() - 1)
                : message, cli.getCommandSpec().qualifiedName());
        return USAGE;
    }

    /**
     * The footer, which holds a command's examples, as written: picocli would wrap it at 80 columns, in the
     * middle of a command line ("-o report." / "html"), and a wrapped example does not paste.
     */
    private static String examples(CommandLine.Help help) {
        StringBuilder text = new StringBuilder();
        for (String line : help.commandSpec().usageMessage().footer()) {
            text.append(line).append(System.lineSeparator());
        }
        return text.toString();
    }
}
