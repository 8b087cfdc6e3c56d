package io.lockscope.model.servicing;

/**
 * Where in the install cycle CBS was when it logged a line (servicing.md §1.2): online before the
 * reboot, shutdown processing ({@code Shtd:} prefix) or startup processing at the next boot
 * ({@code Startup:} prefix, "Working on updates").
 */
public enum ServicingPhase {
    ONLINE("Online"),
    SHUTDOWN("Shtd"),
    STARTUP("Startup");

    private final String label;

    ServicingPhase(String label) {
        this.label = label;
    }

    /** The spelling of the JSON report's {@code servicing.phase} (and of CBS's own line prefix). */
    public String label() {
        return label;
    }
}
