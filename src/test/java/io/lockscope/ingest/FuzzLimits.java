package io.lockscope.ingest;

/** The limits every fuzz target runs under (constants, as annotations need them). */
public final class FuzzLimits {
    /**
     * A reader that takes longer than this on one input hangs: the largest seed (a few MB) reads in well
     * under a second. Jazzer passes it to libFuzzer as its per-input timeout when fuzzing.
     */
    public static final long SECONDS_PER_INPUT = 30;
    /**
     * How long {@code bin/fuzz} fuzzes one target when it is not stopped sooner; {@code bin/fuzz MINUTES}
     * stops each target after MINUTES.
     */
    public static final String MAX_DURATION = "60m";

    private FuzzLimits() {
    }
}
