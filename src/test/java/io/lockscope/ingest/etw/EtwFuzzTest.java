package io.lockscope.ingest.etw;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.lockscope.ingest.Fuzzing;
import io.lockscope.ingest.ReadContract;
import io.lockscope.ingest.etw.export.TracerptCsvReader;
import io.lockscope.ingest.etw.export.TracerptXmlReader;
import io.lockscope.ingest.etw.export.WpaCsvReader;
import io.lockscope.ingest.etw.export.XperfDumperReader;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;

/**
 * Coverage-guided fuzz targets for the ETW readers ({@link ReadContract}): the ETL reader from plain and from
 * XPRESS-compressed seeds (one reader, two starting points: the fuzzer rarely finds a valid compressed
 * buffer by itself), and the four text exports. Seeds and found crashes are under {@code EtwFuzzTestInputs/}.
 */
@Timeout(Fuzzing.SECONDS_PER_INPUT)
class EtwFuzzTest {
    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void etl(byte[] data) throws IOException {
        ReadContract.read(new EtlTraceReader(), data);
    }

    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void etlXpress(byte[] data) throws IOException {
        ReadContract.read(new EtlTraceReader(), data);
    }

    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void tracerptCsv(byte[] data) throws IOException {
        ReadContract.read(new TracerptCsvReader(), data);
    }

    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void tracerptXml(byte[] data) throws IOException {
        ReadContract.read(new TracerptXmlReader(), data);
    }

    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void xperfDumper(byte[] data) throws IOException {
        ReadContract.read(new XperfDumperReader(), data);
    }

    @FuzzTest(maxDuration = Fuzzing.MAX_DURATION)
    void wpaCsv(byte[] data) throws IOException {
        ReadContract.read(new WpaCsvReader(), data);
    }
}
