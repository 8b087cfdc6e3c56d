package io.lockscope.ingest.servicing;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lockscope.ingest.Fuzzing;
import io.lockscope.ingest.ReadContract;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.List;

/**
 * Coverage-guided fuzz targets for the servicing readers ({@link ReadContract}). CBS.log and setupapi.dev.log
 * have a target each; the six small command-output readers (fltmc filters and instances, FilterList.log, sc,
 * dism, pnputil) share one that hands every input to all of them, so each seed exercises all six.
 */
@Timeout(Fuzzing.SECONDS_PER_INPUT)
class ServicingFuzzTest {
    private static final List<ServicingLogReader> COMMAND_OUTPUTS = List.of(new FltmcFiltersReader(),
            new FltmcInstancesReader(), new FilterListLogReader(), new ScServiceReader(), new DismDriversReader(),
            new PnputilDriversReader());

    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void cbsLog(byte[] data) throws IOException {
        ReadContract.read(new CbsLogReader(), data);
    }

    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void setupapiLog(byte[] data) throws IOException {
        ReadContract.read(new SetupapiLogReader(), data);
    }

    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void commandOutputs(byte[] data) throws IOException {
        for (ServicingLogReader reader : COMMAND_OUTPUTS) {
            ReadContract.read(reader, data);
        }
    }
}
