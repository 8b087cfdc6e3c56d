package io.lockscope.ingest.procmon.pml;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lockscope.ingest.Fuzzing;
import io.lockscope.ingest.ReadContract;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;

/**
 * A fuzz target for the PML read in parts ({@link ReadContract}): the default reader reads a file in parts
 * only from 262,144 events, far beyond what a fuzzer makes, so this one does from 4 events (parts of at least
 * 2), with mapping windows of 4 KB. Its seeds are under {@code PmlPartsFuzzTestInputs/}; {@code bin/fuzz
 * PmlPartsFuzzTest#pmlInParts} fuzzes it.
 */
@Timeout(Fuzzing.SECONDS_PER_INPUT)
class PmlPartsFuzzTest {
    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void pmlInParts(byte[] data) throws IOException {
        ReadContract.read(new PmlReader(12, 2), data);
    }
}
