package io.lockscope.ingest;

import io.lockscope.generate.CaseFormats;
import io.lockscope.generate.CaseGenerator;
import io.lockscope.generate.GenerateOptions;
import io.lockscope.generate.Scenario;

/** What the fuzz targets share: their limits (constants, as annotations need them) and the case of their seeds. */
public final class Fuzzing {
    /**
     * A reader that takes longer than this on one input hangs: the largest seed (a few hundred KB) reads in
     * well under a second. It is generous because the first input of a fuzzing run also pays for the
     * fuzzer instrumenting every class it loads, which took over 30 s on a loaded 2-core machine.
     * bin/fuzz passes it to libFuzzer as its per-input timeout.
     */
    public static final long SECONDS_PER_INPUT = 120;
    /**
     * How long {@code bin/fuzz} fuzzes one target when it is not stopped sooner; {@code bin/fuzz MINUTES}
     * stops each target after MINUTES.
     */
    public static final String MAX_DURATION = "60m";
    /** The generated case the seeds come from ({@link Scenario#LOCK_HOLDER}): the smallest, in every format. */
    public static final GenerateOptions SEED_CASE = GenerateOptions.defaults()
            .withEvents(CaseGenerator.minimumEvents(Scenario.LOCK_HOLDER, 1) + 20)
            .withFormats(CaseFormats.parse("csv,xml,pml,logs"));

    private Fuzzing() {
    }
}
