package io.lockscope.cli;

/**
 * lockscope's exit codes (docs/cli.md), so that a script can tell a bad file from a usage error from a
 * finding. Commands return them; {@link Main} turns exceptions into them.
 */
public enum ExitCode {
    /** Done, and no finding at or above {@code --fail-on}. */
    OK(0),
    /** An input could not be read, or was read with damage. */
    BAD_INPUT(1),
    /** The command line was wrong. */
    USAGE(2),
    /** A fault in lockscope itself. */
    INTERNAL(3),
    /** A finding at or above {@code --fail-on}. */
    FINDING(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
