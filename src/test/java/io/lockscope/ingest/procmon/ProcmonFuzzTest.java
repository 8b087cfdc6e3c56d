package io.lockscope.ingest.procmon;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lockscope.ingest.Fuzzing;
import io.lockscope.ingest.ReadContract;
import io.lockscope.ingest.procmon.csv.ProcmonCsvReader;
import io.lockscope.ingest.procmon.pml.PmlReader;
import io.lockscope.ingest.procmon.xml.ProcmonXmlReader;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;

/**
 * Coverage-guided fuzz targets for the procmon readers ({@link ReadContract}). A plain build replays the
 * seeds and found crashes under {@code ProcmonFuzzTestInputs/}; {@code bin/fuzz} fuzzes them.
 */
@Timeout(Fuzzing.SECONDS_PER_INPUT)
class ProcmonFuzzTest {
    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void pml(byte[] data) throws IOException {
        ReadContract.read(new PmlReader(), data);
    }

    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void csv(byte[] data) throws IOException {
        ReadContract.read(new ProcmonCsvReader(), data);
    }

    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void xml(byte[] data) throws IOException {
        ReadContract.read(new ProcmonXmlReader(), data);
    }
}
